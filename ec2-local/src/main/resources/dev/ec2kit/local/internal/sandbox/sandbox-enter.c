/*
 * ec2-local's way into a sandbox, statically linked so that nothing of the instance's (a loader,
 * /etc/ld.so.preload, /etc/ld.so.cache, NSS) can run in it while it holds this machine's
 * capabilities: every program of the instance is executed only after the bounding set is cut to the
 * sandbox root's capabilities and, for a user, the uid is changed.
 *
 *   sandbox-enter enter PID STARTTIME UID GID CAPS -- ARGV...
 *     joins the IPC, UTS, PID and mount namespaces and the root of PID (refused if PID's start time,
 *     field 22 of /proc/PID/stat, is not STARTTIME: the sandbox's init is gone and its PID reused),
 *     forks (a PID namespace takes children only), and runs ARGV from / as UID:GID (groups: GID
 *     only) bounded by CAPS; the parent waits and ends as the child did.
 *   sandbox-enter pivot NEWROOT CAPS -- ARGV...
 *     makes NEWROOT the root (pivot_root, the old root detached and its mount point removed), cuts
 *     the bounding set to CAPS and runs ARGV in place (as the sandbox's PID 1).
 *   sandbox-enter mount ROOT PATH TYPE SOURCE FLAGS [DATA]
 *     mounts at PATH (relative, no "." or "..") under ROOT, resolved one component at a time with
 *     no link followed: a link or a file the instance left where a directory is mounted (the last
 *     component) is removed and a directory made in its place; a link anywhere before it is
 *     refused. TYPE "bind" binds SOURCE (a path of this machine, or "=" for PATH itself), else
 *     mounts a new file system of TYPE from SOURCE with DATA. FLAGS: "-" or any of
 *     ro,nosuid,nodev,noexec (ro on a bind: bound, then made read-only).
 *   sandbox-enter cgroup DIR... -- ARGV...
 *     joins each cgroup directory DIR (writes its own PID to DIR/cgroup.procs), then runs ARGV.
 *
 * CAPS: "-all,+chown,+kill,..." (setpriv's spelling): the capabilities kept, every other dropped.
 *
 * EBS volumes (see BlockDevices.java): the sandbox's root has no CAP_SYS_ADMIN, so the emulator
 * mounts on its behalf. Nothing is executed in these: every path inside is resolved from the
 * sandbox's root (/proc/PID/root) with openat2, no symbolic link followed and ".." kept inside.
 *
 *   sandbox-enter node PID STARTTIME MAJOR MINOR NAME...
 *     makes /dev/NAME inside a block device node MAJOR:MINOR (root:disk, 0660), replacing what was
 *     there.
 *   sandbox-enter unnode PID STARTTIME MAJOR MINOR NAME...
 *     removes every node MAJOR:MINOR under /dev inside (NAME's and any hard link made to it).
 *   sandbox-enter volume-mount PID STARTTIME TYPE SOURCE TARGET FLAGS
 *     TYPE ext4 or xfs: the filesystem on the block device SOURCE (/dev/loopN of this machine) made
 *     here (fsopen, fsconfig, fsmount: nosuid, nodev, and FLAGS' ro, noexec, noatime), then, in
 *     the sandbox's mount namespace, moved onto TARGET inside. TYPE bind: the directory SOURCE of
 *     this machine (the emulator's) cloned (open_tree) and moved onto TARGET, made if missing.
 *   sandbox-enter volume-umount PID STARTTIME TARGET MAJOR MINOR LAZY
 *     unmounts TARGET inside where the filesystem there is the one on device MAJOR:MINOR (LAZY 1:
 *     detached at once, as umount -l), by its own name from its parent directory, so that what is
 *     checked is what is unmounted.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/openat2.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const NAMES[] = {
    "chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid", "setuid",
    "setpcap", "linux_immutable", "net_bind_service", "net_broadcast", "net_admin", "net_raw",
    "ipc_lock", "ipc_owner", "sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct",
    "sys_admin", "sys_boot", "sys_nice", "sys_resource", "sys_time", "sys_tty_config", "mknod",
    "lease", "audit_write", "audit_control", "setfcap", "mac_override", "mac_admin", "syslog",
    "wake_alarm", "block_suspend", "audit_read", "perfmon", "bpf", "checkpoint_restore"};
#define NCAPS (int)(sizeof NAMES / sizeof NAMES[0])

static void die(const char *what) {
  fprintf(stderr, "sandbox-enter: %s: %s\n", what, strerror(errno));
  _exit(126);
}

static void refuse(const char *what, const char *value) {
  fprintf(stderr, "sandbox-enter: %s: %s\n", what, value);
  _exit(126);
}

/* Which capabilities CAPS keeps, as a bit set over capability numbers. */
static unsigned long long kept(const char *caps) {
  unsigned long long keep = 0;
  char *copy = strdup(caps), *save = NULL;
  if (!copy) die("memory");
  for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
    if (!strcmp(t, "-all")) continue;
    if (t[0] != '+') refuse("capabilities must be -all,+name,...", caps);
    int found = 0;
    for (int c = 0; c < NCAPS; c++) {
      if (!strcmp(t + 1, NAMES[c])) {
        keep |= 1ULL << c;
        found = 1;
      }
    }
    if (!found) refuse("no such capability", t + 1);
  }
  free(copy);
  return keep;
}

