package dev.ec2kit.ssh;

/**
 * What a command on an instance printed and how it ended, like the manual's {@code
 * ssh-command-output}: standard output, standard error, exit status.
 *
 * <pre>{@code
 * CommandResult r = ssh.sshCommandOutput(instance, "df -h /");
 * if (!r.succeeded()) {
 *   System.err.println(r.stderr());
 * }
 * }</pre>
 *
 * @param stdout what the command wrote on standard output, decoded as UTF-8
 * @param stderr what it wrote on standard error, decoded as UTF-8
 * @param exitStatus its exit status, or -1 when the host reported none
 */
public record CommandResult(String stdout, String stderr, int exitStatus) {
  /**
   * Whether the command succeeded.
   *
   * @return {@code true} when it exited 0
   */
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
