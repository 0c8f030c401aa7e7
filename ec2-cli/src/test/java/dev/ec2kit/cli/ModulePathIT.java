package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library as a user's program takes it, from the module path and from the class path: the
 * consumer in src/test/consumer (a module that requires ec2.local and ec2.ssh) is compiled by this
 * JDK's javac with -Xlint:all and run by its java, both ways, on the jars the package phase made
 * and the third-party jars Maven resolved for them.
 */
class ModulePathIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path BIN = Path.of(System.getProperty("java.home"), "bin");
  static final Path CONSUMER = Path.of("src/test/consumer").toAbsolutePath();

  /** What ec2-ssh and ec2-local need at run time besides ec2-client, by artifact name. */
  static final List<String> THEIRS =
      List.of("sshd-osgi", "sshd-scp", "sshd-sftp", "eddsa", "slf4j-api", "slf4j-jdk14");

  @TempDir static Path dir;

  /** The jars of the three library modules and what they need: a program's module path. */
  static List<Path> jars = new ArrayList<>();

  /** Those three and ec2-local-junit's, which a program does without. */
  static List<Path> ours = new ArrayList<>();

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void findJars() throws Exception {
    for (String module : List.of("ec2-client", "ec2-ssh", "ec2-local", "ec2-local-junit")) {
      try (Stream<Path> files = Files.list(ROOT.resolve(module).resolve("target"))) {
        List<Path> found =
            files
                .filter(
                    f ->
                        f.getFileName()
                            .toString()
                            .matches(module + "-[0-9][^-]*(-SNAPSHOT)?\\.jar"))
                .toList();
        assertThat(found).as("the jar of " + module + ": run the package phase").hasSize(1);
        ours.add(found.get(0));
      }
    }
    jars.addAll(ours.subList(0, 3));
    List<String> classPath =
        List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    for (String artifact : THEIRS) {
      List<String> found =
          classPath.stream()
              .filter(e -> Path.of(e).getFileName().toString().matches(artifact + "-[0-9].*\\.jar"))
              .distinct()
              .toList();
      assertThat(found).as(artifact + " on the test class path").hasSize(1);
      jars.add(Path.of(found.get(0)));
    }
    // Their split packages keep the module system from starting with both; sshd-osgi is the two.
    assertThat(classPath).noneMatch(e -> e.matches(".*/sshd-(core|common)-[^/]*\\.jar"));
  }

  static Run run(List<String> command) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("did not finish in 3 minutes: " + command);
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  static String path(List<Path> entries) {
    return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  static List<String> sources(Path root, boolean withModuleInfo) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> withModuleInfo || !f.endsWith("module-info.java"))
          .map(Path::toString)
          .toList();
    }
  }

  static List<String> command(Object... parts) {
    List<String> all = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof List<?> list) {
        list.forEach(e -> all.add(e.toString()));
      } else {
        all.add(part.toString());
      }
    }
    return all;
  }

  @Test
  void our_jars_are_named_modules_that_export_only_their_api() {
    Map<String, Set<String>> api =
        Map.of(
            "ec2.client", Set.of("dev.ec2kit"),
            "ec2.ssh", Set.of("dev.ec2kit.ssh"),
            "ec2.local", Set.of("dev.ec2kit.local"),
            "ec2.local.junit", Set.of("dev.ec2kit.local.junit"));
    ModuleFinder finder = ModuleFinder.of(ours.toArray(Path[]::new));
    for (var entry : api.entrySet()) {
      ModuleDescriptor d =
          finder
              .find(entry.getKey())
              .orElseThrow(() -> new AssertionError(entry.getKey()))
              .descriptor();
      assertThat(d.isAutomatic()).as(d.name() + " automatic").isFalse();
      assertThat(d.isOpen()).isFalse();
      assertThat(d.opens()).isEmpty();
      Set<String> everyone = new TreeSet<>();
      for (ModuleDescriptor.Exports e : d.exports()) {
        if (e.isQualified()) {
          assertThat(e.source()).startsWith("dev.ec2kit.internal.");
          assertThat(e.targets()).isSubsetOf("ec2.ssh", "ec2.local");
        } else {
          everyone.add(e.source());
        }
      }
      assertThat(everyone).as(d.name() + " exports").isEqualTo(entry.getValue());
    }
  }

  /**
   * Only ec2.local.junit names JUnit. A module that requires JUnit's API, even statically, has
   * Maven Surefire put that API on the module path of a modular application's tests and the JUnit
   * launcher on the class path, and JUnit then fails to start ("org.junit.platform.commons does not
   * export org.junit.platform.commons.util to unnamed module"): .ci/consumer-check runs such tests.
   */
  @Test
  void only_the_junit_module_requires_junit() {
    ModuleFinder finder = ModuleFinder.of(ours.toArray(Path[]::new));
    Map<String, Set<String>> junit = new TreeMap<>();
    for (var m : finder.findAll()) {
      junit.put(
          m.descriptor().name(),
          m.descriptor().requires().stream()
              .map(ModuleDescriptor.Requires::name)
              .filter(r -> r.startsWith("org.junit"))
              .collect(Collectors.toCollection(TreeSet::new)));
    }
    assertThat(junit)
        .isEqualTo(
            Map.of(
                "ec2.client", Set.of(),
                "ec2.ssh", Set.of(),
                "ec2.local", Set.of(),
                "ec2.local.junit", Set.of("org.junit.jupiter.api")));
  }

  /**
   * Compiles the consumer with -Xlint:all and runs it, from the module path or the class path (the
   * same sources without their module-info.java); checks that both succeed, that javac warns of
   * nothing and that the run prints only its line, and returns that line.
   */
  static String compileAndRun(boolean modular) throws Exception {
    String how = modular ? "module-path" : "class-path";
    Path classes = dir.resolve(how + "-classes");
    Path work = Files.createDirectories(dir.resolve(how + "-run"));
    Run javac =
        run(
            command(
                BIN.resolve("javac"),
                "-Xlint:all",
                modular ? "--module-path" : "-cp",
                path(jars),
                "-d",
                classes,
                sources(CONSUMER, modular)));
    assertThat(javac.exit()).as(javac.err()).isZero();
    String entries = classes + File.pathSeparator + path(jars);
    Run java =
        run(
            modular
                ? command(
                    BIN.resolve("java"),
                    "--module-path",
                    entries,
                    "-m",
                    "consumer/dev.ec2kit.consumer.Main",
                    work)
                : command(BIN.resolve("java"), "-cp", entries, "dev.ec2kit.consumer.Main", work));
    assertThat(java.exit()).as(java.err()).isZero();
    assertThat(java.err()).isEmpty();
    // Checked after the run, so that a failing run is seen first: a requires directive for an
    // automatic module is a warning.
    assertThat(javac.err() + javac.out()).as("javac's warnings").isEmpty();
    return java.out();
  }

  @Test
  void a_consumer_compiles_without_warnings_and_runs_from_the_module_path() throws Exception {
    assertThat(compileAndRun(true))
        .matches(
            "module ec2\\.client, module ec2\\.local, module ec2\\.ssh: [1-9][0-9]* regions,"
                + " ami-[0-9a-f]+, sent said sent\n");
  }

  @Test
  void the_same_consumer_compiles_and_runs_from_the_class_path() throws Exception {
    assertThat(compileAndRun(false))
        .matches(
            "(unnamed module @[0-9a-f]+, ){2}unnamed module @[0-9a-f]+: [1-9][0-9]* regions,"
                + " ami-[0-9a-f]+, sent said sent\n");
  }

  @Test
  void the_internal_packages_are_not_readable_from_a_consumer_module() throws Exception {
    Path src = Files.createDirectories(dir.resolve("peek/src/peek"));
    Files.writeString(
        src.resolve("../module-info.java"),
        "module peek { requires ec2.local; requires ec2.ssh; }");
    Files.writeString(
        src.resolve("Peek.java"),
        """
        package peek;
        class Peek {
          Object signing = dev.ec2kit.internal.signing.SigV4.class;
          Object world = dev.ec2kit.local.internal.World.class;
          Object hostKeys = dev.ec2kit.ssh.internal.HostKeys.class;
        }
        """);
    Run javac =
        run(
            command(
                BIN.resolve("javac"),
                "--module-path",
                path(jars),
                "-d",
                dir.resolve("peek/classes"),
                sources(src.getParent(), true)));
    assertThat(javac.exit()).isNotZero();
    assertThat(javac.err())
        .contains(
            "package dev.ec2kit.internal.signing is declared in module ec2.client, which does not"
                + " export it to module peek",
            "package dev.ec2kit.local.internal is declared in module ec2.local, which does not"
                + " export it",
            "package dev.ec2kit.ssh.internal is declared in module ec2.ssh, which does not export"
                + " it");
  }
}
