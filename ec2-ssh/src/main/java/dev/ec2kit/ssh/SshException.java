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

  /** The instance's id and address. */
  private final String host;

  /** The command's exit status, -1 for none. */
  private final int exitStatus;

  /** What the command wrote on standard error; empty for nothing. */
  private final String stderr;

  /**
   * A command that failed on {@code host}.
   *
   * @param host the instance's id and address, such as {@code i-0123456789abcdef0
   *     (ubuntu@203.0.113.7:22)}
   * @param exitStatus the command's exit status, or -1 when it reported none
   * @param stderr what it wrote on standard error, or {@code null} for nothing
   * @param message the exception's message, naming the host and what went wrong
   */
  public SshException(String host, int exitStatus, String stderr, String message) {
    super(message);
    this.host = host;
    this.exitStatus = exitStatus;
    this.stderr = stderr == null ? "" : stderr;
  }

  /**
   * The instance the command failed on.
   *
   * @return its id and address, as the message names it
   */
  public String host() {
    return host;
  }

  /**
   * How the command ended.
   *
   * @return its exit status (-1 when it reported none; 0 when it exited well but printed what could
   *     not be read)
   */
  public int exitStatus() {
    return exitStatus;
  }

  /**
   * What the command wrote on standard error.
   *
   * @return the text; empty when it wrote nothing
   */
  public String stderr() {
    return stderr;
  }
}
