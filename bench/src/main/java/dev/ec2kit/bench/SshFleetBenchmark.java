package dev.ec2kit.bench;

import dev.ec2kit.Instance;
import dev.ec2kit.ssh.HostKeyCheck;
import dev.ec2kit.ssh.Load;
import dev.ec2kit.ssh.Outcome;
import dev.ec2kit.ssh.Ssh;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSH client measured, not a server: N real OpenSSH {@code sshd} hosts (default 20), each in
 * its own network namespace behind a veth pair, made by this program and removed at its end (root,
 * {@code ip} from iproute2 and {@code /usr/sbin/sshd} from openssh-server). {@code query-load}
 * ({@code uptime}) on all of them: ours ({@code Ssh.queryLoad}, 16 at a time), an OpenSSH loop,
 * {@code xargs -P 16 ssh}, on new connections and on open ones (ours: kept sessions; OpenSSH:
 * ControlMaster), and the floor, {@code uptime} run here without SSH. Wall time and client CPU per
 * host (ours: this JVM's CPU; OpenSSH: its processes' user+system time; the sshd side is in
 * neither), medians of R rounds (default 5). Run as root: {@code java -cp
 * bench/target/benchmarks.jar dev.ec2kit.bench.SshFleetBenchmark 20 5}.
 */
public final class SshFleetBenchmark {
  private static final String PREFIX = "ec2b-";

  /**
   * The hosts' login: a user made for the run, with {@code /bin/sh} and an empty home, so each
   * command costs the server a plain shell (root's {@code .bashrc}, sourced by bash for SSH
   * commands, cost ~100 ms here and hid the client).
   */
  private static final String USER = "ec2bench";

  private SshFleetBenchmark() {}