/* Cuts the bounding set to KEEP and empties the inheritable and ambient sets, so that no program
 * executed from here on can hold a capability outside KEEP. */
static void bound(unsigned long long keep) {
  for (int c = 0; c < 64; c++) {
    if (keep & (1ULL << c)) continue;
    if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) != 0) {
      if (errno == EINVAL) break; /* past the kernel's last capability */
      die("dropping from the bounding set");
    }
  }
  for (int c = 0; c < 64; c++) {
    int r = prctl(PR_CAPBSET_READ, c, 0, 0, 0);
    if (r < 0) break;
    if (r == 1 && !(keep & (1ULL << c))) refuse("still in the bounding set", c < NCAPS ? NAMES[c] : "?");
  }
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL)
    die("clearing the ambient set");
  struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct d[2];
  if (syscall(SYS_capget, &h, d) != 0) die("capget");
  d[0].inheritable = d[1].inheritable = 0;
  if (syscall(SYS_capset, &h, d) != 0) die("clearing the inheritable set");
}

/* A decimal id, whole, or refused. */
static unsigned id(const char *s, const char *what) {
  char *end;
  errno = 0;
  unsigned long v = strtoul(s, &end, 10);
  if (errno || end == s || *end || v > 0xfffffffeUL) refuse(what, s);
  return (unsigned)v;
}

/* Field 22 of /proc/PID/stat read through the process's directory DIR (whose name, field 2, may
 * hold spaces and parentheses: fields are counted from its last ')'). */
static void start_time(int dir, char *out, size_t n) {
  char buf[4096];
  int fd = openat(dir, "stat", O_RDONLY | O_CLOEXEC);
  if (fd < 0) die("reading the sandbox's init");
  ssize_t len = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (len <= 0) die("reading the sandbox's init");
  buf[len] = 0;
  char *p = strrchr(buf, ')');
  if (!p) refuse("unreadable stat of the sandbox's init", "");
  p++;
  for (int field = 3; field <= 22; field++) {
    while (*p == ' ') p++;
    char *e = p;
    while (*e && *e != ' ') e++;
    if (field == 22) {
      size_t l = (size_t)(e - p);
      if (l >= n) l = n - 1;
      memcpy(out, p, l);
      out[l] = 0;
      return;
    }
    p = e;
  }
  refuse("unreadable stat of the sandbox's init", "");
}

static pid_t child;

static void forward(int sig) {
  if (child > 0) kill(child, sig);
}

