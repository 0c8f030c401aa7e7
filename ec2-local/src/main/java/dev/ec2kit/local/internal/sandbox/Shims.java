package dev.ec2kit.local.internal.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The programs by which the system inside an instance powers off or reboots, first in every PATH of
 * the instance: {@code poweroff} and {@code halt} power off (the emulator stops the instance, or
 * terminates it where its shutdown behaviour says so), {@code reboot} restarts it with its disk,
 * {@code shutdown} does either now or after {@code +MINUTES} ({@code -r} reboots; {@code -c}
 * cancels one pending), {@code systemctl poweroff|halt|reboot} and {@code init 0|6} as well. In a
 * sandbox they ask its init (which the emulator hears end); in a directory of this machine they
 * write to the emulator's request pipe, and {@code sudo} keeps the instance's PATH, so that none of
 * them ever reaches this machine's own.
 */
final class Shims {
  private Shims() {}

  /** A sandbox's: signals to its init, which only the sandbox's root may send. */
  private static final String SANDBOX =
      """
      #!/bin/sh
      # ec2-local: this instance is a sandbox; its init tells the emulator, which stops or
      # terminates the instance (power off) or boots it again with its disk (reboot)
      pending=/run/ec2-local-shutdown
      ask() {
        if [ "$(id -u)" != 0 ]; then
          echo "${0##*/}: must be root (try sudo)" >&2
          exit 1
        fi
        if [ "$1" = reboot ]; then kill -USR2 1; else kill -USR1 1; fi
      }
      """;

  /**
   * A directory instance's: a line "INSTANCE-ID poweroff|reboot" to the emulator's request pipe,
   * the instance being the name of the shims' directory and the pipe beside it.
   */
  private static final String DIRECTORY =
      """
      #!/bin/sh
      # ec2-local: this instance is a directory of the emulator's machine, not a sandbox; its power
      # commands ask the emulator, which stops, terminates or restarts the instance, and never
      # reach this machine's own
      here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
      pending=$here/pending-shutdown
      ask() {
        printf '%s %s\\n' "${here##*/}" "$1" > "$here/../requests"
      }
      """;

  private static final Map<String, String> BODIES = new LinkedHashMap<>();

  static {
    BODIES.put("poweroff", "ask poweroff\n");
    BODIES.put("halt", "ask poweroff\n");
    BODIES.put("reboot", "ask reboot\n");
    BODIES.put(
        "shutdown",
        """
        what=poweroff when=+1
        for a in "$@"; do
          case $a in
            -r|--reboot) what=reboot ;;
            -h|-H|-P|--poweroff|--halt) ;;
            -c)
              if [ -f "$pending" ]; then kill "$(cat "$pending")"; fi
              rm -f "$pending"
              exit 0 ;;
            now) when=+0 ;;
            +[0-9]*) when=$a ;;
            -*) echo "shutdown: $a is not supported here" >&2; exit 1 ;;
            *) if [ "$when" = +1 ] && [ "${a#*:}" != "$a" ]; then
                 echo "shutdown: a time of day is not supported here; use now or +MINUTES" >&2
                 exit 1
               fi ;;
          esac
        done
        minutes=${when#+}
        if [ "$minutes" = 0 ]; then
          ask $what
        else
          (sleep $((minutes * 60)) && ask $what) >/dev/null 2>&1 &
          echo $! > "$pending"
          echo "Shutdown scheduled in $minutes minute(s), use 'shutdown -c' to cancel."
        fi
        """);
    BODIES.put(
        "systemctl",
        """
        for a in "$@"; do
          case $a in
            poweroff|halt|kexec) ask poweroff; exit 0 ;;
            reboot) ask reboot; exit 0 ;;
            -*) ;;
            *) break ;;
          esac
        done
        for s in /usr/bin/systemctl /bin/systemctl; do
          if [ -x "$s" ]; then exec "$s" "$@"; fi
        done
        echo "systemctl: not found" >&2
        exit 127
        """);
    String init =
        """
        case ${1:-} in
          0) ask poweroff ;;
          6) ask reboot ;;
          *) echo "${0##*/}: only 0 (power off) and 6 (reboot) are supported here" >&2; exit 1 ;;
        esac
        """;
    BODIES.put("init", init);
    BODIES.put("telinit", init);
  }

  /**
   * {@code sudo} of a directory instance: this machine's, with {@code env PATH=...} before the
   * command so that what it runs (through {@code sh -c} or a login shell as well) finds these
   * programs first despite sudo's secure_path; without a sudo here, the command as it is.
   */
  private static final String SUDO =
      """
      real=/usr/bin/sudo
      n=0 value=
      for a in "$@"; do
        if [ -n "$value" ]; then value=; n=$((n + 1)); continue; fi
        case $a in
          --) n=$((n + 1)); break ;;
          -u|-g|-C|-D|-h|-p|-r|-t|-U|-T|-R) value=1; n=$((n + 1)) ;;
          -*) n=$((n + 1)) ;;
          *) break ;;
        esac
      done
      if [ ! -x "$real" ]; then
        shift $n
        [ $# -gt 0 ] || { echo "sudo: not found on this machine" >&2; exit 1; }
        exec env "PATH=$PATH" "$@"
      fi
      if [ $# -le $n ]; then exec "$real" "$@"; fi
      i=0
      for a in "$@"; do
        if [ $i -eq $n ]; then set -- "$@" env "PATH=$PATH"; fi
        set -- "$@" "$a"
        i=$((i + 1))
      done
      shift $i
      exec "$real" "$@"
      """;

  /** Writes a sandbox's programs into {@code dir}, read-only. */
  static void install(java.nio.file.Path dir) throws java.io.IOException {
    write(dir, sandbox());
  }

  /** Writes {@code programs} (name to text) into {@code dir}, read-only. */
  static void write(java.nio.file.Path dir, Map<String, String> programs)
      throws java.io.IOException {
    java.nio.file.Files.createDirectories(dir);
    for (Map.Entry<String, String> e : programs.entrySet()) {
      java.nio.file.Path f = dir.resolve(e.getKey());
      java.nio.file.Files.writeString(f, e.getValue());
      java.nio.file.Files.setPosixFilePermissions(
          f, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
    }
  }

  /** A sandbox's programs by name. */
  static Map<String, String> sandbox() {
    Map<String, String> out = new LinkedHashMap<>();
    BODIES.forEach((name, body) -> out.put(name, SANDBOX + body));
    return out;
  }

  /** A directory instance's programs by name, {@code sudo} among them. */
  static Map<String, String> directory() {
    Map<String, String> out = new LinkedHashMap<>();
    BODIES.forEach((name, body) -> out.put(name, DIRECTORY + body));
    out.put("sudo", DIRECTORY + SUDO);
    return out;
  }
}
