package dev.ec2kit.internal.areas;

import dev.ec2kit.Identity;
import dev.ec2kit.IpPermission;
import dev.ec2kit.SecurityGroup;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import dev.ec2kit.internal.xml.XmlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The security group calls. */
public final class SecurityGroupCalls {
  private final QueryClient query;

  public SecurityGroupCalls(QueryClient query) {
    this.query = query;
  }

  public String create(Identity identity, String name, String description, String vpcId) {
    // Not repeated blindly: a second attempt would meet InvalidGroup.Duplicate.
    return query
        .call(
            identity,
            "CreateSecurityGroup",
            new Params()
                .put("GroupName", name)
                .put("GroupDescription", description)
                .put("VpcId", vpcId),
            Repeat.ONCE)
        .required("groupId");
  }

  public List<SecurityGroup> describe(
      Identity identity, List<String> names, List<String> ids, Map<String, List<String>> filters) {
    XmlNode doc =
        query.call(
            identity,
            "DescribeSecurityGroups",
            new Params().list("GroupName", names).list("GroupId", ids).filters(filters),
            Repeat.SAFE);
    List<SecurityGroup> out = new ArrayList<>();
    for (XmlNode item : doc.items("securityGroupInfo")) {
      out.add(
          new SecurityGroup(
              item.text("groupId"),
              item.text("groupName"),
              item.text("groupDescription"),
              item.text("ownerId"),
              item.text("vpcId"),
              permissions(item.items("ipPermissions")),
              permissions(item.items("ipPermissionsEgress")),
              Parse.tags(item)));
    }
    return out;
  }

  private static List<IpPermission> permissions(List<XmlNode> items) {
    List<IpPermission> out = new ArrayList<>();
    for (XmlNode p : items) {
      List<String> v4 = p.items("ipRanges").stream().map(r -> r.text("cidrIp")).toList();
      List<String> v6 = p.items("ipv6Ranges").stream().map(r -> r.text("cidrIpv6")).toList();
      List<IpPermission.UserIdGroupPair> groups =
          p.items("groups").stream()
              .map(
                  g ->
                      new IpPermission.UserIdGroupPair(
                          g.text("userId"), g.text("groupId"), g.text("groupName")))
              .toList();
      out.add(
          new IpPermission(
              p.required("ipProtocol"),
              p.integerOrNull("fromPort"),
              p.integerOrNull("toPort"),
              v4,
              v6,
              groups));
    }
    return out;
  }

  public void delete(Identity identity, String nameOrId) {
    query.call(identity, "DeleteSecurityGroup", group(new Params(), nameOrId), Repeat.ONCE);
  }

  /** Authorize or revoke, ingress or egress: {@code action} names which. */
  public void change(
      Identity identity, String action, String nameOrId, List<IpPermission> permissions) {
    Params p = group(new Params(), nameOrId);
    int n = 1;
    for (IpPermission perm : permissions) {
      String prefix = "IpPermissions." + n++ + ".";
      p.put(prefix + "IpProtocol", perm.protocol());
      if (perm.fromPort() != null) {
        p.put(prefix + "FromPort", perm.fromPort()).put(prefix + "ToPort", perm.toPort());
      }
      int m = 1;
      for (String c : perm.ipRanges()) {
        p.put(prefix + "IpRanges." + m++ + ".CidrIp", c);
      }
      m = 1;
      for (String c : perm.ipv6Ranges()) {
        p.put(prefix + "Ipv6Ranges." + m++ + ".CidrIpv6", c);
      }
      m = 1;
      for (IpPermission.UserIdGroupPair g : perm.groups()) {
        String q = prefix + "Groups." + m++ + ".";
        p.put(q + "GroupId", g.groupId())
            .put(q + "GroupName", g.groupName())
            .put(q + "UserId", g.userId());
      }
    }
    // Authorizing twice fails as a duplicate, revoking twice as not found: safe to resend only
    // when nothing can have happened, which the query client already knows.
    query.call(identity, action, p, Repeat.ONCE);
  }

  static boolean isGroupId(String s) {
    return s.matches("sg-[0-9a-f]{8}([0-9a-f]{9})?");
  }

  private static Params group(Params p, String nameOrId) {
    return isGroupId(nameOrId) ? p.put("GroupId", nameOrId) : p.put("GroupName", nameOrId);
  }
}
