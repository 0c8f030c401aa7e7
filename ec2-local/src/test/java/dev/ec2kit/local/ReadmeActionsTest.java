package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The README's list of the emulator's actions is made from the action table itself, so it cannot
 * drift: this test fails when they differ and prints the list to paste (or, with {@code
 * UPDATE_README=1}, writes it).
 */
class ReadmeActionsTest {
  /** The manual's functions, by the action each calls. */
  private static final Set<String> MANUAL =
      Set.of(
          "DescribeRegions",
          "DescribeAvailabilityZones",
          "DescribeImages",
          "RegisterImage",
          "DeregisterImage",
          "CopyImage",
          "RunInstances",
          "DescribeInstances",
          "TerminateInstances",
          "RebootInstances",
          "GetConsoleOutput",
          "CreateKeyPair",
          "DescribeKeyPairs",
          "DeleteKeyPair",
          "CreateSecurityGroup",
          "DescribeSecurityGroups",
          "DeleteSecurityGroup",
          "AuthorizeSecurityGroupIngress",
          "RevokeSecurityGroupIngress",
          "AllocateAddress",
          "DescribeAddresses",
          "ReleaseAddress",
          "AssociateAddress",
          "DisassociateAddress",
          "CreateVolume",
          "DescribeVolumes",
          "DeleteVolume",
          "AttachVolume",
          "DetachVolume",
          "CreateSnapshot",
          "DescribeSnapshots",
          "DeleteSnapshot");

  static String kebab(String action) {
    return action.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  static String rendered() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "<!-- actions:start (made by ReadmeActionsTest from the emulator's action table) -->\n");
    sb.append("| action | the manual's function |\n|---|---|\n");
    for (String action : dev.ec2kit.local.Ec2Local.supportedActions()) {
      sb.append("| `")
          .append(action)
          .append("` | ")
          .append(MANUAL.contains(action) ? "`" + kebab(action) + "`" : "beyond the manual")
          .append(" |\n");
    }
    sb.append("<!-- actions:end -->");
    return sb.toString();
  }

  @Test
  void the_readme_lists_exactly_the_actions_the_emulator_answers() throws Exception {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int start = text.indexOf("<!-- actions:start");
    int end = text.indexOf("<!-- actions:end -->");
    assertThat(start).as("README.md has the actions markers").isNotNegative();
    String current = text.substring(start, end + "<!-- actions:end -->".length());
    String wanted = rendered();
    if (!current.equals(wanted) && "1".equals(System.getenv("UPDATE_README"))) {
      Files.writeString(readme, text.replace(current, wanted), StandardCharsets.UTF_8);
      return;
    }
    assertThat(current)
        .as("README.md's action list (run with UPDATE_README=1 to rewrite it)")
        .isEqualTo(wanted);
  }
}
