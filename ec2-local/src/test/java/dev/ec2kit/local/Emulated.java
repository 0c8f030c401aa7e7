package dev.ec2kit.local;

import dev.ec2kit.local.junit.Ec2LocalExtension;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class with an {@link Ec2LocalExtension} emulator, whose instances are sandboxes where this
 * machine allows them (its default, {@link SandboxMode#AUTO}: as root, they are). Such classes run
 * side by side with any others, {@link SandboxedFleet} ones too: those count only their own
 * processes, loop devices and cgroups. (A read lock against them made the module's run 4 to 5
 * minutes longer: the fleet classes then ran alone.)
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Ec2LocalExtension.class)
@interface Emulated {}
