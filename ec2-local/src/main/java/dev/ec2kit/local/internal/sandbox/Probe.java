package dev.ec2kit.local.internal.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What this machine offers, tried rather than assumed. */
final class Probe {
  private Probe() {}

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
    Process p = pb.start();
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
