package dev.ec2kit.cli;

import dev.ec2kit.Ec2;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every command that calls EC2 shares: the client, the writers, the output format. */
abstract class ApiCommand implements Callable<Integer> {
  @ParentCommand Ec2Command parent;
  @Spec CommandSpec spec;

  Ec2 ec2() {
    return parent.client(spec);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  GlobalOptions.Format format() {
    return parent.global.format(parent.env(), parent.output);
  }

  /** This command line's output settings and answers. */
  Output output() {
    return parent.output;
  }

  /** The AWS CLI's JSON form: [{"Name": "tag:Role", "Values": ["web"]}, ...]. */
  private static void jsonFilters(String json, Map<String, List<String>> out) {
    Object parsed;
    try {
      parsed = Output.parseJson(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--filters '" + json + "' is not JSON: " + e.getMessage());
    }
    List<?> list = parsed instanceof List<?> l ? l : List.of(parsed);
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m)
          || !(m.get("Name") instanceof String name)
          || !(m.get("Values") instanceof List<?> values)) {
        throw new IllegalArgumentException(
            "--filters JSON must be [{\"Name\": \"NAME\", \"Values\": [\"V1\", ...]}, ...]");
      }
      for (Object v : values) {
        out.computeIfAbsent(name, k -> new ArrayList<>()).add(String.valueOf(v));
      }
    }
  }

  /**
   * EC2 filters as the AWS CLI writes them ({@code Name=instance-type,Values=t3.micro,t3.small}) or
   * shorter ({@code instance-type=t3.micro,t3.small}), or as the AWS CLI's JSON.
   */
  static Map<String, List<String>> filters(List<String> specs) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String s : specs) {
      if (s.strip().startsWith("[") || s.strip().startsWith("{")) {
        jsonFilters(s, out);
        continue;
      }
      String name;
      String values;
      if (s.startsWith("Name=")) {
        int v = s.indexOf(",Values=");
        if (v < 0) {
          throw new IllegalArgumentException(
              "--filter '" + s + "' needs Values: Name=NAME,Values=V1,V2");
        }
        name = s.substring("Name=".length(), v);
        values = s.substring(v + ",Values=".length());
      } else {
        int eq = s.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "--filter '" + s + "' must be NAME=V1,V2 or Name=NAME,Values=V1,V2");
        }
        name = s.substring(0, eq);
        values = s.substring(eq + 1);
      }
      out.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(values.split(",")));
    }
    return out;
  }
}