static int enter(char **a, char **argv) {
  unsigned long long keep = kept(a[4]);
  unsigned uid = id(a[2], "bad uid"), gid = id(a[3], "bad gid");
  char path[64];
  snprintf(path, sizeof path, "/proc/%u", id(a[0], "bad pid"));
  int dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) die("the sandbox's init is gone");
  static const struct {
    const char *name;
    int type;
  } NS[] = {{"ns/ipc", CLONE_NEWIPC}, {"ns/uts", CLONE_NEWUTS}, {"ns/pid", CLONE_NEWPID},
            {"ns/mnt", CLONE_NEWNS}};
  int fds[4];
  for (int i = 0; i < 4; i++) {
    fds[i] = openat(dir, NS[i].name, O_RDONLY | O_CLOEXEC);
    if (fds[i] < 0) die(NS[i].name);
  }
  int root = openat(dir, "root", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root < 0) die("root of the sandbox");
  /* read after the opens, through the same directory: these are the namespaces of the process
   * that started at STARTTIME, not of another that took its PID since */
  char started[32];
  start_time(dir, started, sizeof started);
  if (strcmp(started, a[1]) != 0) refuse("the sandbox's init is gone (its PID is reused)", a[0]);
  close(dir);
  for (int i = 0; i < 4; i++) {
    if (setns(fds[i], NS[i].type) != 0) die(NS[i].name);
    close(fds[i]);
  }
  if (fchdir(root) != 0 || chroot(".") != 0) die("entering the sandbox's root");
  close(root);
  if (chdir("/") != 0) die("chdir /");
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  child = fork();
  if (child < 0) die("fork");
  if (child == 0) {
    bound(keep);
    if (setgroups(1, &gid) != 0) die("setgroups");
    if (setresgid(gid, gid, gid) != 0) die("setresgid");
    if (setresuid(uid, uid, uid) != 0) die("setresuid");
    /* after the ids: changing them clears it */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) die("pdeathsig");
    /* the parent, outside the PID namespace, is seen as 0: another is an init adopting */
    if (getppid() != 0) _exit(137);
    execv(argv[0], argv);
    die(argv[0]);
  }
  static const int SIGNALS[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};
  for (size_t i = 0; i < sizeof SIGNALS / sizeof SIGNALS[0]; i++) {
    struct sigaction sa = {0};
    sa.sa_handler = forward;
    sigaction(SIGNALS[i], &sa, NULL);
  }
  int status;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) die("waitpid");
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  int sig = WTERMSIG(status);
  signal(sig, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  if (sig != SIGSTOP && sig != SIGTSTP) kill(getpid(), sig);
  return 128 + sig;
}

static int pivot(char **a, char **argv) {
  unsigned long long keep = kept(a[1]);
  if (chdir(a[0]) != 0) die(a[0]);
  if (syscall(SYS_pivot_root, ".", ".old-root") != 0) die("pivot_root");
  if (chroot(".") != 0) die("chroot");
  if (umount2("/.old-root", MNT_DETACH) != 0) die("detaching the old root");
  if (rmdir("/.old-root") != 0) die("removing the old root's mount point");
  if (chdir("/") != 0) die("chdir /");
  bound(keep);
  execv(argv[0], argv);
  die(argv[0]);
  return 126;
}

/* The directory DIRFD/NAME, never through a link: a link or other non-directory there is replaced
 * by an empty directory when REPLACE (the path's last component, in the instance's root), else
 * refused. For a file target (WANT_FILE), the same with an empty regular file. */
