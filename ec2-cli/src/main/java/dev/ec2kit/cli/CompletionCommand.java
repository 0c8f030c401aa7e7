package dev.ec2kit.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ec2 completion bash|zsh}: a shell completion script for every subcommand and option
 * (picocli's generator), and every operation and waiter of the model with its arguments. Load it
 * with {@code source <(./ec2 completion bash)}.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description =
        "Print a completion script: source <(./ec2 completion bash) (zsh: the same, after bashcompinit).")
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", defaultValue = "bash", description = "bash or zsh.")
  String shell;

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new IllegalArgumentException("completion takes bash or zsh, not '" + shell + "'");
    }
    String script = AwsCompletion.extend(AutoComplete.bash("ec2", spec.root().commandLine()));
    if (shell.equals("zsh")) {
      script =
          "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
              + script;
    }
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
