package dev.ec2kit.ssh.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.scp.common.ScpTargetStreamResolver;
import org.apache.sshd.scp.common.ScpTransferEventListener;
import org.apache.sshd.scp.common.helpers.DefaultScpFileOpener;
import org.apache.sshd.scp.common.helpers.ScpTimestampCommandDetails;

/**
 * Checks every name an scp server sends before anything is written under it, as OpenSSH's scp does
 * since 8.0 (CVE-2019-6111): the server is not ours to trust, and MINA's client would write {@code
 * C0644 6 ../../x} or an absolute name wherever it points. A name must be one path component; in a
 * download that is not recursive it must also be what was asked for: the last component of the
 * remote path, matched as the remote shell would glob it ({@code *}, {@code ?}, {@code [...]},
 * {@code {a,b}}). One guard serves one download: it counts the directories it is inside.
 */
public final class ScpReceiveGuard extends DefaultScpFileOpener
    implements ScpTransferEventListener {
  private final String requested;
  private final boolean recursive;
  private final Pattern expected;
  private int depth; // directories entered and not yet left; one download runs on one thread

  /** A guard for one download of {@code remote} (the path asked for). */
  public ScpReceiveGuard(String remote, boolean recursive) {
    this.requested = lastComponent(remote);
    this.recursive = recursive;
    this.expected = glob(requested);
  }

  @Override
  public ScpTargetStreamResolver createScpTargetStreamResolver(Session session, Path path)
      throws IOException {
    ScpTargetStreamResolver resolver = super.createScpTargetStreamResolver(session, path);
    return new ScpTargetStreamResolver() {
      @Override
      public java.io.OutputStream resolveTargetStream(
          Session s,
          String name,
          long length,
          Set<PosixFilePermission> perms,
          java.nio.file.OpenOption... options)
          throws IOException {
        check(name, false);
        return resolver.resolveTargetStream(s, name, length, perms, options);
      }

      @Override
      public void closeTargetStream(
          Session s,
          String name,
          long length,
          Set<PosixFilePermission> perms,
          java.io.OutputStream stream)
          throws IOException {
        resolver.closeTargetStream(s, name, length, perms, stream);
      }

      @Override
      public Path getEventListenerFilePath() {
        return resolver.getEventListenerFilePath();
      }

      @Override
      public void postProcessReceivedData(
          String name,
          boolean preserve,
          Set<PosixFilePermission> perms,
          ScpTimestampCommandDetails time)
          throws IOException {
        resolver.postProcessReceivedData(name, preserve, perms, time);
      }
    };
  }

  @Override
  public Path resolveIncomingFilePath(
      Session session,
      Path localPath,
      String name,
      boolean preserve,
      Set<PosixFilePermission> permissions,
      ScpTimestampCommandDetails time)
      throws IOException {
    check(name, true);
    return super.resolveIncomingFilePath(session, localPath, name, preserve, permissions, time);
  }

  @Override
  public void startFolderEvent(
      Session session, FileOperation op, Path file, Set<PosixFilePermission> perms) {
    depth++;
  }

  @Override
  public void endFolderEvent(
      Session session,
      FileOperation op,
      Path file,
      Set<PosixFilePermission> perms,
      Throwable thrown) {
    depth--;
  }

  /** Refuses the name unless it is one component and, where that is checked, what was asked. */
  void check(String name, boolean directory) throws IOException {
    String why = null;
    if (name.isEmpty()) {
      why = "an empty name";
    } else if (name.indexOf('\0') >= 0) {
      why = "a name with a NUL character";
    } else if (name.indexOf('/') >= 0 || name.indexOf(File.separatorChar) >= 0) {
      why = "a path, not a single name";
    } else if (name.equals("..")) {
      why = "the parent directory";
    } else if (name.equals(".")) {
      // OpenSSH's server names the directory "." when "." itself was asked for with -r
      boolean asked = directory && recursive && depth == 0 && requested.equals(".");
      why = asked ? null : "the target directory itself";
    } else if (!recursive && depth == 0 && !expected.matcher(name).matches()) {
      why = "not the " + quoted(requested) + " that was asked for";
    }
    if (why != null) {
      throw new IOException(
          "download refused: the instance sent the name "
              + quoted(name)
              + ", "
              + why
              + "; nothing was written under it");
    }
  }

  private static String lastComponent(String remote) {
    String r = remote;
    while (r.length() > 1 && r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    return r.substring(r.lastIndexOf('/') + 1);
  }

  /** The name in double quotes, with control and non-ASCII characters escaped. */
  static String quoted(String name) {
    StringBuilder sb = new StringBuilder("\"");
    for (int k = 0; k < name.length(); k++) {
      char c = name.charAt(k);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c >= 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /**
   * A shell glob as a regular expression: {@code *}, {@code ?}, {@code [...]} ({@code !} or {@code
   * ^} negates), {@code {a,b}} alternation and {@code \} escapes; anything else stands for itself.
   */
  static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    int braces = 0;
    for (int k = 0; k < pattern.length(); k++) {
      char c = pattern.charAt(k);
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        case '\\' -> {
          if (k + 1 < pattern.length()) {
            re.append(Pattern.quote(String.valueOf(pattern.charAt(++k))));
          } else {
            re.append("\\\\");
          }
        }
        case '[' -> {
          int end = classEnd(pattern, k);
          if (end < 0) {
            re.append("\\[");
          } else {
            re.append(charClass(pattern.substring(k + 1, end)));
            k = end;
          }
        }
        case '{' -> {
          if (pattern.indexOf('}', k) > k) {
            re.append("(?:");
            braces++;
          } else {
            re.append("\\{");
          }
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        case '}' -> {
          if (braces > 0) {
            re.append(')');
            braces--;
          } else {
            re.append("\\}");
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    re.append(")".repeat(braces));
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** Where the class opened at {@code open} closes (a leading {@code ]} is a member), or -1. */
  private static int classEnd(String p, int open) {
    int k = open + 1;
    if (k < p.length() && (p.charAt(k) == '!' || p.charAt(k) == '^')) {
      k++;
    }
    if (k < p.length() && p.charAt(k) == ']') {
      k++;
    }
    int end = p.indexOf(']', k);
    return end;
  }

  private static String charClass(String body) {
    StringBuilder sb = new StringBuilder("[");
    int k = 0;
    if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
      sb.append('^');
      k = 1;
    }
    for (; k < body.length(); k++) {
      char c = body.charAt(k);
      if (c == '-' && k > 0 && k < body.length() - 1 && sb.length() > 1) {
        sb.append('-');
      } else if (Character.isLetterOrDigit(c)) {
        sb.append(c);
      } else {
        sb.append('\\').append(c);
      }
    }
    return sb.append(']').toString();
  }
}