static int component(int dirfd, const char *name, int replace, int want_file, const char *path) {
  int flags = O_PATH | O_NOFOLLOW | O_CLOEXEC;
  int fd = openat(dirfd, name, flags);
  struct stat st;
  if (fd >= 0 && fstat(fd, &st) != 0) die(path);
  int right = fd >= 0 && (want_file ? S_ISREG(st.st_mode) || S_ISCHR(st.st_mode) : S_ISDIR(st.st_mode));
  if (right) return fd;
  if (!replace) refuse("a link or a non-directory on the way to a mount point", path);
  if (fd >= 0) {
    close(fd);
    if (unlinkat(dirfd, name, S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0) != 0)
      die("removing what the instance left at a mount point");
  } else if (errno != ENOENT) {
    die(path);
  }
  if (want_file) {
    int f = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (f < 0) die(path);
    close(f);
  } else if (mkdirat(dirfd, name, 0755) != 0) {
    die(path);
  }
  fd = openat(dirfd, name, flags);
  if (fd < 0 || fstat(fd, &st) != 0) die(path);
  if (want_file ? S_ISDIR(st.st_mode) || S_ISLNK(st.st_mode) : !S_ISDIR(st.st_mode))
    refuse("a mount point changed under the boot", path);
  return fd;
}

/* ROOT/PATH opened as O_PATH without following any link (see component). */
static int resolve(const char *root, const char *path, int want_file) {
  int fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) die(root);
  char *copy = strdup(path), *save = NULL;
  if (!copy) die("memory");
  char *t = strtok_r(copy, "/", &save);
  if (!t || path[0] == '/') refuse("not a relative path", path);
  while (t) {
    if (!strcmp(t, ".") || !strcmp(t, "..")) refuse("a path with . or ..", path);
    char *next = strtok_r(NULL, "/", &save);
    int fd2 = component(fd, t, next == NULL, next == NULL && want_file, path);
    close(fd);
    fd = fd2;
    t = next;
  }
  free(copy);
  return fd;
}

static unsigned long mount_flags(const char *flags) {
  unsigned long f = 0;
  if (!strcmp(flags, "-")) return 0;
  char *copy = strdup(flags), *save = NULL;
  if (!copy) die("memory");
  for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
    if (!strcmp(t, "ro")) f |= MS_RDONLY;
    else if (!strcmp(t, "nosuid")) f |= MS_NOSUID;
    else if (!strcmp(t, "nodev")) f |= MS_NODEV;
    else if (!strcmp(t, "noexec")) f |= MS_NOEXEC;
    else refuse("no such mount flag", t);
  }
  free(copy);
  return f;
}

/* Mounts onto the directory or file held by FD, through its /proc/self/fd name: the kernel takes
 * the very inode resolved, whatever the path's names have become. */
static void mount_at(int fd, const char *source, const char *type, unsigned long flags,
                     const char *data) {
  char target[64];
  snprintf(target, sizeof target, "/proc/self/fd/%d", fd);
  if (mount(source, target, type, flags, data) != 0) die(type ? type : "bind");
}

static int mount_cmd(char **a, int n) {
  const char *root = a[0], *path = a[1], *type = a[2], *source = a[3];
  unsigned long flags = mount_flags(a[4]);
  const char *data = n > 5 ? a[5] : NULL;
  if (!strcmp(type, "bind")) {
    struct stat st;
    int src = -1;
    if (!strcmp(source, "=")) {
      src = resolve(root, path, 0);
    } else {
      src = open(source, O_PATH | O_CLOEXEC);
      if (src < 0) die(source);
    }
    if (fstat(src, &st) != 0) die(source);
    int fd = resolve(root, path, !S_ISDIR(st.st_mode));
    char from[64];
    snprintf(from, sizeof from, "/proc/self/fd/%d", src);
    mount_at(fd, from, NULL, MS_BIND, NULL);
    close(fd);
    if (flags) {
      /* the mount just made, reached again without links: its root is the new mount's */
      fd = resolve(root, path, !S_ISDIR(st.st_mode));
      mount_at(fd, NULL, NULL, MS_REMOUNT | MS_BIND | flags, NULL);
      close(fd);
    }
    close(src);
    return 0;
  }
  int fd = resolve(root, path, 0);
  mount_at(fd, source, type, flags, data);
  close(fd);
  return 0;
}

