package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.InstanceState;
import dev.ec2kit.IpPermission;
import dev.ec2kit.RunOptions;
import dev.ec2kit.SecurityGroup;
import dev.ec2kit.WaitOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Security groups against the emulator. */
@Emulated
class SecurityGroupsTest {
  private static Ec2 fresh(Ec2Local local, String region) {
    return Ec2.builder().identity(local.identity(region)).build();
  }

  @Test
  void the_manuals_section_7_transcript(Ec2Local local) {
    Ec2 ec2 = fresh(local, "eu-central-1");
    assertThat(ec2.securityGroups().describe())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.groupName()).isEqualTo("default");
              assertThat(d.ownerId()).isEqualTo(Ec2Local.DEFAULT_ACCOUNT);
              assertThat(d.ipPermissions()).singleElement().hasToString("all " + d.groupId());
              assertThat(d.ipPermissionsEgress()).singleElement().hasToString("all 0.0.0.0/0");
            });
    String id = ec2.securityGroups().create("testgroup", "my test group");
    assertThat(id).matches("sg-[0-9a-f]{17}");
    ec2.securityGroups().authorizeIngress("testgroup", IpPermission.tcp(22));
    ec2.securityGroups().authorizeIngress("testgroup", IpPermission.tcp(80));
    assertThat(ec2.securityGroups().describe("testgroup"))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.description()).isEqualTo("my test group");
              assertThat(g.ipPermissions())
                  .extracting(IpPermission::toString)
                  .containsExactly("tcp 22=>22 0.0.0.0/0", "tcp 80=>80 0.0.0.0/0");
            });
    ec2.securityGroups().revokeIngress("testgroup", IpPermission.tcp(80));
    assertThat(ec2.securityGroups().describe("testgroup").get(0).ipPermissions())
        .extracting(IpPermission::toString)
        .containsExactly("tcp 22=>22 0.0.0.0/0");
    ec2.securityGroups().delete("testgroup");
    assertThat(ec2.securityGroups().describe())
        .extracting(SecurityGroup::groupName)
        .containsExactly("default");
  }

  @Test
  void rules_merge_by_protocol_and_ports_and_revoke_one_source_at_a_time(Ec2Local local) {
    Ec2 ec2 = fresh(local, "eu-central-2");
    String web = ec2.securityGroups().create("web", "web servers");
    ec2.securityGroups().authorizeIngress(web, IpPermission.tcp(443).from("10.0.0.0/8"));
    ec2.securityGroups()
        .authorizeIngress(web, IpPermission.tcp(443).from("192.168.0.0/16", "2001:db8::/32"));
    ec2.securityGroups()
        .authorizeIngress(
            "web", IpPermission.udp(53, 53).fromGroup("default"), IpPermission.icmp(-1, -1));
    SecurityGroup g = ec2.securityGroups().describe(web).get(0);
    assertThat(g.ipPermissions())
        .extracting(IpPermission::toString)
        .containsExactly(
            "tcp 443=>443 10.0.0.0/8 192.168.0.0/16 2001:db8::/32",
            "udp 53=>53 " + ec2.securityGroups().describe("default").get(0).groupId(),
            "icmp -1=>-1 0.0.0.0/0");
    ec2.securityGroups().revokeIngress(web, IpPermission.tcp(443).from("10.0.0.0/8"));
    assertThat(ec2.securityGroups().describe(web).get(0).ipPermissions().get(0))
        .hasToString("tcp 443=>443 192.168.0.0/16 2001:db8::/32");
    ec2.securityGroups().authorizeEgress("web", IpPermission.tcp(5432).from("10.1.0.0/16"));
    assertThat(ec2.securityGroups().describe(web).get(0).ipPermissionsEgress())
        .extracting(IpPermission::toString)
        .containsExactly("all 0.0.0.0/0", "tcp 5432=>5432 10.1.0.0/16");
    assertThat(ec2.securityGroups().describe(Map.of("ip-permission.from-port", List.of("443"))))
        .extracting(SecurityGroup::groupName)
        .containsExactly("web");
  }

  @Test
  void ec2s_errors(Ec2Local local) {
    Ec2 ec2 = fresh(local, "eu-south-1");
    String id = ec2.securityGroups().create("dup", "first");
    assertThatThrownBy(() -> ec2.securityGroups().create("dup", "second"))
        .hasMessageStartingWith("InvalidGroup.Duplicate");
    assertThatThrownBy(() -> ec2.securityGroups().describe("nosuch"))
        .hasMessageStartingWith("InvalidGroup.NotFound");
    assertThatThrownBy(() -> ec2.securityGroups().delete("sg-0123456789abcdef0"))
        .hasMessageStartingWith("InvalidGroup.NotFound");
    ec2.securityGroups().authorizeIngress(id, IpPermission.tcp(22));
    assertThatThrownBy(() -> ec2.securityGroups().authorizeIngress(id, IpPermission.tcp(22)))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo("InvalidPermission.Duplicate");
              assertThat(e.errorMessage()).contains("0.0.0.0/0", "22");
            });
    assertThatThrownBy(() -> ec2.securityGroups().revokeIngress(id, IpPermission.tcp(23)))
        .hasMessageStartingWith("InvalidPermission.NotFound");
    assertThatThrownBy(() -> ec2.securityGroups().delete("default"))
        .hasMessageStartingWith("CannotDelete");
  }

  @Test
  void protocols_ports_cidrs_and_addresses_are_read_as_ec2_reads_them(Ec2Local local)
      throws Exception {
    String region = "eu-north-1";
    String id = fresh(local, region).securityGroups().create("typed", "typed readers");
    String rule = "Action=AuthorizeSecurityGroupIngress&Version=2016-11-15&GroupId=" + id;
    Map<String, String> refused =
        Map.of(
            "&IpPermissions.1.IpProtocol=tcpx&IpPermissions.1.FromPort=22&IpPermissions.1.ToPort=22"
                + "&IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0/8",
            "Invalid value 'tcpx' for IP protocol. Unknown protocol.",
            "&IpPermissions.1.IpProtocol=256&IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0/8",
            "Invalid value '256' for IP protocol.",
            "&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=22&IpPermissions.1.ToPort=70000"
                + "&IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0/8",
            "IpPermissions.1.ToPort",
            "&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=22&IpPermissions.1.ToPort=22"
                + "&IpPermissions.1.IpRanges.1.CidrIp=10.0.0.256/8",
            "CIDR block 10.0.0.256/8 is malformed",
            "&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=22&IpPermissions.1.ToPort=22"
                + "&IpPermissions.1.Ipv6Ranges.1.CidrIpv6=2001:db8::/129",
            "CIDR block 2001:db8::/129 is malformed",
            "&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=22&IpPermissions.1.ToPort=22"
                + "&IpPermissions.1.Ipv6Ranges.1.CidrIpv6=example.com/64",
            "CIDR block example.com/64 is malformed");
    for (Map.Entry<String, String> r : refused.entrySet()) {
      java.net.http.HttpResponse<String> answer =
          Raw.signed(local, java.time.Instant.now(), rule + r.getKey(), region);
      assertThat(answer.statusCode()).as(r.getKey()).isEqualTo(400);
      assertThat(answer.body().replace("&apos;", "'")).as(r.getKey()).contains(r.getValue());
    }
    java.net.http.HttpResponse<String> byNumber =
        Raw.signed(
            local,
            java.time.Instant.now(),
            rule
                + "&IpPermissions.1.IpProtocol=6&IpPermissions.1.FromPort=443"
                + "&IpPermissions.1.ToPort=443&IpPermissions.1.Ipv6Ranges.1.CidrIpv6=2001:db8::/32",
            region);
    assertThat(byNumber.statusCode()).isEqualTo(200);
    assertThat(fresh(local, region).securityGroups().describe(id).get(0).toString())
        .contains("tcp 443=>443 2001:db8::/32");
    java.net.http.HttpResponse<String> badIp =
        Raw.signed(
            local,
            java.time.Instant.now(),
            "Action=RunInstances&Version=2016-11-15&MinCount=1&MaxCount=1&ImageId="
                + fresh(local, region)
                    .images()
                    .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
                    .get(0)
                    .imageId()
                + "&PrivateIpAddress=172.31.0.999",
            region);
    assertThat(badIp.statusCode()).isEqualTo(400);
    assertThat(badIp.body().replace("&apos;", "'"))
        .contains("Invalid value '172.31.0.999' for PrivateIpAddress.");
  }

  @Test
  void a_group_in_use_or_referenced_cannot_be_deleted(Ec2Local local) {
    Ec2 ec2 = fresh(local, "eu-south-2");
    String app = ec2.securityGroups().create("app", "application");
    String db = ec2.securityGroups().create("db", "database");
    ec2.securityGroups().authorizeIngress(db, IpPermission.tcp(5432).fromGroup(app));
    assertThatThrownBy(() -> ec2.securityGroups().delete("app"))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo("DependencyViolation");
              assertThat(e.errorMessage()).contains(app);
            });
    ec2.securityGroups().revokeIngress(db, IpPermission.tcp(5432).fromGroup(app));
    String ami =
        ec2.images()
            .describe(ImageQuery.builder().filter("name", "debian-12-*").build())
            .get(0)
            .imageId();
    var instance =
        ec2.instances().run(ami, 1, 1, RunOptions.builder().securityGroup("app").build()).get(0);
    assertThat(instance.securityGroups()).extracting(g -> g.groupId()).containsExactly(app);
    assertThatThrownBy(() -> ec2.securityGroups().delete(app))
        .hasMessageStartingWith("DependencyViolation");
    ec2.instances().terminate(List.of(instance));
    // as on EC2, the group stays in use while the instance shuts down
    ec2.instances()
        .waitFor(
            instance,
            InstanceState.TERMINATED,
            WaitOptions.defaults().interval(Duration.ofMillis(50)));
    ec2.securityGroups().delete(app);
  }

  @Test
  void bad_rules_are_refused_locally_naming_the_parameter() {
    assertThatThrownBy(() -> IpPermission.tcp(80, 22))
        .hasMessageContaining("fromPort 80 is above toPort 22");
    assertThatThrownBy(() -> IpPermission.tcp(70000)).hasMessageContaining("0 to 65535");
    assertThatThrownBy(() -> IpPermission.icmp(300, 0)).hasMessageContaining("ICMP type");
    assertThatThrownBy(() -> IpPermission.icmp(8, 256)).hasMessageContaining("ICMP code");
    assertThatThrownBy(() -> IpPermission.tcp(22).from("10.0.0.0/33"))
        .hasMessageContaining("cidr '10.0.0.0/33'");
    assertThatThrownBy(() -> IpPermission.tcp(22).from("300.0.0.0/8")).hasMessageContaining("IPv4");
    assertThatThrownBy(() -> IpPermission.tcp(22).from("2001:zz::/32"))
        .hasMessageContaining("IPv6");
    assertThatThrownBy(() -> new IpPermission("sctpx", 1, 2, List.of(), List.of(), List.of()))
        .hasMessageContaining("protocol 'sctpx'");
    assertThat(IpPermission.tcp(22).withDefaultSource()).hasToString("tcp 22=>22 0.0.0.0/0");
    assertThat(new IpPermission("6", 22, 22, List.of("1.2.3.4/32"), List.of(), List.of()))
        .hasToString("tcp 22=>22 1.2.3.4/32");
  }
}
