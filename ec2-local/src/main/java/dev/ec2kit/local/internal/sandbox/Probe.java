package dev.ec2kit.local.internal.sandbox;

import dev.ec2kit.internal.process.Spawns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What this machine offers, tried rather than assumed. */
final class Probe {
  private static final List<String> SFTP_SERVERS =
      List.of(
          "/usr/lib/openssh/sftp-server",
          "/usr/libexec/openssh/sftp-server",
          "/usr/lib/ssh/sftp-server");

  private Probe() {}

  /**
   * What sandboxes here lack, said once at start-up (sudo, sftp-server, cgroups, loop devices), or
   * null when they have everything.
   */
  static String missing(Limits limits, BlockDevices blockDevices) {
    boolean complete = true;
    StringBuilder s =
        new StringBuilder(
            "ec2-local: instances are sandboxes: own mount, UTS, PID and IPC namespaces, an"
                + " overlayfs root (this machine's programs read-only, a copy of /etc, a writable"
                + " layer each), the image's user with sudo");
    if (!Files.isExecutable(Path.of("/usr/bin/sudo"))) {
      complete = false;
      s.append(
          "; sudo is not installed on this machine, so not in instances (apt-get install sudo)");
    }
    if (sftpServer() == null) {
      complete = false;
      s.append(
          "; no sftp-server on this machine, so no sftp into instances (apt-get install"
              + " openssh-sftp-server)");
    }
    if (limits.missing() != null) {
      complete = false;
      s.append("; ").append(limits.missing());
    }
    if (blockDevices.unavailable() != null) {
      complete = false;
      s.append("; EBS volumes attach in the API only, no block devices inside: ")
          .append(blockDevices.unavailable());
    }
    return complete ? null : s.toString();
  }

  /** The path of OpenSSH's sftp-server on this machine, which sandboxes see too, or null. */
  static String sftpServer() {
    for (String s : SFTP_SERVERS) {
      if (Files.isExecutable(Path.of(s))) {
        return s;
      }
    }
    return null;
  }

  /** Why sandboxes cannot be had here, or null when they can. */
  static String unavailable(Path root) {
    String os = System.getProperty("os.name", "");
    if (!os.equals("Linux")) {
      return "this is " + os + ", not Linux";
    }
    for (String tool : List.of("/usr/bin/unshare", "/usr/bin/setpriv")) {
      if (!Files.isExecutable(Path.of(tool))) {
        return tool + " is missing (util-linux)";
      }
    }
    if (!effectiveRoot()) {
      return "the emulator does not run as root, and sandboxes in a user namespace are not"
          + " built yet";
    }
    String helper = buildHelper(root);
    if (helper != null) {
      return helper;
    }
    Path trial = root.resolve(".probe");
    try {
      Files.createDirectories(trial);
      List<String> argv = new java.util.ArrayList<>(Scripts.UNSHARE);
      argv.addAll(
          List.of(
              "/bin/sh",
              "-c",
              "set -e; cd \"$1\"; mkdir l u w m;"
                  + " mount -t overlay overlay -o lowerdir=l,upperdir=u,workdir=w m",
              "ec2-local-probe",
              trial.toString()));
      run(argv, "namespaces and overlayfs");
      return null;
    } catch (IOException e) {
      return e.getMessage();
    } finally {
      Sandboxes.deleteTree(trial);
    }
  }

  /**
   * Builds {@link Sandbox#HELPER}, the way into sandboxes, statically linked (no loader, no
   * preload, no NSS of the instance's can run in it): null when built, else why not.
   */
  static String buildHelper(Path root) {
    String install = " (apt-get install gcc libc6-dev)";
    if (!Files.isExecutable(Path.of("/usr/bin/cc"))) {
      return "no C compiler to build the sandboxes' statically linked entry helper" + install;
    }
    Path out = Sandbox.helper(root);
    try (java.io.InputStream in = Sandbox.class.getResourceAsStream(Sandbox.HELPER + ".c")) {
      if (in == null) {
        return "the sandboxes' entry helper's source is missing from ec2-local";
      }
      Files.createDirectories(out.getParent());
      Path src = out.resolveSibling(Sandbox.HELPER + ".c");
      Files.write(src, in.readAllBytes());
      run(
          List.of("/usr/bin/cc", "-static", "-O2", "-o", out.toString(), src.toString()),
          "building the sandboxes' statically linked entry helper" + install);
      return null;
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  private static boolean effectiveRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          String[] ids = line.substring(4).trim().split("\\s+");
          return ids.length > 1 && ids[1].equals("0");
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  /** Runs a short command as the emulator; its last line of errors in the exception. */
  static void run(List<String> argv, String what) throws IOException {
    run(argv, what, 60);
  }

  /** {@link #run(List, String)} with its own bound, in seconds. */
  static void run(List<String> argv, String what, long seconds) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    Process p = Spawns.start(pb);
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    try {
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(what + ": no answer in " + seconds + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException(what + ": interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          what
              + " refused"
              + (out.isEmpty() ? "" : ": " + out.lines().reduce((a, b) -> b).orElse(out)));
    }
  }
}