static int cgroup_cmd(char **dirs, int n, char **argv) {
  for (int i = 0; i < n; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/cgroup.procs", dirs[i]);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) die(path);
    char pid[32];
    int len = snprintf(pid, sizeof pid, "%d\n", (int)getpid());
    if (write(fd, pid, (size_t)len) != len) die(path);
    close(fd);
  }
  execv(argv[0], argv);
  die(argv[0]);
  return 126;
}

/* The sandbox whose init is PID (refused unless it started at STARTTIME): its mount namespace and
 * its root, as descriptors opened through the same /proc directory. */
struct box {
  int mnt, root;
};

static struct box box_of(const char *pid, const char *start) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%u", id(pid, "bad pid"));
  int dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) die("the sandbox's init is gone");
  struct box b;
  b.mnt = openat(dir, "ns/mnt", O_RDONLY | O_CLOEXEC);
  if (b.mnt < 0) die("ns/mnt");
  b.root = openat(dir, "root", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (b.root < 0) die("root of the sandbox");
  char started[32];
  start_time(dir, started, sizeof started);
  if (strcmp(started, start) != 0) refuse("the sandbox's init is gone (its PID is reused)", pid);
  close(dir);
  return b;
}

/* PATH inside the sandbox, from its root: no symbolic link followed (magic or not), ".." never
 * above the root. -1 with errno when it cannot be. */
static int inside(int root, const char *path, int flags) {
  struct open_how how;
  memset(&how, 0, sizeof how);
  how.flags = (unsigned long long)(flags | O_CLOEXEC);
  how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  return (int)syscall(SYS_openat2, root, path, &how, sizeof how);
}

/* A directory inside, or refused in words the instance's user reads. */
static int inside_dir(int root, const char *path, const char *what) {
  int fd = inside(root, path, O_PATH | O_DIRECTORY);
  if (fd >= 0) return fd;
  if (errno == ELOOP || errno == EXDEV)
    refuse(what, "a symbolic link is on its way, and the emulator follows none");
  if (errno == ENOENT) refuse(what, "no such directory");
  if (errno == ENOTDIR) refuse(what, "not a directory");
  die(what);
  return -1;
}

/* A name of one directory entry: letters, digits and inner hyphens only. */
static const char *dev_name(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > 31) refuse("bad device name", s);
  for (size_t i = 0; i < n; i++)
    if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || (s[i] == '-' && i > 0)))
      refuse("bad device name", s);
  return s;
}

/* Removes every block device node DEV in the directory D and below it on the filesystem FS: a hard
 * link the instance made to a volume's node (root inside may link; it cannot make nodes, and a link
 * cannot leave /dev's filesystem) goes with the node, so no name inside reaches the loop device
 * once it serves another volume. */
