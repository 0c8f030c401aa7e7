package dev.ec2kit.local;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class whose instances are sandboxes: one {@link SshFleet} with sandboxes required ({@link
 * SandboxMode#ON}) for the whole class, set in its static {@code SshFleet} fields before its
 * {@code @BeforeAll} methods run (and given to any parameter of that type), closed after it, its
 * directory removed. The class takes its turn with every other class that boots sandboxes ({@link
 * #LOCK}): the lock comes with this annotation, so a sandboxed class cannot forget it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SshFleetExtension.class)
@ResourceLock(SandboxedFleet.LOCK)
@interface SandboxedFleet {
  /** The lock of the classes that boot sandboxes: they run one at a time. */
  String LOCK = "sandboxed instances";
}
