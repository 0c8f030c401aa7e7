package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.RunOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sandboxed instance's life as EC2 shows it: pending until its sandbox is up (no call waits for a
 * boot), its console the last 64 KB over all its boots, and its memory, processes and CPU bounded
 * by its type through this machine's cgroups.
 */
@SandboxedFleet
class SandboxLifecycleTest {
  static SshFleet fleet;

  @Test
  void an_instance_is_pending_until_its_sandbox_is_up_and_no_call_waits_for_it() {
    // the first boot of an image makes its layer (a copy of /etc): seconds, not milliseconds
    Instance i = fleet.ec2.instances().run(fleet.ami, 1, 1, RunOptions.builder().build()).get(0);
    long start = System.nanoTime();
    Instance seen = fleet.ec2.instances().describe(List.of(i)).get(0);
    assertThat(seen.state()).isEqualTo(InstanceState.PENDING);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(fleet.waitFor(i, InstanceState.RUNNING).state()).isEqualTo(InstanceState.RUNNING);
  }

  @Test
  void the_console_keeps_the_last_64_KB_over_every_boot() throws Exception {
    String script =
        "#!/bin/sh\n"
            + "echo first-boot-begins\n"
            + "i=0; while [ $i -lt 2000 ]; do"
            + " echo \"boot-one line $i of the user data, long enough to fill a console\";"
            + " i=$((i+1)); done\n"
            + "echo first-boot-ends\n";
    Instance i = fleet.launch(fleet.ami, 1, RunOptions.builder().userData(script)).get(0);
    waitForConsole(i, "first-boot-ends");
    fleet.ec2.instances().reboot(List.of(i));
    String after = waitForConsole(i, "Cloud-init v. 22.2.2 finished at", 2);
    assertThat(after).contains("first-boot-ends").doesNotContain("first-boot-begins");
    assertThat(after.indexOf("first-boot-ends"))
        .as("the second boot's lines after the first's")
        .isLessThan(after.lastIndexOf("running 'modules:final'"))
        .isPositive();
    assertThat(after.getBytes(StandardCharsets.UTF_8).length)
        .as("the last 64 KB of the sandbox's own lines, and the emulator's boot lines")
        .isBetween(60 * 1024, 72 * 1024);
  }

  @Test
  void memory_processes_and_cpu_are_bounded_by_the_instance_type() throws Exception {
    Instance i = fleet.launch(fleet.ami, 1, RunOptions.builder().instanceType("t2.nano")).get(0);
    String memory = cgroup(i, "memory");
    String pids = cgroup(i, "pids");
    String cpu = cgroup(i, "cpu");
    assertThat(read("memory", memory, "memory.limit_in_bytes")).isEqualTo("536870912");
    assertThat(read("pids", pids, "pids.max")).isEqualTo("512");
    assertThat(read("cpu", cpu, "cpu.cfs_quota_us")).isEqualTo("100000");
    assertThat(memory).endsWith("/" + i.instanceId());
    // a fork bomb stops at the bound (its processes left running, the bound reached); this
    // machine is untouched
    String bomb =
        fleet.ssh(
            i,
            "sh -c 'n=0; while [ $n -lt 1000 ]; do sleep 30 >/dev/null 2>&1 & n=$((n+1)); done;"
                + " echo all $n' 2>&1 | tail -1; true");
    assertThat(bomb).doesNotContain("all 1000").containsIgnoringCase("fork");
    assertThat(Long.parseLong(read("pids", pids, "pids.current"))).isBetween(490L, 512L);
    assertThat(Long.parseLong(read("pids", pids, "pids.events").replaceAll("\\D", "")))
        .as("forks refused at the bound")
        .isPositive();
    fleet.ec2.instances().terminate(List.of(i));
    fleet.waitFor(i, InstanceState.TERMINATED);
    assertThat(Path.of("/sys/fs/cgroup/pids" + pids)).doesNotExist();
  }

  /** The instance's cgroup in a v1 hierarchy, as its own processes see it. */
  private static String cgroup(Instance i, String controller) throws Exception {
    for (String line : fleet.ssh(i, "cat /proc/self/cgroup").lines().toList()) {
      String[] f = line.split(":", 3);
      if (List.of(f[1].split(",")).contains(controller)) {
        return f[2];
      }
    }
    throw new AssertionError("no " + controller + " cgroup");
  }

  private static String read(String controller, String group, String file) throws Exception {
    return Files.readString(Path.of("/sys/fs/cgroup/" + controller + group, file)).strip();
  }

  private static String waitForConsole(Instance i, String text) throws Exception {
    return waitForConsole(i, text, 1);
  }

  /** The console once it holds {@code text} {@code times} times (30 s at most). */
  private static String waitForConsole(Instance i, String text, int times) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      String out = fleet.ec2.instances().consoleOutput(i).output();
      if (out.split(java.util.regex.Pattern.quote(text), -1).length > times) {
        return out;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("no " + text + " (" + times + ") in the console:\n" + out);
      }
      Thread.sleep(200);
    }
  }
}