static void sweep(int d, dev_t dev, dev_t fs, int depth) {
  int copy = dup(d);
  DIR *dir = copy < 0 || depth > 32 ? NULL : fdopendir(copy);
  if (!dir) {
    if (copy >= 0) close(copy);
    return;
  }
  struct dirent *e;
  while ((e = readdir(dir))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    struct stat st;
    if (fstatat(d, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (S_ISBLK(st.st_mode) && st.st_rdev == dev) {
      if (unlinkat(d, e->d_name, 0) != 0) die(e->d_name);
    } else if (S_ISDIR(st.st_mode) && st.st_dev == fs) {
      int sub = openat(d, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub < 0) continue;
      if (fstat(sub, &st) == 0 && st.st_dev == fs) sweep(sub, dev, fs, depth + 1);
      close(sub);
    }
  }
  closedir(dir);
}

static int nodes(char **a, int n, int make) {
  struct box b = box_of(a[0], a[1]);
  dev_t dev = makedev(id(a[2], "bad major"), id(a[3], "bad minor"));
  int d = inside(b.root, "/dev", O_RDONLY | O_DIRECTORY);
  if (d < 0) die("/dev of the sandbox");
  struct stat fs;
  if (fstat(d, &fs) != 0) die("/dev of the sandbox");
  if (!make) {
    sweep(d, dev, fs.st_dev, 0);
    return 0;
  }
  umask(0);
  for (int i = 4; i < n; i++) {
    const char *name = dev_name(a[i]);
    struct stat st;
    if (fstatat(d, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        unlinkat(d, name, S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0) != 0)
      die(name);
    if (mknodat(d, name, S_IFBLK | 0660, dev) != 0) die(name);
    if (fchownat(d, name, 0, 6 /* disk */, AT_SYMLINK_NOFOLLOW) != 0) die(name);
  }
  return 0;
}

static int mount_in(char **a) {
  struct box b = box_of(a[0], a[1]);
  const char *type = a[2], *source = a[3], *target = a[4];
  if (target[0] != '/') refuse("the mount point must be an absolute path", target);
  unsigned long long attrs = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV;
  int ro = 0;
  char *flags = strdup(a[5]), *save = NULL;
  if (!flags) die("memory");
  for (char *t = strtok_r(flags, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
    if (!strcmp(t, "ro")) ro = 1;
    else if (!strcmp(t, "noexec")) attrs |= MOUNT_ATTR_NOEXEC;
    else if (!strcmp(t, "noatime")) attrs |= MOUNT_ATTR_NOATIME;
    else if (strcmp(t, "-")) refuse("not a mount flag here", t);
  }
  free(flags);
  if (ro) attrs |= MOUNT_ATTR_RDONLY;
  int m;
  if (!strcmp(type, "bind")) {
    m = (int)syscall(SYS_open_tree, AT_FDCWD, source, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
    if (m < 0) die(source);
    struct mount_attr ma;
    memset(&ma, 0, sizeof ma);
    ma.attr_set = attrs;
    if (syscall(SYS_mount_setattr, m, "", AT_EMPTY_PATH, &ma, sizeof ma) != 0) die("mount_setattr");
    /* the spool's mount point: made where missing, in a directory reached without links */
    char *parent = strdup(target);
    char *slash = parent ? strrchr(parent, '/') : NULL;
    if (!slash || !slash[1]) refuse("bad mount point", target);
    *slash = 0;
    int p = inside_dir(b.root, parent[0] ? parent : "/", target);
    if (mkdirat(p, dev_name(slash + 1), 0700) != 0 && errno != EEXIST) die(target);
    close(p);
    free(parent);
  } else if (!strcmp(type, "ext4") || !strcmp(type, "xfs")) {
    if (strncmp(source, "/dev/loop", 9) != 0 || !source[9] || strspn(source + 9, "0123456789") != strlen(source + 9))
      refuse("not a loop device", source);
    /* made here, in this machine's namespace: SOURCE is this machine's device */
    int fs = (int)syscall(SYS_fsopen, type, FSOPEN_CLOEXEC);
    if (fs < 0) die(type);
    if (syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "source", source, 0) != 0) die(source);
    if (ro && syscall(SYS_fsconfig, fs, FSCONFIG_SET_FLAG, "ro", NULL, 0) != 0) die("ro");
    if (syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) != 0) {
      char msg[512];
      ssize_t len = read(fs, msg, sizeof msg - 1); /* the kernel's own words, when it left some */
      if (len > 0) {
        msg[len] = 0;
        refuse("wrong fs type, bad option, bad superblock", msg);
      }
      die("wrong fs type, bad option, bad superblock");
    }
    m = (int)syscall(SYS_fsmount, fs, FSMOUNT_CLOEXEC, attrs);
    if (m < 0) die("fsmount");
    close(fs);
  } else {
    refuse("filesystem type not allowed (ext4 and xfs are)", type);
  }
  int t = inside_dir(b.root, target, target);
  if (strcmp(type, "bind") != 0) {
    /* never over /dev's filesystem: a node (or a hard link to one) covered by a mount would be out
     * of the reach of unnode, and come back when it is unmounted */
    struct stat ts, ds;
    int d = inside_dir(b.root, "/dev", "/dev");
    if (fstat(t, &ts) != 0 || fstat(d, &ds) != 0) die(target);
    if (ts.st_dev == ds.st_dev) refuse(target, "a mount point in /dev is not supported here");
    close(d);
  }
  /* nothing is executed from here on: a program would be looked up inside */
  if (setns(b.mnt, CLONE_NEWNS) != 0) die("entering the sandbox's mount namespace");
  if (syscall(SYS_move_mount, m, "", t, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) != 0)
    die(target);
  return 0;
}

static int umount_in(char **a) {
  struct box b = box_of(a[0], a[1]);
  const char *target = a[2];
  dev_t dev = makedev(id(a[3], "bad major"), id(a[4], "bad minor"));
  int lazy = !strcmp(a[5], "1");
  /* the parent, reached without links, and the mount point's own name in it: from the parent as
   * the working directory, umount2 of one name resolves nothing the instance can change (a mount
   * point cannot be renamed or removed, and nothing mounts here but the emulator) */
  char *parent = strdup(target);
  char *slash = parent ? strrchr(parent, '/') : NULL;
  if (target[0] != '/' || !slash) refuse("the mount point must be an absolute path", target);
  const char *name = slash + 1;
  if (!*name || !strcmp(name, ".") || !strcmp(name, "..")) refuse(target, "not mounted");
  *slash = 0;
  int p = inside_dir(b.root, parent[0] ? parent : "/", target);
  struct stat st;
  if (fstatat(p, name, &st, AT_SYMLINK_NOFOLLOW) != 0) die(target);
  if (st.st_dev != dev) refuse(target, "not mounted");
  if (setns(b.mnt, CLONE_NEWNS) != 0) die("entering the sandbox's mount namespace");
  if (fchdir(p) != 0) die(target);
  if (umount2(name, UMOUNT_NOFOLLOW | (lazy ? MNT_DETACH : 0)) != 0) {
    if (errno == EBUSY) refuse(target, "target is busy");
    if (errno == EINVAL) refuse(target, "not mounted");
    die(target);
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "enter") && argc > 8 && !strcmp(argv[7], "--"))
    return enter(argv + 2, argv + 8);
  if (argc > 1 && !strcmp(argv[1], "pivot") && argc > 5 && !strcmp(argv[4], "--"))
    return pivot(argv + 2, argv + 5);
  if (argc > 1 && !strcmp(argv[1], "mount") && (argc == 7 || argc == 8))
    return mount_cmd(argv + 2, argc - 2);
  if (argc > 1 && !strcmp(argv[1], "cgroup")) {
    int sep = 2;
    while (sep < argc && strcmp(argv[sep], "--")) sep++;
    if (sep + 1 < argc) return cgroup_cmd(argv + 2, sep - 2, argv + sep + 1);
  }
  if (argc > 6 && (!strcmp(argv[1], "node") || !strcmp(argv[1], "unnode")))
    return nodes(argv + 2, argc - 2, !strcmp(argv[1], "node"));
  if (argc == 8 && !strcmp(argv[1], "volume-mount")) return mount_in(argv + 2);
  if (argc == 8 && !strcmp(argv[1], "volume-umount")) return umount_in(argv + 2);
  fprintf(stderr,
          "usage: sandbox-enter enter PID STARTTIME UID GID CAPS -- ARGV...\n"
          "       sandbox-enter pivot NEWROOT CAPS -- ARGV...\n"
          "       sandbox-enter mount ROOT PATH TYPE SOURCE FLAGS [DATA]\n"
          "       sandbox-enter cgroup DIR... -- ARGV...\n"
          "       sandbox-enter node|unnode PID STARTTIME MAJOR MINOR NAME...\n"
          "       sandbox-enter volume-mount PID STARTTIME TYPE SOURCE TARGET FLAGS\n"
          "       sandbox-enter volume-umount PID STARTTIME TARGET MAJOR MINOR LAZY\n");
  return 2;
}
