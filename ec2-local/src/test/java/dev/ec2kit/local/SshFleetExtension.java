package dev.ec2kit.local;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** What {@link SandboxedFleet} does: one sandboxed {@link SshFleet} a class. */
final class SshFleetExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(SshFleetExtension.class);

  /**
   * The class's fleet and its directory, closed (by JUnit, as an AutoCloseable in its store) after
   * the class's last callback.
   */
  private record Held(SshFleet fleet, Path dir) implements AutoCloseable {
    @Override
    public void close() {
      try {
        fleet.close();
      } finally {
        deleteTree(dir);
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    SshFleet fleet = fleet(context);
    for (Field f : context.getRequiredTestClass().getDeclaredFields()) {
      if (f.getType() == SshFleet.class && Modifier.isStatic(f.getModifiers())) {
        f.setAccessible(true);
        f.set(null, fleet);
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
    return p.getParameter().getType() == SshFleet.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) {
    return fleet(c);
  }

  /** The class's fleet, started on first need. */
  private static SshFleet fleet(ExtensionContext c) {
    ExtensionContext forClass = c.getTestMethod().isPresent() ? c.getParent().orElse(c) : c;
    return forClass.getStore(NS).getOrComputeIfAbsent(Held.class, k -> start(), Held.class).fleet();
  }

  private static Held start() {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("ssh-fleet-");
      return new Held(SshFleet.start(dir, SandboxMode.ON, null), dir);
    } catch (Exception e) {
      if (dir != null) {
        deleteTree(dir);
      }
      throw new IllegalStateException("the class's sandboxed fleet did not start: " + e, e);
    }
  }

  /** Removes {@code dir} and what is in it (what cannot be removed stays). */
  private static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      // a temporary directory: what is left is the system's to clean
    }
  }
}
