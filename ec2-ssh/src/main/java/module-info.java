/**
 * SSH helpers on instances, over Apache MINA SSHD.
 *
 * <p>MINA SSHD has no module descriptors, so it is read as automatic modules; its core is {@code
 * org.apache.sshd.osgi} (the sshd-osgi jar), because sshd-core and sshd-common share packages and
 * the module system refuses the two side by side.
 */
// MINA SSHD, SLF4J 1.7 and eddsa have no module-info; "module": the digit in ec2 (see ec2.client).
@SuppressWarnings({"requires-automatic", "module"})
module ec2.ssh {
  requires transitive ec2.client;
  requires org.apache.sshd.osgi;
  requires org.apache.sshd.scp;
  // Used by MINA SSHD only, which as an automatic module cannot say so: without these it fails
  // at run time (NoClassDefFoundError for org.slf4j.LoggerFactory when SLF4J 2, a named module,
  // is not otherwise resolved; "Unsupported key type (ssh-ed25519)" without eddsa).
  requires org.slf4j;
  // SLF4J's provider for java.util.logging: a named module, found by SLF4J only when resolved.
  requires org.slf4j.jul;
  requires net.i2p.crypto.eddsa;

  exports dev.ec2kit.ssh;
}
