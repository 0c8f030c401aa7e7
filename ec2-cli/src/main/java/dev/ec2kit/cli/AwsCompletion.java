package dev.ec2kit.cli;

import dev.ec2kit.internal.model.Model;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completion for the model's operations and waiters, added to picocli's script for the manual's
 * commands: their names among the commands, {@code wait}'s waiters, and each one's {@code --args}
 * with the AWS CLI's global options.
 */
final class AwsCompletion {
  private AwsCompletion() {}

  private static final String GLOBALS =
      "--output --query --region --profile --endpoint-url --debug --no-paginate --max-items"
          + " --starting-token --page-size --cli-input-json --generate-cli-skeleton";

  static String extend(String picocli) {
    Set<String> manual = Ec2Command.COMMANDS.keySet();
    StringBuilder names = new StringBuilder();
    for (String op : AwsCli.operationNames()) {
      if (!manual.contains(op)) {
        names.append(' ').append(op);
      }
    }
    names.append(" wait");
    String marker = "  local commands=\"";
    int at = picocli.indexOf("function _picocli_ec2() {");
    int line = picocli.indexOf(marker, at);
    int end = picocli.indexOf('"', line + marker.length());
    if (at < 0 || line < 0 || end < 0) {
      throw new IllegalStateException("picocli's completion script changed: no commands line");
    }
    StringBuilder out = new StringBuilder(picocli.substring(0, end));
    out.append(names).append(picocli.substring(end));
    out.append(
        "\n# The model's operations and waiters (not the manual's commands: picocli has them).\n");
    out.append("_ec2_aws_options() {\n  case \"$1\" in\n");
    for (String op : AwsCli.operationNames()) {
      if (!manual.contains(op)) {
        out.append("    ").append(op).append(") echo \"").append(options(AwsCli.operation(op)));
        out.append("\" ;;\n");
      }
    }
    for (Map.Entry<String, Model.WaiterSpec> w : Model.ec2().waiters().entrySet()) {
      out.append("    wait:").append(AwsParams.kebab(w.getKey())).append(") echo \"");
      out.append(options(w.getValue().operation())).append("\" ;;\n");
    }
    out.append("  esac\n}\n");
    out.append("_ec2_aws_waiters=\"").append(String.join(" ", AwsCli.waiterNames()));
    out.append("\"\n");
    out.append(
        String.join(
            "\n",
            List.of(
                "function _complete_ec2_all() {",
                "  local cmd=\"${COMP_WORDS[1]}\" cur=\"${COMP_WORDS[COMP_CWORD]}\"",
                "  if [ \"$cmd\" = wait ] && [ \"$COMP_CWORD\" -eq 2 ]; then",
                "    COMPREPLY=( $(compgen -W \"$_ec2_aws_waiters\" -- \"$cur\") ); return 0",
                "  fi",
                "  [ \"$cmd\" = wait ] && cmd=\"wait:${COMP_WORDS[2]}\"",
                "  local opts",
                "  if [ \"$COMP_CWORD\" -ge 2 ] && opts=\"$(_ec2_aws_options \"$cmd\")\" && [ -n \"$opts\" ]; then",
                "    [[ \"$cur\" == -* ]] && COMPREPLY=( $(compgen -W \"$opts "
                    + GLOBALS
                    + "\" -- \"$cur\") )",
                "    return 0",
                "  fi",
                "  _complete_ec2",
                "}",
                "complete -F _complete_ec2_all -o default ec2 ec2.sh ec2.bash",
                "")));
    return out.toString();
  }

  private static String options(String op) {
    return String.join(" ", AwsCli.table(op).keySet());
  }
}
