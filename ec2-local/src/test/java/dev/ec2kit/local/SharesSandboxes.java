package dev.ec2kit.local;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class that starts emulators of its own whose instances are sandboxes where this machine
 * allows them ({@link SandboxMode#AUTO}: as root, they are), as {@link Emulated} classes do with
 * the extension: it runs beside any class but a {@link SandboxedFleet} one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ResourceLock(value = SandboxedFleet.LOCK, mode = ResourceAccessMode.READ)
@interface SharesSandboxes {}
