package dev.ec2kit.local.junit;

import dev.ec2kit.Ec2;
import dev.ec2kit.local.Ec2Local;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts an {@link Ec2Local} on a free port before a test class (with
 * instant transitions: instances run as soon as they are launched) and stops it after, failing the
 * class if any request ended in a 500 InternalError. Test methods and constructors can take the
 * {@link Ec2Local}, a ready {@link Ec2} client for us-east-1 (its instances answer SSH where the
 * emulator listens), or, with ec2-ssh among the dependencies, an {@code Ssh} of the test class's
 * own: its known-hosts file is in a home of its own, deleted after the class, never the
 * developer's.
 *
 * <pre>{@code
 * @ExtendWith(Ec2LocalExtension.class)
 * class RegionsTest {
 *   @Test
 *   void lists_regions(Ec2 ec2) {
 *     assertThat(ec2.regions().describe()).isNotEmpty();
 *   }
 * }
 * }</pre>
 */
public final class Ec2LocalExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(Ec2LocalExtension.class);

  /** Made by JUnit, from {@code @ExtendWith(Ec2LocalExtension.class)}. */
  public Ec2LocalExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    Ec2Local local = Ec2Local.builder().port(0).transition(java.time.Duration.ZERO).build().start();
    context.getStore(NS).put(Ec2Local.class, local);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Ec2Local local = context.getStore(NS).remove(Ec2Local.class, Ec2Local.class);
    if (local != null) {
      long errors = local.internalErrors();
      local.close();
      if (errors > 0) {
        throw new AssertionError(
            "the emulator answered "
                + errors
                + " request(s) with 500 InternalError (a bug, not a client mistake): see the log above");
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
    Class<?> type = p.getParameter().getType();
    // by name: ec2-ssh is optional, and a test that takes no Ssh must not need it
    return type == Ec2Local.class
        || type == Ec2.class
        || type.getName().equals("dev.ec2kit.ssh.Ssh");
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) {
    Ec2Local local = c.getStore(NS).get(Ec2Local.class, Ec2Local.class);
    if (p.getParameter().getType() == Ec2Local.class) {
      return local;
    }
    if (p.getParameter().getType() != Ec2.class) {
      // one per test class, closed after it, with a home and known-hosts file of its own
      ExtensionContext forClass = c.getTestMethod().isPresent() ? c.getParent().orElse(c) : c;
      return forClass
          .getStore(NS)
          .getOrComputeIfAbsent(TestSsh.class, k -> new TestSsh(), TestSsh.class)
          .ssh();
    }
    return Ec2.builder().identity(local.identity("us-east-1")).build();
  }
}
