package dev.ec2kit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A security group, the manual's {@code ec2-security-group}, with its ingress and egress rules.
 *
 * <pre>{@code
 * SecurityGroup web = ec2.securityGroups().describe("web").get(0);
 * web.ipPermissions();   // [tcp 80=>80 0.0.0.0/0, tcp 443=>443 0.0.0.0/0]
 * }</pre>
 *
 * @param groupId the group's id ({@code sg-...})
 * @param groupName the group's name
 * @param description the group's description
 * @param ownerId the owner's account id
 * @param vpcId the VPC it belongs to, or {@code null} (EC2-Classic)
 * @param ipPermissions its inbound rules
 * @param ipPermissionsEgress its outbound rules
 * @param tags its tags, key to value
 */
public record SecurityGroup(
    String groupId,
    String groupName,
    String description,
    String ownerId,
    String vpcId,
    List<IpPermission> ipPermissions,
    List<IpPermission> ipPermissionsEgress,
    Map<String, String> tags) {
  /**
   * Checks that the id is given and copies the lists.
   *
   * @param groupId the group's id; required
   * @param groupName its name
   * @param description its description
   * @param ownerId the owner's account id
   * @param vpcId its VPC, or {@code null}
   * @param ipPermissions its inbound rules; copied
   * @param ipPermissionsEgress its outbound rules; copied
   * @param tags its tags; copied
   * @throws NullPointerException when {@code groupId}, a list or the tags is null
   */
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
