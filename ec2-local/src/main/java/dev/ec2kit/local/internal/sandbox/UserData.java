package dev.ec2kit.local.internal.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * What an instance's user data asks of its first boot, read as cloud-init reads it: a script
 * ({@code #!}), run as root; or {@code #cloud-config} (see {@link Yaml} for the YAML taken) with
 * {@code write_files}, {@code users} and {@code runcmd}, done in cloud-init's order; every other
 * key and format is named in the console output as not supported. Each step is a command run inside
 * the sandbox as its root; values reach it as arguments or on its input, never pasted into a
 * shell's text (only {@code runcmd}'s own commands become a script, as cloud-init makes it).
 */
final class UserData {
  /** One command run inside as the sandbox's root, with what it reads on its input. */
  record Step(String what, List<String> argv, byte[] input) {}

  /** The console's lines before the steps run (notes, refusals), and the steps. */
  record Plan(List<String> notes, List<Step> steps) {}

  static final String SCRIPTS = "/var/lib/cloud/instance/scripts";

  private static final Set<String> MODULES = Set.of("write_files", "users", "runcmd");
  private static final Set<String> FILE_KEYS =
      Set.of("path", "content", "encoding", "permissions", "owner", "append", "defer");
  private static final Set<String> USER_KEYS =
      Set.of(
          "name",
          "gecos",
          "homedir",
          "shell",
          "primary_group",
          "groups",
          "uid",
          "system",
          "no_create_home",
          "sudo",
          "ssh_authorized_keys",
          "lock_passwd");
  private static final String NAME = "[a-z_][a-z0-9_.-]{0,31}";

  private static final String RUN_SCRIPT =
      "set -e; mkdir -p \"$(dirname \"$1\")\"; cat > \"$1\"; chmod 700 \"$1\"; exec \"$1\"";

  private static final String WRITE_FILE =
      "set -e; mkdir -p \"$(dirname \"$1\")\"; if [ \"$2\" = append ]; then cat >> \"$1\";"
          + " else cat > \"$1\"; fi; chmod \"$3\" \"$1\"; chown \"$4\" \"$1\"";

  private static final String ADD_USER =
      """
      set -e
      name=$1 gecos=$2 home=$3 shell=$4 primary=$5 groups=$6 uid=$7 system=$8 mkhome=$9
      if getent passwd "$name" >/dev/null; then
        echo "User $name already exists, skipping."
        exit 0
      fi
      set --
      for g in $(echo "$groups" | tr , ' ') $primary; do
        getent group "$g" >/dev/null || groupadd "$g"
      done
      [ -z "$gecos" ] || set -- "$@" -c "$gecos"
      [ -z "$home" ] || set -- "$@" -d "$home"
      [ -z "$shell" ] || set -- "$@" -s "$shell"
      [ -z "$primary" ] || set -- "$@" -g "$primary"
      [ -z "$groups" ] || set -- "$@" -G "$groups"
      [ -z "$uid" ] || set -- "$@" -u "$uid"
      [ "$system" != yes ] || set -- "$@" -r
      if [ "$mkhome" = yes ]; then set -- "$@" -m; else set -- "$@" -M; fi
      [ -n "$primary" ] || set -- "$@" -U
      useradd "$@" "$name"
      """;

  private static final String SUDO_RULES =
      "set -e; f=/etc/sudoers.d/90-cloud-init-users; cat >> \"$f\"; chmod 440 \"$f\"";

  private static final String AUTHORIZED_KEYS =
      """
      set -e
      home=$(getent passwd "$1" | cut -d: -f6)
      mkdir -p "$home/.ssh"
      cat >> "$home/.ssh/authorized_keys"
      chmod 700 "$home/.ssh"
      chmod 600 "$home/.ssh/authorized_keys"
      chown -R "$1:$(id -gn "$1")" "$home/.ssh"
      """;

  private UserData() {}

  /** The plan for user data as given at launch (decoded from base64; gzip is opened). */
  static Plan of(byte[] data) {
    List<String> notes = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    if (data == null || data.length == 0) {
      return new Plan(notes, steps);
    }
    if (data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
        data = in.readNBytes(1 << 20);
      } catch (IOException e) {
        notes.add("Failed to decompress user data: " + e.getMessage());
        return new Plan(notes, steps);
      }
    }
    String text = new String(data, StandardCharsets.UTF_8);
    if (text.startsWith("#!")) {
      steps.add(script("part-001", data));
    } else if (text.startsWith("#cloud-config")) {
      cloudConfig(text, notes, steps);
    } else {
      String first = text.lines().findFirst().orElse("");
      notes.add(
          "ec2-local: user data not supported here (neither '#!' nor '#cloud-config'; "
              + "MIME multi-part, #include and boot hooks are not read): "
              + (first.length() > 60 ? first.substring(0, 60) + "..." : first));
    }
    return new Plan(notes, steps);
  }

  private static Step script(String name, byte[] body) {
    String path = SCRIPTS + "/" + name;
    return new Step(path, List.of("/bin/sh", "-c", RUN_SCRIPT, "scripts-user", path), body);
  }

  private static void cloudConfig(String text, List<String> notes, List<Step> steps) {
    Map<String, Object> config;
    try {
      config = Yaml.parse(text);
    } catch (Yaml.Refused e) {
      notes.add(
          "ec2-local: #cloud-config refused, nothing of it done: "
              + e.getMessage()
              + " (the YAML read here: see the README, 'Sandboxes')");
      return;
    }
    for (String key : config.keySet()) {
      if (!MODULES.contains(key)) {
        notes.add("ec2-local: cloud-config '" + key + "' is not supported here: not applied");
      }
    }
    List<Step> deferred = new ArrayList<>();
    for (Map<String, Object> f : mappings(config.get("write_files"), "write_files", notes)) {
      Step s = writeFile(f, notes);
      if (s != null) {
        (truth(f.get("defer")) ? deferred : steps).add(s);
      }
    }
    users(config.get("users"), notes, steps);
    steps.addAll(deferred);
    Object runcmd = config.get("runcmd");
    if (runcmd != null) {
      if (!(runcmd instanceof List<?> commands)) {
        notes.add("ec2-local: cloud-config 'runcmd' is not a list: not run");
        return;
      }
      StringBuilder sh = new StringBuilder("#!/bin/sh\n");
      for (Object c : commands) {
        if (c instanceof String s) {
          sh.append(s).append('\n');
        } else if (c instanceof List<?> words
            && words.stream().allMatch(String.class::isInstance)) {
          List<String> quoted = new ArrayList<>();
          for (Object w : words) {
            quoted.add("'" + ((String) w).replace("'", "'\\''") + "'");
          }
          sh.append(String.join(" ", quoted)).append('\n');
        } else {
          notes.add("ec2-local: a 'runcmd' entry that is neither a string nor a list: skipped");
        }
      }
      steps.add(script("runcmd", sh.toString().getBytes(StandardCharsets.UTF_8)));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> mappings(Object v, String key, List<String> notes) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof List<?> l)) {
      notes.add("ec2-local: cloud-config '" + key + "' is not a list: not applied");
      return out;
    }
    for (Object o : l) {
      if (o instanceof Map<?, ?> m) {
        out.add((Map<String, Object>) m);
      } else if (!(key.equals("users") && "default".equals(o))) {
        notes.add("ec2-local: an entry of '" + key + "' that is not a mapping: skipped");
      }
    }
    return out;
  }

  private static Step writeFile(Map<String, Object> f, List<String> notes) {
    unknownKeys(f, FILE_KEYS, "write_files", notes);
    String path = string(f.get("path"));
    if (path == null || !path.startsWith("/")) {
      notes.add("ec2-local: a 'write_files' entry without an absolute path: skipped");
      return null;
    }
    String content = f.get("content") == null ? "" : string(f.get("content"));
    String encoding = f.get("encoding") == null ? "text/plain" : string(f.get("encoding"));
    byte[] bytes;
    if (content == null) {
      notes.add("ec2-local: write_files " + path + ": content is not a string: skipped");
      return null;
    }
    switch (encoding == null ? "" : encoding) {
      case "b64", "base64" -> {
        try {
          bytes = Base64.getMimeDecoder().decode(content);
        } catch (IllegalArgumentException e) {
          notes.add("ec2-local: write_files " + path + ": content is not base64: skipped");
          return null;
        }
      }
      case "text/plain" -> bytes = content.getBytes(StandardCharsets.UTF_8);
      default -> {
        notes.add(
            "ec2-local: write_files "
                + path
                + ": encoding '"
                + encoding
                + "' is not supported here (b64, base64 or text/plain): skipped");
        return null;
      }
    }
    String mode = f.get("permissions") == null ? "0644" : string(f.get("permissions"));
    if (mode == null || !mode.matches("0?[0-7]{3,4}")) {
      notes.add("ec2-local: write_files " + path + ": permissions are not octal: skipped");
      return null;
    }
    String owner = f.get("owner") == null ? "root:root" : string(f.get("owner"));
    if (owner == null || !owner.matches(NAME + "(:" + NAME + ")?")) {
      notes.add("ec2-local: write_files " + path + ": owner is not user[:group]: skipped");
      return null;
    }
    return new Step(
        "write_files " + path,
        List.of(
            "/bin/sh",
            "-c",
            WRITE_FILE,
            "write_files",
            path,
            truth(f.get("append")) ? "append" : "write",
            mode,
            owner),
        bytes);
  }

  private static void users(Object v, List<String> notes, List<Step> steps) {
    for (Map<String, Object> u : mappings(v, "users", notes)) {
      unknownKeys(u, USER_KEYS, "users", notes);
      String name = string(u.get("name"));
      if (name == null || !name.matches(NAME)) {
        notes.add("ec2-local: a 'users' entry without a valid name: skipped");
        continue;
      }
      Object g = u.get("groups");
      String groups =
          g instanceof List<?> l
              ? String.join(",", l.stream().map(String::valueOf).toList())
              : g == null ? "" : String.valueOf(g).replace(" ", "");
      String primary = orEmpty(u.get("primary_group"));
      if (!groups.matches("(" + NAME + "(," + NAME + ")*)?")
          || !primary.matches("(" + NAME + ")?")) {
        notes.add("ec2-local: users " + name + ": a group name that is not valid: skipped");
        continue;
      }
      String uid = orEmpty(u.get("uid"));
      if (!uid.matches("[0-9]{0,9}")) {
        notes.add("ec2-local: users " + name + ": uid is not a number: skipped");
        continue;
      }
      steps.add(
          new Step(
              "users " + name,
              List.of(
                  "/bin/sh",
                  "-c",
                  ADD_USER,
                  "users",
                  name,
                  orEmpty(u.get("gecos")),
                  orEmpty(u.get("homedir")),
                  orEmpty(u.get("shell")),
                  primary,
                  groups,
                  uid,
                  truth(u.get("system")) ? "yes" : "no",
                  truth(u.get("no_create_home")) ? "no" : "yes"),
              new byte[0]));
      StringBuilder rules = new StringBuilder();
      Object sudo = u.get("sudo");
      for (Object rule : sudo instanceof List<?> l ? l : sudo == null ? List.of() : List.of(sudo)) {
        String r = String.valueOf(rule);
        if (!r.equals("false") && !r.contains("\n")) {
          rules.append(name).append(' ').append(r).append('\n');
        }
      }
      if (!rules.isEmpty()) {
        steps.add(
            new Step(
                "users " + name + " sudo",
                List.of("/bin/sh", "-c", SUDO_RULES, "users"),
                rules.toString().getBytes(StandardCharsets.UTF_8)));
      }
      if (u.get("ssh_authorized_keys") instanceof List<?> keys && !keys.isEmpty()) {
        StringBuilder k = new StringBuilder();
        keys.forEach(key -> k.append(String.valueOf(key).strip()).append('\n'));
        steps.add(
            new Step(
                "users " + name + " ssh_authorized_keys",
                List.of("/bin/sh", "-c", AUTHORIZED_KEYS, "users", name),
                k.toString().getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  private static void unknownKeys(
      Map<String, Object> m, Set<String> known, String module, List<String> notes) {
    for (String k : m.keySet()) {
      if (!known.contains(k)) {
        notes.add("ec2-local: cloud-config " + module + " '" + k + "' is not supported here");
      }
    }
  }

  private static boolean truth(Object v) {
    return v instanceof String s && (s.equals("true") || s.equals("True") || s.equals("yes"));
  }

  private static String string(Object v) {
    return v instanceof String s ? s : null;
  }

  private static String orEmpty(Object v) {
    return v instanceof String s ? s.replace("\n", " ") : "";
  }
}
