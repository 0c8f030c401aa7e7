package dev.ec2kit.local.internal.sandbox;

/**
 * The shell that assembles sandboxes, as bubblewrap and systemd-nspawn do it: every value reaches
 * it as a positional argument or an environment variable, never pasted into the text, so a key or a
 * name cannot become a command.
 */
final class Scripts {
  private Scripts() {}

  /** The init's exit status when the system inside powers off. */
  static final int POWEROFF = 10;

  /** The init's exit status when the system inside reboots. */
  static final int REBOOT = 11;

  /**
   * {@code unshare} making a sandbox's namespaces (mount, UTS, IPC, PID, with a child as PID 1),
   * none of its mounts seen outside: what {@link Sandbox} boots in and what is tried at start-up.
   */
  static final java.util.List<String> UNSHARE =
      java.util.List.of(
          "/usr/bin/unshare",
          "--mount",
          "--uts",
          "--ipc",
          "--pid",
          "--fork",
          "--propagation",
          "private");

  /** The directories of this machine's programs, given read-only to every sandbox. */
  static final String PROGRAM_DIRS = "usr bin sbin lib lib32 lib64 libx32";

  /**
   * An image's layer, the lowest of its instances' roots: an empty tree with the mount points,
   * links to this machine's program directories, and a copy of {@code /etc} whose accounts are the
   * system's own plus the image's user (uid 1000) with passwordless sudo, and none of this
   * machine's passwords, host keys or sudo rules. Made in {@code $1.tmp} and renamed to {@code $1}
   * when whole. {@code $2} is the image's user.
   */
  static final String IMAGE_LAYER =
      """
      set -eu
      layer=$1 user=$2 tmp=$1.tmp
      rm -rf "$tmp"
      mkdir -p "$tmp"
      cd "$tmp"
      mkdir -p proc sys dev run tmp var/tmp var/log var/lib var/cache home root mnt opt srv media
      chmod 1777 tmp var/tmp
      chmod 700 root
      for d in %s; do
        if [ -L "/$d" ]; then ln -s "$(readlink "/$d")" "$d"; elif [ -d "/$d" ]; then mkdir "$d"; fi
      done
      cp -a /etc/. etc/
      # what this machine keeps from its own users is not copied: its password hashes (shadow and
      # its backups), sudo rules, private keys, credentials; the accounts are made anew below
      find etc -type f ! -perm -o=r -exec rm -f {} +
      rm -f etc/ssh/ssh_host_*_key etc/ssh/ssh_host_*_key.pub etc/machine-id etc/subuid etc/subgid
      rm -rf etc/sudoers.d
      mkdir -m 750 etc/sudoers.d
      : > etc/machine-id
      # the system's accounts (below 1000, and nobody); no one of this machine's people
      awk -F: '$3 < 1000 || $3 == 65534' /etc/passwd > etc/passwd
      awk -F: '$3 < 1000 || $3 == 65534' /etc/group > etc/group
      awk -F: '{ print $1 ":*:19000:0:99999:7:::" }' etc/passwd > etc/shadow
      awk -F: '{ print $1 ":*::" }' etc/group > etc/gshadow
      chmod 640 etc/shadow etc/gshadow
      chgrp shadow etc/shadow etc/gshadow 2>/dev/null || true
      shell=/bin/sh
      [ -x /bin/bash ] && shell=/bin/bash
      if [ "$user" != root ]; then
        echo "$user:x:1000:1000:EC2 Default User:/home/$user:$shell" >> etc/passwd
        echo "$user:x:1000:" >> etc/group
        echo "$user:!:19000:0:99999:7:::" >> etc/shadow
        echo "$user:!::" >> etc/gshadow
        mkdir -p "home/$user/.ssh"
        cp -a etc/skel/. "home/$user/" 2>/dev/null || true
        chmod 700 "home/$user" "home/$user/.ssh"
        chown -R 1000:1000 "home/$user"
      fi
      mkdir -p root/.ssh
      chmod 700 root/.ssh
      printf '%%s\\n' 'Defaults env_reset' 'Defaults secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"' \\
        'root ALL=(ALL:ALL) ALL' '@includedir /etc/sudoers.d' > etc/sudoers
      chmod 440 etc/sudoers
      if [ "$user" != root ]; then
        printf '# Created by cloud-init\\n%%s ALL=(ALL) NOPASSWD:ALL\\n' "$user" > etc/sudoers.d/90-cloud-init-users
        chmod 440 etc/sudoers.d/90-cloud-init-users
      fi
      cd /
      mv "$tmp" "$layer"
      """
          .formatted(PROGRAM_DIRS);