  record Figure(long wallMillis, double cpuMillisPerHost) {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    if (n < 1 || n > 50) {
      throw new IllegalArgumentException("hosts: 1 to 50, not " + n);
    }
    Path dir = Files.createTempDirectory("ec2-ssh-fleet-");
    List<Process> daemons = new ArrayList<>();
    removeNamespaces(); // left by an interrupted run
    shell("userdel " + USER + " 2>/dev/null; useradd -M -d " + dir + " -s /bin/sh -p '*' " + USER);
    try {
      List<String> hosts = startFleet(dir, n, daemons);
      Path key = dir.resolve("client_ed25519");
      String opts =
          "-i "
              + key
              + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
              + " -o BatchMode=yes -o LogLevel=ERROR";
      String mux =
          opts + " -o ControlMaster=auto -o ControlPath=" + dir + "/cm-%h -o ControlPersist=600";
      Path hostFile = dir.resolve("hosts");
      Files.write(hostFile, hosts);
      List<Instance> fleet = Fleet.instancesAt(hosts, USER, key);
      Path knownHosts = dir.resolve("known_hosts");

      List<Figure> oursNew = new ArrayList<>();
      List<Figure> oursOpen = new ArrayList<>();
      for (int r = 0; r < rounds + 1; r++) { // the first round warms the JVM up, not counted
        Files.deleteIfExists(knownHosts);
        try (Ssh ssh =
            Ssh.builder()
                .knownHosts(knownHosts)
                .hostKeyCheck(HostKeyCheck.ACCEPT_NEW)
                // all hosts at once, so sessions stay open for the second ("open") round: with
                // more hosts than its concurrency, a call closes each host's session when done
                .concurrency(fleet.size())
                .build()) {
          Figure fresh = ours(ssh, fleet);
          Figure open = ours(ssh, fleet);
          if (r > 0) {
            oursNew.add(fresh);
            oursOpen.add(open);
          }
        }
      }
      String loop = "while read h; do ssh %s " + USER + "@$h uptime </dev/null; done < " + hostFile;
      String xargs = "xargs -P 16 -I{} ssh %s " + USER + "@{} uptime < " + hostFile;
      List<Figure> loopNew = shellTimes(rounds, n, String.format(loop, opts));
      List<Figure> xargsNew = shellTimes(rounds, n, String.format(xargs, opts));
      shell(
          String.format(
              "while read h; do ssh %s " + USER + "@$h true </dev/null; done < " + hostFile, mux));
      List<Figure> loopOpen = shellTimes(rounds, n, String.format(loop, mux));
      List<Figure> xargsOpen = shellTimes(rounds, n, String.format(xargs, mux));
      shell(
          String.format(
              "while read h; do ssh %s -O exit "
                  + USER
                  + "@$h 2>/dev/null; done < "
                  + hostFile
                  + "; true",
              mux));
      List<Figure> floorLoop =
          shellTimes(rounds, n, "while read h; do uptime </dev/null; done < " + hostFile);
      List<Figure> floorXargs = shellTimes(rounds, n, "xargs -P 16 -I{} uptime < " + hostFile);

      Figure on = median(oursNew);
      Figure oo = median(oursOpen);
      Figure xn = median(xargsNew);
      Figure xo = median(xargsOpen);
      Figure fx = median(floorXargs);
      System.out.printf(
          "query-load on %d OpenSSH sshd hosts (network namespaces), medians of %d rounds%n",
          n, rounds);
      System.out.println(
          "| how | new: wall (ms) | new: client CPU per host (ms) | open: wall (ms) | open: client CPU per host (ms) |");
      System.out.println("|---|---|---|---|---|");
      row("ours (`Ssh.queryLoad`, 16 at a time)", on, oo);
      row("OpenSSH `ssh` in a loop", median(loopNew), median(loopOpen));
      row("OpenSSH `xargs -P 16 ssh` (ControlMaster when open)", xn, xo);
      row("floor: `uptime` here, no SSH (loop / xargs -P 16)", median(floorLoop), fx);
      double cpuOpenSsh = xn.cpuMillisPerHost();
      Summary.row(
          "SSH query-load on " + n + " sshd hosts, new connections: wall",
          on.wallMillis() + " ms",
          "`xargs -P 16 ssh` " + xn.wallMillis() + " ms",
          String.format("%.2fx", on.wallMillis() / (double) xn.wallMillis()),
          "<= 1x",
          on.wallMillis() <= xn.wallMillis());
      Summary.row(
          "SSH client CPU per host, new connections",
          String.format("%.1f ms", on.cpuMillisPerHost()),
          String.format("OpenSSH (`xargs -P 16`) %.1f ms", cpuOpenSsh),
          String.format("%.2fx", on.cpuMillisPerHost() / cpuOpenSsh),
          "<= 0.33x",
          on.cpuMillisPerHost() <= cpuOpenSsh / 3);
      Summary.row(
          "SSH query-load, open connections: wall",
          oo.wallMillis() + " ms",
          "floor (`xargs -P 16 uptime`, no SSH) "
              + fx.wallMillis()
              + " ms; ControlMaster "
              + xo.wallMillis()
              + " ms",
          String.format("%.1fx", oo.wallMillis() / (double) Math.max(1, fx.wallMillis())),
          "<= 1.5x",
          oo.wallMillis() <= 1.5 * fx.wallMillis());
      System.out.printf(
          "Targets: wall on new connections %.2fx xargs -P 16's (target <= 1: %s); client CPU per"
              + " host %.2fx OpenSSH's (target <= 0.33: %s); open connections %.2fx the floor"
              + " (xargs -P 16 uptime; target <= 1.5: %s).%n",
          on.wallMillis() / (double) xn.wallMillis(),
          on.wallMillis() <= xn.wallMillis() ? "met" : "not met",
          on.cpuMillisPerHost() / cpuOpenSsh,
          on.cpuMillisPerHost() <= cpuOpenSsh / 3 ? "met" : "not met",
          oo.wallMillis() / (double) Math.max(1, fx.wallMillis()),
          oo.wallMillis() <= 1.5 * fx.wallMillis() ? "met" : "not met");
    } finally {
      for (Process p : daemons) {
        p.destroy();
      }
      for (Process p : daemons) {
        p.waitFor();
      }
      removeNamespaces();
      shell("userdel " + USER + " 2>/dev/null; true");
      try (var walk = Files.walk(dir)) {
        walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void row(String how, Figure fresh, Figure open) {
    System.out.printf(
        "| %s | %d | %.2f | %d | %.2f |%n",
        how,
        fresh.wallMillis(),
        fresh.cpuMillisPerHost(),
        open.wallMillis(),
        open.cpuMillisPerHost());
  }

  /** N namespaces, each with a veth pair to this one and an sshd on its own address. */
  private static List<String> startFleet(Path dir, int n, List<Process> daemons) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/sbin/sshd"))) {
      throw new IllegalStateException("/usr/sbin/sshd is missing: apt-get install openssh-server");
    }
    shell("ssh-keygen -q -t ed25519 -N '' -f " + dir.resolve("host_ed25519"));
    shell("ssh-keygen -q -t ed25519 -N '' -f " + dir.resolve("client_ed25519"));
    Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
    // sshd reads authorized_keys as the user logging in
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        dir.resolve("authorized_keys"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.createDirectories(Path.of("/run/sshd"));
    Files.writeString(
        dir.resolve("sshd_config"),
        String.join(
            "\n",
            "HostKey " + dir.resolve("host_ed25519"),
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "StrictModes no",
            "PrintMotd no",
            "MaxStartups 100",
            "MaxSessions 100",
            ""));
    List<String> hosts = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String ns = PREFIX + i;
      String here = "10.213." + i + ".1";
      String there = "10.213." + i + ".2";
      shell(
          String.join(
              " && ",
              "ip netns add " + ns,
              "ip link add vb" + i + " type veth peer name eth0 netns " + ns,
              "ip addr add " + here + "/30 dev vb" + i,
              "ip link set vb" + i + " up",
              "ip -n " + ns + " addr add " + there + "/30 dev eth0",
              "ip -n " + ns + " link set eth0 up",
              "ip -n " + ns + " link set lo up"));
      daemons.add(
          new ProcessBuilder(
                  "ip",
                  "netns",
                  "exec",
                  ns,
                  "/usr/sbin/sshd",
                  "-D",
                  "-e",
                  "-f",
                  dir.resolve("sshd_config").toString(),
                  "-o",
                  "ListenAddress=" + there,
                  "-o",
                  "PidFile=" + dir.resolve("sshd-" + i + ".pid"))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("sshd-" + i + ".log").toFile())
              .start());
      hosts.add(there);
    }
    for (String h : hosts) { // each answers before the clock starts
      shell(
          "for t in $(seq 50); do ssh -i "
              + dir.resolve("client_ed25519")
              + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes"
              + " -o LogLevel=ERROR -o ConnectTimeout=1 "
              + USER
              + "@"
              + h
              + " true </dev/null && exit 0; sleep 0.1; done; exit 1");
    }
    return hosts;
  }

