package dev.ec2kit.cli;

import dev.ec2kit.KeyPair;
import dev.ec2kit.KeyType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The manual's section 6.0: key pairs. */
final class KeyPairCommands {
  private KeyPairCommands() {}

  static final Table<KeyPair> TABLE =
      new Table<KeyPair>("KeyPairs")
          .column("KeyName", KeyPair::keyName)
          .column("KeyPairId", KeyPair::keyPairId)
          .column("KeyType", KeyPair::keyType)
          .column("KeyFingerprint", KeyPair::fingerprint);

  @Command(
      name = "create-key-pair",
      mixinStandardHelpOptions = true,
      description =
          "Create a key pair and save its private key (shown by EC2 only this once) with owner-only permissions.")
  static final class Create extends ApiCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(
        names = "--key-type",
        paramLabel = "rsa|ed25519",
        description = "Default: rsa (2048 bits).")
    String keyType = "rsa";

    @Option(
        names = "--save",
        paramLabel = "FILE",
        required = true,
        description =
            "Where to write the private key (mode 0600); never over an existing file unless --force.")
    Path save;

    @Option(names = "--force", description = "Replace an existing FILE.")
    boolean force;

    @Override
    public Integer call() throws IOException {
      KeyType type = KeyType.fromName(keyType);
      Path target = save.toAbsolutePath();
      if (Files.exists(target) && !force) {
        throw new IllegalArgumentException(
            "--save " + save + " exists: choose another file, or add --force to replace it");
      }
      if (!Files.isDirectory(target.getParent())) {
        throw new IllegalArgumentException(
            "--save " + save + ": the directory " + target.getParent() + " does not exist");
      }
      KeyPair k = ec2().keyPairs().create(name, type);
      write(target, k.privateKey().orElseThrow(), force);
      if (format() != GlobalOptions.Format.table
          && output()
              .fromModel(
                  out(),
                  format(),
                  m -> {
                    Map<String, Object> shown = new LinkedHashMap<>(m);
                    shown.put(
                        "SavedTo", target.toString()); // instead of KeyMaterial, never printed
                    return shown;
                  })) {
        return 0;
      }
      TABLE.print(output(), out(), format(), List.of(k));
      err().println("private key saved to " + target + " (mode 0600)");
      err().flush();
      return 0;
    }

    /**
     * Writes a secret: created 0600 from the first byte in a file of its own, then linked into
     * place, which fails (never replaces) when the target exists: of two saves to one path, one
     * wins and the other keeps its key where its message says. {@code replace} (--force) moves over
     * the target instead.
     */
    static void write(Path target, String pem, boolean replace) throws IOException {
      Path tmp =
          Files.createTempFile(
              target.getParent(),
              ".ec2-key-",
              ".pem",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      boolean placed = false;
      try {
        Files.writeString(tmp, pem.endsWith("\n") ? pem : pem + "\n", StandardCharsets.US_ASCII);
        if (replace) {
          Files.move(
              tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
          try {
            Files.createLink(target, tmp); // atomic, and refuses an existing target
          } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            if (e instanceof FileAlreadyExistsException exists) {
              throw exists;
            }
            copyNew(tmp, target); // no hard links here: create-new, then write
          }
          Files.delete(tmp);
        }
        placed = true;
      } catch (FileAlreadyExistsException e) {
        placed = true; // the key stays in tmp, which the message names
        throw new java.io.UncheckedIOException(
            new FileAlreadyExistsException(
                target.toString(),
                null,
                "appeared while the key was made; nothing was overwritten. The new private key is in "
                    + tmp
                    + " (mode 0600): move it where you want it"));
      } finally {
        if (!placed) {
          Files.deleteIfExists(tmp);
        }
      }
    }

    private static void copyNew(Path from, Path to) throws IOException {
      try (var out =
          Files.newByteChannel(
              to,
              java.util.Set.of(
                  java.nio.file.StandardOpenOption.CREATE_NEW,
                  java.nio.file.StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
        out.write(java.nio.ByteBuffer.wrap(Files.readAllBytes(from)));
      }
    }
  }

  @Command(
      name = "import-key-pair",
      mixinStandardHelpOptions = true,
      description = "Register the public half of a key you have (OpenSSH .pub, RFC 4716, or DER).")
  static final class Import extends ApiCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(
        names = "--public-key-file",
        paramLabel = "FILE",
        required = true,
        description = "Such as ~/.ssh/id_ed25519.pub.")
    Path file;

    @Override
    public Integer call() throws IOException {
      String key;
      try {
        key = Files.readString(file);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "--public-key-file "
                + file
                + " cannot be read ("
                + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage())
                + ")");
      }
      TABLE.print(output(), out(), format(), List.of(ec2().keyPairs().importKey(name, key)));
      return 0;
    }
  }

  @Command(
      name = "describe-key-pairs",
      mixinStandardHelpOptions = true,
      description = "List key pairs.")
  static final class Describe extends ApiCommand {
    @Parameters(paramLabel = "NAME", arity = "0..*")
    List<String> names = List.of();

    @Option(
        names = "--key-names",
        paramLabel = "NAME",
        arity = "1..*",
        description = "Names, as an option.")
    List<String> keyNames = List.of();

    @Override
    public Integer call() {
      List<String> all = new java.util.ArrayList<>(names);
      all.addAll(keyNames);
      TABLE.print(output(), out(), format(), ec2().keyPairs().describe(all.toArray(String[]::new)));
      return 0;
    }
  }

  @Command(
      name = "delete-key-pair",
      mixinStandardHelpOptions = true,
      description = "Delete a key pair.")
  static final class Delete extends ApiCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      ec2().keyPairs().delete(name);
      IdOutput.print(output(), out(), format(), "KeyName", name);
      return 0;
    }
  }
}
