package dev.ec2kit.ssh;

/** How an instance's SSH host key is checked. It is never silently accepted. */
public enum HostKeyCheck {
  /**
   * A known-hosts file: a new host's key is recorded, a changed key is refused with what to do
   * (OpenSSH's {@code StrictHostKeyChecking=accept-new}).
   */
  ACCEPT_NEW,
  /** A known-hosts file, and a host not in it is refused. */
  STRICT,
  /**
   * The fingerprints the instance printed to its console output between {@code -----BEGIN SSH HOST
   * KEY FINGERPRINTS-----} and {@code -----END ...}, as EC2 instances do.
   */
  CONSOLE
}
