/**
 * The local EC2 endpoint: the Query API over HTTP with real SigV4 checks, and SSH on its instances
 * over Apache MINA SSHD (read as {@code org.apache.sshd.osgi}, as in {@code ec2.ssh}).
 */
// MINA SSHD, SLF4J 1.7 and eddsa have no module-info; "module": the digit in ec2 (see ec2.client).
@SuppressWarnings({"requires-automatic", "module"})
module ec2.local {
  requires transitive ec2.client;
  requires java.management;
  requires jdk.management;
  requires org.apache.sshd.osgi;
  requires org.apache.sshd.scp;
  requires org.apache.sshd.sftp;
  // Used by MINA SSHD only (see ec2.ssh).
  requires org.slf4j;
  // SLF4J's provider for java.util.logging: a named module, found by SLF4J only when resolved.
  requires org.slf4j.jul;
  requires net.i2p.crypto.eddsa;
  // Only for Ec2LocalExtension, whose users have JUnit already. Not transitive: that would make
  // JUnit necessary to compile any module that requires this one.
  requires static org.junit.jupiter.api;
  // Only for Ec2LocalExtension's Ssh parameters.
  requires static ec2.ssh;

  exports dev.ec2kit.local;
}
