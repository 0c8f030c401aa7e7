/**
 * {@code Ec2LocalExtension}: the emulator of {@code ec2.local} for JUnit 5 tests. A module of its
 * own, so that {@code ec2.local} names no JUnit module, not even statically: tools that build a
 * module path from the descriptors (Maven Surefire's) would otherwise put JUnit's API on the module
 * path of a modular application's tests and its launcher on the class path, which JUnit refuses
 * ({@code org.junit.platform.commons does not export org.junit.platform.commons.util to unnamed
 * module}).
 */
// "module": the digit in ec2 (see ec2.client).
@SuppressWarnings("module")
module ec2.local.junit {
  requires transitive ec2.local;
  requires transitive org.junit.jupiter.api;
  // Only for the Ssh parameters; tests that take no Ssh do without ec2-ssh.
  requires static ec2.ssh;

  exports dev.ec2kit.local.junit;
}
