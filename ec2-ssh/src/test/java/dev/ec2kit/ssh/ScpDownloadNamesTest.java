package dev.ec2kit.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Instance;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An scp server that is not ours to trust (issue 17): the names it sends in C and D lines must not
 * take a download anywhere the caller did not ask for.
 */
class ScpDownloadNamesTest {
  @TempDir static Path keys;
  @TempDir Path dir;

  /** What the server answers {@code scp -f} with, per login user. */
  static final Map<String, List<String>> answers = new ConcurrentHashMap<>();

  static TestSshServer server;
  Path into;

  @BeforeAll
  static void start() throws Exception {
    server =
        new TestSshServer(
            keys,
            (user, command, in, out) ->
                command.startsWith("scp ") && command.contains(" -f ")
                    ? TestSshServer.scpSource(in, out, answers.get(user), "PWNED\n")
                    : 127);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @BeforeEach
  void target() throws Exception {
    into = Files.createDirectories(dir.resolve("a/b/into"));
    Files.createDirectories(into.resolve("a")); // so that a/b would land if it were let through
  }

  private UncheckedIOException refused(String user, String remote, boolean recurse, String... h) {
    answers.put(user, List.of(h));
    Instance i = server.instance("i-0123456789abcdef0", user);
    try (Ssh ssh =
        Ssh.builder()
            .knownHosts(dir.resolve("known_hosts"))
            .connectTimeout(Duration.ofSeconds(10))
            .build()) {
      return (UncheckedIOException)
          catchThrown(() -> ssh.sshCopyFileFrom(i, remote, into, false, recurse));
    }
  }

  private static Throwable catchThrown(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      assertThat(e).isInstanceOf(UncheckedIOException.class);
      return e;
    }
    throw new AssertionError("the download was not refused");
  }

  /** Every file the download wrote anywhere under the test's directory. */
  private List<Path> written() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(p -> !p.endsWith("known_hosts")).toList();
    }
  }

  @Test
  void a_name_climbing_out_of_the_target_is_refused_and_nothing_is_written() throws Exception {
    UncheckedIOException e = refused("climb", "logs/app.log", false, "C0644 6 ../../../PWNED");
    assertThat(e)
        .hasMessageContaining("i-0123456789abcdef0")
        .hasMessageContaining("download refused")
        .hasMessageContaining("\"../../../PWNED\"");
    assertThat(written()).isEmpty();
  }

  @Test
  void an_absolute_name_is_refused_and_that_path_is_not_written() throws Exception {
    Path absolute = dir.resolve("abs-PWNED").toAbsolutePath();
    UncheckedIOException e = refused("abs", "logs/app.log", false, "C0644 6 " + absolute);
    assertThat(e).hasMessageContaining("download refused").hasMessageContaining(absolute + "\"");
    assertThat(absolute).doesNotExist();
    assertThat(written()).isEmpty();
  }

  @Test
  void a_name_with_a_slash_is_refused_even_inside_the_target() throws Exception {
    assertThat(refused("slash", "logs/app.log", false, "C0644 6 a/b"))
        .hasMessageContaining("download refused")
        .hasMessageContaining("\"a/b\"");
    assertThat(written()).isEmpty();
  }

  @Test
  void a_name_other_than_the_one_asked_for_is_refused() throws Exception {
    assertThat(refused("other", "logs/app.log", false, "C0644 6 authorized_keys"))
        .hasMessageContaining("download refused")
        .hasMessageContaining("\"authorized_keys\"")
        .hasMessageContaining("\"app.log\" that was asked for");
    assertThat(written()).isEmpty();
  }

  @Test
  void dot_dot_and_a_nul_are_refused_and_names_are_shown_escaped() throws Exception {
    assertThat(refused("dotdot", "logs/..", false, "C0644 6 ..")).hasMessageContaining("\"..\"");
    assertThat(refused("dot", "logs", true, "D0755 0 .", "E")).hasMessageContaining("\".\"");
    assertThat(refused("nul", "logs/app.log", false, "C0644 6 app.log\0.sh"))
        .hasMessageContaining("\"app.log\\u0000.sh\"");
    assertThat(refused("escape", "logs/app.log", false, "C0644 6 x\033[2Jy"))
        .hasMessageContaining("\"x\\u001b[2Jy\"");
    assertThat(written()).isEmpty();
  }

  @Test
  void a_recursive_download_refuses_a_hostile_name_inside_a_directory() throws Exception {
    assertThat(refused("deep", "logs", true, "D0755 0 logs", "C0644 6 ../../../PWNED"))
        .hasMessageContaining("download refused")
        .hasMessageContaining("\"../../../PWNED\"");
    assertThat(refused("deepdir", "logs", true, "D0755 0 ../../up", "E"))
        .hasMessageContaining("\"../../up\"");
    assertThat(written()).isEmpty();
    assertThat(dir.resolve("a/up")).doesNotExist();
  }

  @Test
  void the_names_asked_for_are_written_a_glob_by_what_it_matches() throws Exception {
    answers.put("fine", List.of("C0644 6 app.log"));
    answers.put("glob", List.of("C0644 6 app.log", "C0644 6 db-1.log"));
    answers.put("tree", List.of("D0755 0 logs", "C0644 6 app.log", "D0755 0 old", "E", "E"));
    try (Ssh ssh = Ssh.builder().knownHosts(dir.resolve("known_hosts")).build()) {
      ssh.sshCopyFileFrom(server.instance("i-1", "fine"), "logs/app.log", into, false, false);
      assertThat(into.resolve("app.log")).hasContent("PWNED");
      Path globbed = Files.createDirectories(dir.resolve("globbed"));
      ssh.sshCopyFileFrom(
          server.instance("i-1", "glob"), "logs/{app,db-[0-9]}.log", globbed, false, false);
      assertThat(globbed.resolve("db-1.log")).hasContent("PWNED");
      Path tree = Files.createDirectories(dir.resolve("tree"));
      ssh.sshCopyFileFrom(server.instance("i-1", "tree"), "logs", tree, false, true);
      assertThat(tree.resolve("logs/app.log")).hasContent("PWNED");
      assertThat(tree.resolve("logs/old")).isDirectory();
      // OpenSSH's server names the directory "." when "." is asked for with -r
      answers.put("dot", List.of("D0755 0 .", "C0644 6 app.log", "E"));
      Path here = Files.createDirectories(dir.resolve("here"));
      ssh.sshCopyFileFrom(server.instance("i-1", "dot"), ".", here, false, true);
      assertThat(here.resolve("app.log")).hasContent("PWNED");
    }
    assertThatThrownBy(
            () -> {
              answers.put("glob2", List.of("C0644 6 app.txt"));
              try (Ssh ssh = Ssh.builder().knownHosts(dir.resolve("known_hosts")).build()) {
                ssh.sshCopyFileFrom(
                    server.instance("i-1", "glob2"), "logs/*.log", into, false, false);
              }
            })
        .hasMessageContaining("\"app.txt\"")
        .hasMessageContaining("\"*.log\" that was asked for");
  }
}
