package dev.ec2kit.local;

import dev.ec2kit.local.junit.Ec2LocalExtension;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class with an {@link Ec2LocalExtension} emulator, whose instances are sandboxes where this
 * machine allows them (its default, {@link SandboxMode#AUTO}: as root, they are). Such classes run
 * side by side as any others, but never beside a {@link SandboxedFleet} class, which has the
 * sandboxes' lock to itself (those classes count processes and loop devices and time boots): the
 * lock, shared here, comes with this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Ec2LocalExtension.class)
@ResourceLock(value = SandboxedFleet.LOCK, mode = ResourceAccessMode.READ)
@interface Emulated {}
