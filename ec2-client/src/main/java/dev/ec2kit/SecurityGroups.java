package dev.ec2kit;

import dev.ec2kit.internal.areas.SecurityGroupCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The security groups and their rules (the manual's section 7.0: {@code create-security-group},
 * {@code describe-security-groups}, {@code delete-security-group}, {@code authorize-}/{@code
 * revoke-security-group-ingress}; and the egress rules), reached with {@link Ec2#securityGroups()}.
 * Groups are named by name or by id ({@code sg-...}).
 *
 * <pre>{@code
 * ec2.securityGroups().create("web", "web servers");
 * ec2.securityGroups().authorizeIngress("web", IpPermission.tcp(80), IpPermission.tcp(22).from("203.0.113.0/24"));
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region.
 */
public final class SecurityGroups {
  private final Identity identity;
  private final SecurityGroupCalls calls;

  SecurityGroups(Identity identity, SecurityGroupCalls calls) {
    this.identity = identity;
    this.calls = calls;
  }

  /**
   * The manual's {@code create-security-group}, in the default VPC.
   *
   * @param groupName the group's name: 1 to 255 characters, not starting with {@code sg-}
   * @param description the group's description: 1 to 255 characters
   * @return the new group's id ({@code sg-...})
   * @throws IllegalArgumentException when the name or description is out of bounds, before anything
   *     is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidGroup.Duplicate})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have created it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public String create(String groupName, String description) {
    if (groupName == null
        || groupName.isBlank()
        || groupName.length() > 255
        || groupName.startsWith("sg-")) {
      throw new IllegalArgumentException(
          "groupName must be 1 to 255 characters and not start with sg-, got '" + groupName + "'");
    }
    if (description == null || description.isBlank() || description.length() > 255) {
      throw new IllegalArgumentException(
          "description is required (1 to 255 characters): EC2 asks for one");
    }
    return calls.create(identity, groupName, description, null);
  }

  /**
   * The manual's {@code describe-security-groups}: all, or those named by name or id.
   *
   * @param groupNamesOrIds names, or ids ({@code sg-...}); none for all
   * @return the groups, with their rules
   * @throws IllegalArgumentException when a name or id is null or blank, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidGroup.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<SecurityGroup> describe(String... groupNamesOrIds) {
    List<String> names = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (String g : groupNamesOrIds) {
      (checkGroup(g).startsWith("sg-") ? ids : names).add(g);
    }
    return calls.describe(identity, names, ids, Map.of());
  }

  /**
   * Security groups by EC2 filter, such as {@code Map.of("ip-permission.from-port",
   * List.of("22"))}.
   *
   * @param filters filter name to values; empty for all
   * @return the groups, with their rules
   * @throws NullPointerException when {@code filters} is or holds null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidParameterValue} for an unknown filter)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<SecurityGroup> describe(Map<String, List<String>> filters) {
    return calls.describe(identity, List.of(), List.of(), Map.copyOf(filters));
  }

  /**
   * The manual's {@code delete-security-group}, by name or id.
   *
   * @param groupNameOrId the group's name, or its id ({@code sg-...})
   * @throws IllegalArgumentException when it is null or blank, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     DependencyViolation} while instances use it)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have deleted it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void delete(String groupNameOrId) {
    calls.delete(identity, checkGroup(groupNameOrId));
  }

  /**
   * The manual's {@code authorize-security-group-ingress}: adds rules to a group (by name or id). A
   * rule with no source admits 0.0.0.0/0, the manual's default.
   *
   * <pre>{@code
   * ec2.securityGroups().authorizeIngress("web", IpPermission.tcp(80), IpPermission.tcp(22).from("203.0.113.0/24"));
   * }</pre>
   *
   * @param groupNameOrId the group's name, or its id ({@code sg-...})
   * @param permissions the rules to add; at least one
   * @throws IllegalArgumentException when the group is blank or no rule is given, before anything
   *     is sent
   * @throws NullPointerException when a rule is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidPermission.Duplicate})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have added them; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void authorizeIngress(String groupNameOrId, IpPermission... permissions) {
    changeRules("AuthorizeSecurityGroupIngress", groupNameOrId, permissions);
  }

  /**
   * The manual's {@code revoke-security-group-ingress}: removes exactly the rules given; a rule
   * with no source is the rule from 0.0.0.0/0.
   *
   * @param groupNameOrId the group's name, or its id ({@code sg-...})
   * @param permissions the rules to remove; at least one
   * @throws IllegalArgumentException when the group is blank or no rule is given, before anything
   *     is sent
   * @throws NullPointerException when a rule is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidPermission.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have removed them; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void revokeIngress(String groupNameOrId, IpPermission... permissions) {
    changeRules("RevokeSecurityGroupIngress", groupNameOrId, permissions);
  }

  /**
   * Adds outbound rules to a group (EC2 takes egress rules by group id; a name is looked up first,
   * with one more call). A rule with no source allows 0.0.0.0/0.
   *
   * @param groupNameOrId the group's name, or its id ({@code sg-...})
   * @param permissions the rules to add; at least one
   * @throws IllegalArgumentException when the group is blank or no rule is given, before anything
   *     is sent
   * @throws NullPointerException when a rule is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidGroup.NotFound} or {@code InvalidPermission.Duplicate})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have added them; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void authorizeEgress(String groupNameOrId, IpPermission... permissions) {
    changeRules("AuthorizeSecurityGroupEgress", groupIdOf(groupNameOrId), permissions);
  }

  /**
   * Removes exactly these outbound rules from a group (a name is looked up first, with one more
   * call); a rule with no source is the rule to 0.0.0.0/0.
   *
   * @param groupNameOrId the group's name, or its id ({@code sg-...})
   * @param permissions the rules to remove; at least one
   * @throws IllegalArgumentException when the group is blank or no rule is given, before anything
   *     is sent
   * @throws NullPointerException when a rule is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidGroup.NotFound} or {@code InvalidPermission.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have removed them; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void revokeEgress(String groupNameOrId, IpPermission... permissions) {
    changeRules("RevokeSecurityGroupEgress", groupIdOf(groupNameOrId), permissions);
  }

  private String groupIdOf(String nameOrId) {
    return checkGroup(nameOrId).startsWith("sg-") ? nameOrId : describe(nameOrId).get(0).groupId();
  }

  private void changeRules(String action, String group, IpPermission... permissions) {
    checkGroup(group);
    if (permissions.length == 0) {
      throw new IllegalArgumentException("give at least one rule, such as IpPermission.tcp(22)");
    }
    List<IpPermission> rules = new ArrayList<>();
    for (IpPermission p : permissions) {
      rules.add(Objects.requireNonNull(p, "permission").withDefaultSource());
    }
    calls.change(identity, action, group, rules);
  }

  private static String checkGroup(String g) {
    if (g == null || g.isBlank()) {
      throw new IllegalArgumentException(
          "a security group is named by its name or its id (sg-...), not by an empty string");
    }
    return g;
  }

  @Override
  public String toString() {
    return "SecurityGroups[" + identity + "]";
  }
}
