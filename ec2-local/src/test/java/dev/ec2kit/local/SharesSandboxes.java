package dev.ec2kit.local;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that starts emulators of its own whose instances are sandboxes where this machine
 * allows them ({@link SandboxMode#AUTO}: as root, they are), as {@link Emulated} classes do with
 * the extension; a marker, with no lock, as {@link Emulated}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface SharesSandboxes {}
