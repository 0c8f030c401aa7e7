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

  // No JUnit here, not even "requires static": Ec2LocalExtension is in ec2.local.junit (see there).

  exports dev.ec2kit.local;
}
