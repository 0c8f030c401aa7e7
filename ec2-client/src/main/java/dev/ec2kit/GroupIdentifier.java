package dev.ec2kit;

/**
 * A security group as an instance names it: id and name.
 *
 * @param groupId the group's id ({@code sg-...})
 * @param groupName the group's name
 */
public record GroupIdentifier(String groupId, String groupName) {
  @Override
  public String toString() {
    return groupName + " (" + groupId + ")";
  }
}
