package dev.ec2kit.ssh;

/**
 * A command on an instance failed there: it exited non-zero, or printed what the helper could not
 * read. Carries the host, the exit status and what the command wrote on stderr. (Failures to reach
 * or log in to the host are {@link java.io.UncheckedIOException}s naming it.)
 *
 * <pre>{@code
 * try {
 *   ssh.queryLoad(instance);
 * } catch (SshException e) {
 *   System.err.println(e.host() + " exited " + e.exitStatus() + ": " + e.stderr());
 * }
 * }</pre>
 */
public final class SshException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String host;
  private final int exitStatus;
  private final String stderr;

  public SshException(String host, int exitStatus, String stderr, String message) {
    super(message);
    this.host = host;
    this.exitStatus = exitStatus;
    this.stderr = stderr == null ? "" : stderr;
  }

  /** The instance's id and address, as the message names it. */
  public String host() {
    return host;
  }

  /** The command's exit status (-1 when it reported none). */
  public int exitStatus() {
    return exitStatus;
  }

  /** What the command wrote on standard error. */
  public String stderr() {
    return stderr;
  }
}
