package dev.ec2kit.local.internal.sandbox;

import java.util.Objects;

/**
 * What a sandbox is made for: an instance, its image, its names and address, the image's user, the
 * launch key (an OpenSSH public key line, or null without a key pair), and its type's memory (MiB)
 * and vCPUs, which bound it.
 */
public record Guest(
    String instanceId,
    String imageId,
    String privateDns,
    String privateIp,
    String user,
    String authorizedKey,
    long memoryMib,
    int vcpus) {
  /** One of 1 GiB and 1 vCPU (a t2.micro's). */
  public Guest(
      String instanceId,
      String imageId,
      String privateDns,
      String privateIp,
      String user,
      String authorizedKey) {
    this(instanceId, imageId, privateDns, privateIp, user, authorizedKey, 1024, 1);
  }

  public Guest {
    if (memoryMib < 1 || vcpus < 1) {
      throw new IllegalArgumentException("a sandbox needs memory and a vCPU");
    }
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(privateDns, "privateDns");
    Objects.requireNonNull(privateIp, "privateIp");
    Objects.requireNonNull(user, "user");
    if (!user.matches("[a-z_][a-z0-9_-]{0,31}")) {
      throw new IllegalArgumentException("not a user name for a sandbox: " + user);
    }
  }

  /** The host name as EC2 gives it, from the private address: {@code ip-172-31-16-5}. */
  public String hostname() {
    int dot = privateDns.indexOf('.');
    return dot < 0 ? privateDns : privateDns.substring(0, dot);
  }

  /** The user's home inside: {@code /home/USER}, or {@code /root}. */
  public String home() {
    return user.equals("root") ? "/root" : "/home/" + user;
  }

  /** The user's id inside: 1000, the first user's on every image, or 0 for root. */
  String uid() {
    return user.equals("root") ? "0" : "1000";
  }
}
