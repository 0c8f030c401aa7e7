package dev.ec2kit.cli;

import dev.ec2kit.Ec2;
import dev.ec2kit.IpPermission;
import dev.ec2kit.SecurityGroup;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The manual's section 7.0: security groups. */
final class SecurityGroupCommands {
  private SecurityGroupCommands() {}

  static final Table<SecurityGroup> TABLE =
      new Table<SecurityGroup>("SecurityGroups")
          .column("GroupId", SecurityGroup::groupId)
          .column("GroupName", SecurityGroup::groupName)
          .column("Description", SecurityGroup::description)
          .column("VpcId", SecurityGroup::vpcId)
          .column("Ingress", g -> rules(g.ipPermissions()))
          .column("Egress", g -> rules(g.ipPermissionsEgress()));

  static String rules(List<IpPermission> rules) {
    return rules.stream().map(IpPermission::toString).collect(Collectors.joining("; "));
  }

  @Command(
      name = "create-security-group",
      mixinStandardHelpOptions = true,
      description = "Create a security group (in the default VPC); prints its id.")
  static final class Create extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "DESCRIPTION")
    String description;

    @Override
    public Integer call() {
      IdOutput.print(
          output(), out(), format(), "GroupId", ec2().securityGroups().create(name, description));
      return 0;
    }
  }

  @Command(
      name = "describe-security-groups",
      mixinStandardHelpOptions = true,
      description =
          "List security groups and their rules, as the manual prints them (tcp 22=>22 0.0.0.0/0).")
  static final class Describe extends ApiCommand {
    @Parameters(paramLabel = "NAME-OR-ID", arity = "0..*")
    List<String> groups = List.of();

    @Option(
        names = "--group-names",
        paramLabel = "NAME",
        arity = "1..*",
        description = "Names, as the manual's keyword.")
    List<String> groupNames = List.of();

    @Override
    public Integer call() {
      List<String> all = new java.util.ArrayList<>(groups);
      all.addAll(groupNames);
      TABLE.print(
          output(), out(), format(), ec2().securityGroups().describe(all.toArray(String[]::new)));
      return 0;
    }
  }

  @Command(
      name = "delete-security-group",
      mixinStandardHelpOptions = true,
      description = "Delete a group by name or id.")
  static final class Delete extends ApiCommand {
    @Parameters(paramLabel = "NAME-OR-ID")
    String group;

    @Override
    public Integer call() {
      ec2().securityGroups().delete(group);
      IdOutput.print(output(), out(), format(), "Group", group);
      return 0;
    }
  }

  /** The manual's keywords of a rule. */
  abstract static class RuleCommand extends ApiCommand {
    @Parameters(paramLabel = "NAME-OR-ID")
    String group;

    @Option(
        names = {"--ip-protocol", "--protocol"},
        paramLabel = "PROTOCOL",
        description = "tcp (default), udp, icmp, icmpv6, all or a number.")
    String protocol = "tcp";

    @Option(
        names = "--from-port",
        paramLabel = "N",
        description = "First port (ICMP: type; -1 all).")
    Integer fromPort;

    @Option(names = "--to-port", paramLabel = "N", description = "Last port (ICMP: code; -1 all).")
    Integer toPort;

    @Option(
        names = "--port",
        paramLabel = "N",
        description = "One port: --from-port N --to-port N.")
    Integer port;

    @Option(
        names = "--cidr-ip",
        paramLabel = "CIDR",
        arity = "1..*",
        description = "IPv4 ranges (default: 0.0.0.0/0 when no other source is given).")
    List<String> cidrs = List.of();

    @Option(
        names = "--cidr-ipv6",
        paramLabel = "CIDR",
        arity = "1..*",
        description = "IPv6 ranges.")
    List<String> cidrsV6 = List.of();

    @Option(
        names = "--source-group-name",
        paramLabel = "GROUP",
        description = "Admit members of this group (name or id).")
    String sourceGroup;

    @Option(
        names = "--source-group-owner-id",
        paramLabel = "ACCOUNT",
        description = "The source group's owner.")
    String sourceOwner;

    IpPermission permission() {
      Integer from = fromPort;
      Integer to = toPort;
      if (port != null) {
        if (fromPort != null || toPort != null) {
          throw new IllegalArgumentException("give --port, or --from-port and --to-port, not both");
        }
        from = port;
        to = port;
      }
      if (from != null && to == null) {
        to = from;
      }
      IpPermission p = new IpPermission(protocol, from, to, List.of(), List.of(), List.of());
      if (!cidrs.isEmpty() || !cidrsV6.isEmpty()) {
        List<String> all = new java.util.ArrayList<>(cidrs);
        all.addAll(cidrsV6);
        p = p.from(all.toArray(String[]::new));
      }
      if (sourceGroup != null) {
        p = p.fromGroup(sourceGroup, sourceOwner);
      } else if (sourceOwner != null) {
        throw new IllegalArgumentException("--source-group-owner-id goes with --source-group-name");
      }
      return p;
    }

    abstract void apply(Ec2 ec2, IpPermission permission);

    @Override
    public Integer call() {
      IpPermission p = permission();
      Ec2 ec2 = ec2();
      apply(ec2, p);
      IdOutput.print(output(), out(), format(), "Rule", group + " " + p.withDefaultSource());
      return 0;
    }
  }

  @Command(
      name = "authorize-security-group-ingress",
      mixinStandardHelpOptions = true,
      description =
          "Admit traffic into a group: ec2 authorize-security-group-ingress testgroup --from-port 22 --to-port 22")
  static final class AuthorizeIngress extends RuleCommand {
    @Override
    void apply(Ec2 ec2, IpPermission p) {
      ec2.securityGroups().authorizeIngress(group, p);
    }
  }

  @Command(
      name = "revoke-security-group-ingress",
      mixinStandardHelpOptions = true,
      description = "Remove exactly such an ingress rule.")
  static final class RevokeIngress extends RuleCommand {
    @Override
    void apply(Ec2 ec2, IpPermission p) {
      ec2.securityGroups().revokeIngress(group, p);
    }
  }

  @Command(
      name = "authorize-security-group-egress",
      mixinStandardHelpOptions = true,
      description = "Allow traffic out of a group.")
  static final class AuthorizeEgress extends RuleCommand {
    @Override
    void apply(Ec2 ec2, IpPermission p) {
      ec2.securityGroups().authorizeEgress(group, p);
    }
  }

  @Command(
      name = "revoke-security-group-egress",
      mixinStandardHelpOptions = true,
      description = "Remove exactly such an egress rule.")
  static final class RevokeEgress extends RuleCommand {
    @Override
    void apply(Ec2 ec2, IpPermission p) {
      ec2.securityGroups().revokeEgress(group, p);
    }
  }
}
