package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.internal.credentials.Json;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The filter table is made from botocore's model (the copy checked in with the client): for every
 * action the emulator answers whose input has a {@code Filters} member, every name its
 * documentation lists (and the aliases it gives inline) is taken, and a name it does not list is
 * refused with InvalidParameterValue. A Describe added to the emulator without its filters fails
 * here. Whether each name really filters is FilterValuesPeerTest's part.
 */
@Emulated
class FilterModelTest {
  private static final Pattern ITEM = Pattern.compile("<li>\\s*<p>\\s*<code>([^<]+)</code>");
  private static final Pattern ALIASES =
      Pattern.compile(
          "[Yy]ou can also use ((?:<code>[^<]+</code>(?:\\s*,?\\s*or\\s*|\\s*,\\s*)?)+)\\s*as the"
              + " filter name");
  private static final Pattern CODE = Pattern.compile("<code>([^<]+)</code>");

  /** Each action the emulator answers with a Filters member, to the names its model documents. */
  @SuppressWarnings("unchecked")
  static Map<String, Set<String>> documented() throws Exception {
    Path gz = Path.of("..", "ec2-client", "src", "model", "botocore", "service-2.json.gz");
    String text;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, Object> model = Json.object(text);
    Map<String, Object> operations = (Map<String, Object>) model.get("operations");
    Map<String, Object> shapes = (Map<String, Object>) model.get("shapes");
    Map<String, Set<String>> out = new TreeMap<>();
    for (String action : Ec2Local.supportedActions()) {
      Map<String, Object> op = (Map<String, Object>) operations.get(action);
      if (op == null || !op.containsKey("input")) {
        continue;
      }
      String input = (String) ((Map<String, Object>) op.get("input")).get("shape");
      Map<String, Object> members =
          (Map<String, Object>)
              ((Map<String, Object>) shapes.get(input)).getOrDefault("members", Map.of());
      Map<String, Object> member =
          (Map<String, Object>) members.getOrDefault("Filters", members.get("Filter"));
      if (member == null) {
        continue;
      }
      String doc = (String) member.getOrDefault("documentation", "");
      Set<String> names = new LinkedHashSet<>();
      Matcher m = ITEM.matcher(doc);
      while (m.find()) {
        String name = m.group(1).trim();
        names.add(name.startsWith("tag:") || name.equals("tag") ? "tag:Name" : name);
      }
      Matcher a = ALIASES.matcher(doc);
      while (a.find()) {
        Matcher c = CODE.matcher(a.group(1));
        while (c.find()) {
          names.add(c.group(1));
        }
      }
      out.put(action, names);
    }
    return out;
  }

  /** What an action needs besides its filters to be a valid call. */
  private static final Map<String, String> REQUIRED =
      Map.of("DescribeLaunchTemplateVersions", "&LaunchTemplateVersion.1=%24Latest");

  private static String describe(Ec2Local local, String action, String name) throws Exception {
    return Raw.signed(
            local,
            Instant.now(),
            "Action="
                + action
                + "&Version=2016-11-15"
                + REQUIRED.getOrDefault(action, "")
                + "&Filter.1.Name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&Filter.1.Value.1=x")
        .body();
  }

  @Test
  void every_documented_filter_of_every_describe_is_taken_and_an_unknown_one_refused(Ec2Local local)
      throws Exception {
    Map<String, Set<String>> documented = documented();
    // the emulator's Describes that take filters, so that the table cannot lose one silently
    assertThat(documented.keySet())
        .contains(
            "DescribeInstances",
            "DescribeImages",
            "DescribeInstanceTypes",
            "DescribeSecurityGroups",
            "DescribeVolumes",
            "DescribeSnapshots",
            "DescribeTags",
            "DescribeVpcs");
    Map<String, List<String>> refused = new TreeMap<>();
    List<String> unknownTaken = new ArrayList<>();
    int tried = 0;
    for (Map.Entry<String, Set<String>> e : documented.entrySet()) {
      for (String name : e.getValue()) {
        tried++;
        String body = describe(local, e.getKey(), name);
        if (body.contains("<Errors>")) {
          refused.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(name);
        }
      }
      if (!describe(local, e.getKey(), "no-such-filter")
          .contains("<Code>InvalidParameterValue</Code>")) {
        unknownTaken.add(e.getKey());
      }
    }
    assertThat(refused).as("documented filter names refused").isEmpty();
    assertThat(unknownTaken).as("actions taking an unknown filter name").isEmpty();
    assertThat(tried).isGreaterThan(500);
  }
}
