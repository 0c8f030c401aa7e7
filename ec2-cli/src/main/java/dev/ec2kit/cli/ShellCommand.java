package dev.ec2kit.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ec2 shell}: jshell with the toolkit on the class path, its packages imported and a client
 * ready as {@code ec2}, so the manual's REPL session can be typed in Java.
 */
@Command(
    name = "shell",
    mixinStandardHelpOptions = true,
    description =
        "jshell with the library imported and a ready client named ec2 (--local: on an in-process emulator).")
final class ShellCommand implements Callable<Integer> {
  @Option(names = "--local", description = "Start an emulator in the shell and point ec2 at it.")
  boolean local;

  @Override
  public Integer call() throws IOException, InterruptedException, URISyntaxException {
    Path jar =
        Path.of(ShellCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
    if (!Files.isExecutable(jshell)) {
      throw new IllegalStateException("this Java has no jshell (" + jshell + "): use a full JDK");
    }
    Path startup = Files.createTempFile("ec2-shell-", ".jsh");
    String client =
        local
            ? "var local = Ec2Local.builder().port(0).log(null).build().start();\n"
                + "var ec2 = Ec2.builder().identity(local.identity(\"us-east-1\")).build();\n"
                + "System.out.println(\"ec2 is a client of the emulator at \" + local.endpoint() + \"; try ec2.regions().describe()\");\n"
            : "var ec2 = Ec2.create();\n"
                + "System.out.println(\"ec2 is a client for \" + ec2.identity() + \"; try ec2.regions().describe()\");\n";
    Files.writeString(
        startup,
        String.join(
                "\n",
                List.of(
                    "import dev.ec2kit.*;",
                    "import dev.ec2kit.ssh.*;",
                    "import dev.ec2kit.local.*;",
                    "import java.nio.file.*;",
                    "import java.time.*;",
                    "import java.util.*;"))
            + "\n"
            + client);
    startup.toFile().deleteOnExit();
    Process p =
        new ProcessBuilder(
                jshell.toString(),
                "--class-path",
                jar.toString(),
                "--startup",
                "DEFAULT",
                "--startup",
                startup.toString())
            .inheritIO()
            .start();
    int status = p.waitFor();
    Files.deleteIfExists(startup);
    return status;
  }
}
