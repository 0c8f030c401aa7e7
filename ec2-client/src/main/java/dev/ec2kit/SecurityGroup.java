package dev.ec2kit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A security group, the manual's {@code ec2-security-group}, with its ingress and egress rules. */
public record SecurityGroup(
    String groupId,
    String groupName,
    String description,
    String ownerId,
    String vpcId,
    List<IpPermission> ipPermissions,
    List<IpPermission> ipPermissionsEgress,
    Map<String, String> tags) {
  public SecurityGroup {
    Objects.requireNonNull(groupId, "groupId");
    ipPermissions = List.copyOf(ipPermissions);
    ipPermissionsEgress = List.copyOf(ipPermissionsEgress);
    tags = Map.copyOf(tags);
  }

  @Override
  public String toString() {
    return "SecurityGroup["
        + groupId
        + " "
        + groupName
        + " \""
        + description
        + "\" "
        + ipPermissions
        + "]";
  }
}
