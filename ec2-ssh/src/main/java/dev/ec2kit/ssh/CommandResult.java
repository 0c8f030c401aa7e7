package dev.ec2kit.ssh;

/**
 * What a command on an instance printed and how it ended, like the manual's {@code
 * ssh-command-output}: standard output, standard error, exit status.
 */
public record CommandResult(String stdout, String stderr, int exitStatus) {
  public boolean succeeded() {
    return exitStatus == 0;
  }

  @Override
  public String toString() {
    return "CommandResult[exit "
        + exitStatus
        + ", "
        + stdout.length()
        + " chars out, "
        + stderr.length()
        + " err]";
  }
}