  private static Figure ours(Ssh ssh, List<Instance> fleet) {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    List<Outcome<Load>> loads = ssh.queryLoad(fleet);
    long wall = (System.nanoTime() - start) / 1_000_000;
    double cpuPerHost = (os.getProcessCpuTime() - cpu) / 1e6 / fleet.size();
    long ok = loads.stream().filter(Outcome::ok).count();
    if (ok != fleet.size()) {
      throw new IllegalStateException(
          (fleet.size() - ok)
              + " hosts failed: "
              + loads.stream().filter(o -> !o.ok()).findFirst());
    }
    return new Figure(wall, cpuPerHost);
  }

  private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s");

  /** Wall time, and its child processes' CPU per host from bash's {@code times}. */
  private static List<Figure> shellTimes(int rounds, int n, String pipeline) throws Exception {
    List<Figure> out = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      String report = shell(pipeline + " >/dev/null; times");
      long wall = (System.nanoTime() - start) / 1_000_000;
      String[] lines = report.strip().split("\n");
      Matcher m = TIMES.matcher(lines[lines.length - 1]);
      if (!m.find()) {
        throw new IllegalStateException("no times in: " + report);
      }
      double cpu =
          (Integer.parseInt(m.group(1)) * 60
                  + Double.parseDouble(m.group(2))
                  + Integer.parseInt(m.group(3)) * 60
                  + Double.parseDouble(m.group(4)))
              * 1000;
      out.add(new Figure(wall, cpu / n));
    }
    return out;
  }

  private static String shell(String script) throws Exception {
    return Shell.run(script);
  }

  private static void removeNamespaces() throws Exception {
    shell(
        "for ns in $(ip netns list | awk '{print $1}' | grep '^"
            + PREFIX
            + "'); do ip netns pids $ns | xargs -r kill 2>/dev/null; ip netns del $ns; done; true");
  }

  private static Figure median(List<Figure> xs) {
    List<Long> walls = new ArrayList<>();
    List<Double> cpus = new ArrayList<>();
    xs.forEach(
        f -> {
          walls.add(f.wallMillis());
          cpus.add(f.cpuMillisPerHost());
        });
    Collections.sort(walls);
    Collections.sort(cpus);
    return new Figure(walls.get(walls.size() / 2), cpus.get(cpus.size() / 2));
  }
}
