package dev.ec2kit.local;

import static dev.ec2kit.local.AwsCliInstancesPeerTest.first;
import static dev.ec2kit.local.AwsCliPeerTest.aws;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Debian's AWS CLI finds the default VPC with {@code isDefault}, builds a VPC with a subnet and an
 * internet gateway, and meets each dependency rule as EC2 answers it: DeleteVpc while a subnet is
 * in it, DetachInternetGateway while an instance's public address is mapped, DeleteSubnet while an
 * interface is in it, DeleteSecurityGroup while an instance uses the group; then tears it down.
 */
@Emulated
class AwsCliNetworksPeerTest {
  private static String ok(Ec2Local local, String... args) throws Exception {
    AwsCliPeerTest.Result r = aws(local, "test", args);
    assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
    return r.out();
  }

  private static String refused(Ec2Local local, String... args) throws Exception {
    AwsCliPeerTest.Result r = aws(local, "test", args);
    assertThat(r.exit()).as("aws %s", String.join(" ", args)).isNotZero();
    return r.err();
  }

  @Test
  void the_cli_meets_every_dependency_rule_of_a_vpc(Ec2Local local) throws Exception {
    assertThat(ok(local, "ec2", "describe-vpcs", "--filters", "Name=isDefault,Values=true"))
        .contains("\"CidrBlock\": \"172.31.0.0/16\"", "\"IsDefault\": true");
    String vpc =
        first(
            ok(local, "ec2", "create-vpc", "--cidr-block", "10.9.0.0/16"),
            "\"VpcId\": \"(vpc-[0-9a-f]+)\"");
    String subnet =
        first(
            ok(
                local,
                "ec2",
                "create-subnet",
                "--vpc-id",
                vpc,
                "--cidr-block",
                "10.9.1.0/24",
                "--availability-zone",
                "us-east-1b"),
            "\"SubnetId\": \"(subnet-[0-9a-f]+)\"");
    String igw =
        first(
            ok(local, "ec2", "create-internet-gateway"),
            "\"InternetGatewayId\": \"(igw-[0-9a-f]+)\"");
    ok(local, "ec2", "attach-internet-gateway", "--internet-gateway-id", igw, "--vpc-id", vpc);
    assertThat(refused(local, "ec2", "delete-vpc", "--vpc-id", vpc))
        .contains("DependencyViolation");
    String group =
        first(
            ok(
                local,
                "ec2",
                "create-security-group",
                "--group-name",
                "app",
                "--description",
                "app",
                "--vpc-id",
                vpc),
            "\"GroupId\": \"(sg-[0-9a-f]+)\"");
    String ami =
        first(
            ok(
                local,
                "ec2",
                "describe-images",
                "--owners",
                "amazon",
                "--filters",
                "Name=name,Values=al2023-ami-*-x86_64"),
            "\"ImageId\": \"(ami-[0-9a-f]+)\"");
    String launched =
        ok(
            local,
            "ec2",
            "run-instances",
            "--image-id",
            ami,
            "--subnet-id",
            subnet,
            "--security-group-ids",
            group,
            "--associate-public-ip-address");
    String instance = first(launched, "\"InstanceId\": \"(i-[0-9a-f]+)\"");
    assertThat(launched)
        .contains("\"PrivateIpAddress\": \"10.9.1.")
        .contains("\"PublicIpAddress\"");
    assertThat(
            refused(
                local,
                "ec2",
                "detach-internet-gateway",
                "--internet-gateway-id",
                igw,
                "--vpc-id",
                vpc))
        .contains("DependencyViolation");
    assertThat(refused(local, "ec2", "delete-subnet", "--subnet-id", subnet))
        .contains("DependencyViolation");
    assertThat(refused(local, "ec2", "delete-security-group", "--group-id", group))
        .contains("DependencyViolation");
    ok(local, "ec2", "terminate-instances", "--instance-ids", instance);
    ok(local, "ec2", "wait", "instance-terminated", "--instance-ids", instance);
    ok(local, "ec2", "detach-internet-gateway", "--internet-gateway-id", igw, "--vpc-id", vpc);
    ok(local, "ec2", "delete-internet-gateway", "--internet-gateway-id", igw);
    ok(local, "ec2", "delete-security-group", "--group-id", group);
    ok(local, "ec2", "delete-subnet", "--subnet-id", subnet);
    ok(local, "ec2", "delete-vpc", "--vpc-id", vpc);
    assertThat(refused(local, "ec2", "describe-vpcs", "--vpc-ids", vpc))
        .contains("InvalidVpcID.NotFound");
  }
}