  /**
   * One boot, run by {@code unshare} in the instance's new mount, UTS, IPC and PID namespaces as
   * their PID 1: the root as overlayfs (the image's layer under the instance's writable layer),
   * this machine's program directories bound read-only, its own {@code /proc}, {@code /sys}
   * (read-only), a minimal {@code /dev}, {@code /run} and {@code /dev/shm} in memory, the hostname
   * and {@code /etc/hosts} of its private address, the launch key in the user's {@code
   * authorized_keys} (added, as cloud-init adds it, when not there yet); then {@code pivot_root}
   * into it, the old root detached, "ready" on standard output, and an init that reaps orphans
   * until it is killed: from {@code pivot_root} on ({@link #BOOT_INSIDE}) by the instance's own
   * programs, run by {@link Sandbox#HELPER} with root inside's capabilities only. Arguments: lower
   * layers (highest first, colon-separated), instance directory, host name, private DNS name,
   * private address, the user's home, the directory of {@link Shims#sandbox()}, the helper, the
   * capabilities kept, {@link #BOOT_INSIDE}; the key in {@code EC2_LOCAL_KEY}. Its init ends with
   * {@link #POWEROFF} on SIGUSR1 and {@link #REBOOT} on SIGUSR2, which only the sandbox's root can
   * send it.
   */
  static final String BOOT =
      """
      set -eu
      layers=$1 dir=$2 host=$3 dns=$4 ip=$5 home=$6 shims=$7 helper=$8 caps=$9 inside=${10}
      root=$dir/root
      mkdir -p "$dir/upper" "$dir/work" "$root"
      mount -t overlay overlay -o "lowerdir=$layers,upperdir=$dir/upper,workdir=$dir/work" "$root"
      # every mount point inside is reached by the helper without following a link: whatever the
      # instance left at one (a link out of its root, a file) is replaced by a directory first
      m() { "$helper" mount "$root" "$@"; }
      for d in %s; do
        if [ -d "/$d" ] && [ ! -L "/$d" ]; then m "$d" bind "/$d" ro; fi
      done
      # poweroff, shutdown, reboot and halt that ask the sandbox's init, first in every PATH
      if [ -d /usr/local/sbin ]; then
        m usr/local/sbin overlay overlay - "lowerdir=$shims:/usr/local/sbin"
      fi
      m proc proc proc nosuid,nodev,noexec
      # as Docker does: the kernel's settings read-only, its memory and its magic keys out of reach
      m proc/sys bind = ro
      for f in sysrq-trigger kcore; do
        [ ! -e "$root/proc/$f" ] || m "proc/$f" bind /dev/null -
      done
      m sys sysfs sysfs ro,nosuid,nodev,noexec
      m dev tmpfs tmpfs nosuid mode=755
      for n in null zero full random urandom tty; do
        m "dev/$n" bind "/dev/$n" -
      done
      m dev/pts devpts devpts - newinstance,ptmxmode=0666,mode=620
      m dev/shm tmpfs tmpfs nosuid,nodev mode=1777
      ln -s pts/ptmx "$root/dev/ptmx"
      ln -s /proc/self/fd "$root/dev/fd"
      ln -s /proc/self/fd/0 "$root/dev/stdin"
      ln -s /proc/self/fd/1 "$root/dev/stdout"
      ln -s /proc/self/fd/2 "$root/dev/stderr"
      m run tmpfs tmpfs nosuid,nodev mode=755
      hostname "$host"
      cd "$root"
      # whatever the instance left at this name goes (a link it made is removed, not followed)
      rm -rf .old-root
      mkdir .old-root
      # nothing of the instance's runs before the helper (static: no loader, no preload) has
      # pivoted into it and cut the bounding set to what root inside may have
      exec "$helper" pivot "$root" "$caps" -- /bin/sh -c "$inside" ec2-local-boot "$host" "$dns" \\
        "$ip" "$home"
      """
          .formatted(PROGRAM_DIRS);

  /**
   * The rest of a boot, inside, as the sandbox's root bounded by its capabilities: the host name
   * and {@code /etc/hosts}, the launch key, "ready", then the init. Arguments: host name, private
   * DNS name, private address, the user's home; the key in {@code EC2_LOCAL_KEY}.
   */
  static final String BOOT_INSIDE =
      """
      set -eu
      host=$1 dns=$2 ip=$3 home=$4
      # written from inside, so a link the instance made can lead nowhere but inside
      echo "$host" > /etc/hostname
      printf '127.0.0.1 localhost\\n::1 localhost ip6-localhost ip6-loopback\\n%%s %%s %%s\\n' \\
        "$ip" "$dns" "$host" > /etc/hosts
      keys=$home/.ssh/authorized_keys
      if [ -n "${EC2_LOCAL_KEY:-}" ] && ! grep -qxF -- "$EC2_LOCAL_KEY" "$keys" 2>/dev/null; then
        mkdir -p "$home/.ssh"
        printf '%%s\\n' "$EC2_LOCAL_KEY" >> "$keys"
        chmod 600 "$keys"
        owner=$(stat -c %%u:%%g "$home")
        chown "$owner" "$home/.ssh" "$keys"
      fi
      unset EC2_LOCAL_KEY
      echo ready
      exec </dev/null >/dev/null 2>&1
      exec /bin/sh -c 'trap "exit 0" TERM; trap "exit %d" USR1; trap "exit %d" USR2
        while :; do sleep 86400 & wait $!; done'
      """
          .formatted(POWEROFF, REBOOT);

  /**
   * A session's first words inside: to the user's home (as a login does), then the command. The
   * command follows as {@code "$@"}.
   */
  static final String SESSION = "cd \"$HOME\" 2>/dev/null || cd /; exec \"$@\"";
}
