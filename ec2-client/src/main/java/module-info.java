/**
 * The EC2 library: identities, regions, SigV4-signed Query API calls, typed results. JDK only.
 *
 * <p>Only {@code dev.ec2kit} is API. The {@code internal} packages that the emulator and the SSH
 * helpers share with the client are exported to them by name, to no one else.
 */
// "module": ec2.ssh and ec2.local are not built yet when this one is; and the names keep the digit
// of the automatic names the jars had before (ec2-client.jar was ec2.client), so that
// requires ec2.client goes on working.
@SuppressWarnings("module")
module ec2.client {
  requires java.net.http;
  requires java.xml;
  requires java.logging; // MINA's loggers quieted for the SSH helpers and the emulator

  exports dev.ec2kit;
  exports dev.ec2kit.internal.credentials to
      ec2.local;
  exports dev.ec2kit.internal.process to
      ec2.local;
  exports dev.ec2kit.internal.logging to
      ec2.ssh,
      ec2.local;
  exports dev.ec2kit.internal.signing to
      ec2.local;
}
