package dev.ec2kit.local;

import dev.ec2kit.Ec2;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts an {@link Ec2Local} on a free port before a test class (with
 * instant transitions: instances run as soon as they are launched) and stops it after, failing the
 * class if any request ended in a 500 InternalError. Test methods and constructors can take the
 * {@link Ec2Local} or a ready {@link Ec2} client for us-east-1.
 *
 * <pre>{@code
 * @ExtendWith(Ec2LocalExtension.class)
 * class RegionsTest {
 *   @Test
 *   void lists_regions(Ec2 ec2) {
 *     assertThat(ec2.describeRegions()).isNotEmpty();
 *   }
 * }
 * }</pre>
 */
@SuppressWarnings("exports") // JUnit's types: ec2.local requires JUnit only statically, for this.
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
    return type == Ec2Local.class || type == Ec2.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) {
    Ec2Local local = c.getStore(NS).get(Ec2Local.class, Ec2Local.class);
    if (p.getParameter().getType() == Ec2Local.class) {
      return local;
    }
    return Ec2.builder().identity(local.identity("us-east-1")).build();
  }
}
