package dev.ec2kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.internal.http.LoopbackServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The network areas' typed calls send what botocore's model makes of the same parameters (the
 * generic {@link Operations#call}, whose bodies equal the AWS SDK for Java v2's), so each works
 * against real EC2 unchanged. The server answers every call with an error, so both sides are sent
 * once and no answer needs reading; the random ClientToken is left out of the comparison.
 */
class NetworkAreasModelTest {
  private static final String VPC = "vpc-0123456789abcdef0";
  private static final String SUBNET = "subnet-0123456789abcdef0";
  private static final String IGW = "igw-0123456789abcdef0";
  private static final String RTB = "rtb-0123456789abcdef0";
  private static final String NAT = "nat-0123456789abcdef0";
  private static final String ENI = "eni-0123456789abcdef0";
  private static final String SG = "sg-0123456789abcdef0";

  private final List<Map<String, String>> sent = Collections.synchronizedList(new ArrayList<>());
  private LoopbackServer server;
  private Ec2 ec2;

  @BeforeEach
  void start() throws Exception {
    server =
        new LoopbackServer(
            ex -> {
              sent.add(form(ex.body()));
              ex.answer(
                  400,
                  "text/xml",
                  "<Response><Errors><Error><Code>InvalidParameterValue</Code>"
                      + "<Message>no</Message></Error></Errors><RequestID>r</RequestID></Response>");
            });
    ec2 =
        Ec2.builder()
            .identity(server.identity())
            .sleeper(d -> {})
            .retryPolicy(RetryPolicy.standard())
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    ec2.close();
    server.close();
  }

  private static Map<String, String> form(byte[] body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
      if (!key.equals("ClientToken")) {
        out.put(key, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static List<Map<String, Object>> tags(String type) {
    return List.of(
        Map.of("ResourceType", type, "Tags", List.of(Map.of("Key", "Name", "Value", "main"))));
  }

  /** Sends {@code typed}, then the model's call, and compares what each sent. */
  private void same(Runnable typed, String action, Map<String, Object> parameters) {
    int before = sent.size();
    assertThatThrownBy(typed::run).isInstanceOf(Ec2Exception.class);
    assertThatThrownBy(() -> ec2.operations().call(action, parameters))
        .isInstanceOf(Ec2Exception.class);
    assertThat(sent).hasSize(before + 2);
    assertThat(sent.get(before)).as(action).containsEntry("Action", action);
    assertThat(sent.get(before)).as(action).isEqualTo(sent.get(before + 1));
  }

  @Test
  void vpc_and_subnet_calls_send_the_models_parameters() {
    Map<String, String> name = Map.of("Name", "main");
    same(
        () -> ec2.vpcs().create("10.0.0.0/16", name),
        "CreateVpc",
        Map.of("CidrBlock", "10.0.0.0/16", "TagSpecifications", tags("vpc")));
    same(() -> ec2.vpcs().delete(VPC), "DeleteVpc", Map.of("VpcId", VPC));
    same(
        () -> ec2.vpcs().attribute(VPC, VpcAttribute.DNS_HOSTNAMES),
        "DescribeVpcAttribute",
        Map.of("VpcId", VPC, "Attribute", "enableDnsHostnames"));
    same(
        () -> ec2.vpcs().modifyAttribute(VPC, VpcAttribute.NETWORK_ADDRESS_USAGE_METRICS, true),
        "ModifyVpcAttribute",
        Map.of("VpcId", VPC, "EnableNetworkAddressUsageMetrics", Map.of("Value", true)));
    same(
        () -> ec2.vpcs().associateCidr(VPC, "10.1.0.0/16"),
        "AssociateVpcCidrBlock",
        Map.of("VpcId", VPC, "CidrBlock", "10.1.0.0/16"));
    same(
        () -> ec2.vpcs().disassociateCidr("vpc-cidr-assoc-0123456789abcdef0"),
        "DisassociateVpcCidrBlock",
        Map.of("AssociationId", "vpc-cidr-assoc-0123456789abcdef0"));
    same(
        () -> ec2.subnets().create(VPC, "10.0.1.0/24", "us-east-1a", name),
        "CreateSubnet",
        Map.of(
            "VpcId",
            VPC,
            "CidrBlock",
            "10.0.1.0/24",
            "AvailabilityZone",
            "us-east-1a",
            "TagSpecifications",
            tags("subnet")));
    same(() -> ec2.subnets().delete(SUBNET), "DeleteSubnet", Map.of("SubnetId", SUBNET));
    same(
        () -> ec2.subnets().mapPublicIpOnLaunch(SUBNET, true),
        "ModifySubnetAttribute",
        Map.of("SubnetId", SUBNET, "MapPublicIpOnLaunch", Map.of("Value", true)));
  }

  @Test
  void gateway_and_route_table_calls_send_the_models_parameters() {
    Map<String, String> name = Map.of("Name", "main");
    same(
        () -> ec2.internetGateways().create(name),
        "CreateInternetGateway",
        Map.of("TagSpecifications", tags("internet-gateway")));
    same(
        () -> ec2.internetGateways().attach(IGW, VPC),
        "AttachInternetGateway",
        Map.of("InternetGatewayId", IGW, "VpcId", VPC));
    same(
        () -> ec2.internetGateways().detach(IGW, VPC),
        "DetachInternetGateway",
        Map.of("InternetGatewayId", IGW, "VpcId", VPC));
    same(
        () -> ec2.internetGateways().delete(IGW),
        "DeleteInternetGateway",
        Map.of("InternetGatewayId", IGW));
    same(
        () -> ec2.internetGateways().describe(IGW),
        "DescribeInternetGateways",
        Map.of("InternetGatewayIds", List.of(IGW)));
    same(
        () -> ec2.internetGateways().describe(Map.of("attachment.vpc-id", List.of(VPC))),
        "DescribeInternetGateways",
        Map.of(
            "Filters",
            List.of(Map.of("Name", "attachment.vpc-id", "Values", List.of(VPC))),
            "MaxResults",
            1000));
    same(
        () -> ec2.natGateways().create(SUBNET, "eipalloc-0123456789abcdef0", name),
        "CreateNatGateway",
        Map.of(
            "SubnetId",
            SUBNET,
            "AllocationId",
            "eipalloc-0123456789abcdef0",
            "TagSpecifications",
            tags("natgateway")));
    same(() -> ec2.natGateways().delete(NAT), "DeleteNatGateway", Map.of("NatGatewayId", NAT));
    same(
        () -> ec2.natGateways().describe(Map.of("vpc-id", List.of(VPC))),
        "DescribeNatGateways",
        Map.of(
            "Filter",
            List.of(Map.of("Name", "vpc-id", "Values", List.of(VPC))),
            "MaxResults",
            1000));
    same(
        () -> ec2.routeTables().create(VPC, name),
        "CreateRouteTable",
        Map.of("VpcId", VPC, "TagSpecifications", tags("route-table")));
    same(() -> ec2.routeTables().delete(RTB), "DeleteRouteTable", Map.of("RouteTableId", RTB));
    same(
        () -> ec2.routeTables().describe(RTB),
        "DescribeRouteTables",
        Map.of("RouteTableIds", List.of(RTB)));
    same(
        () -> ec2.routeTables().createRoute(RTB, "0.0.0.0/0", RouteTarget.gateway(IGW)),
        "CreateRoute",
        Map.of("RouteTableId", RTB, "DestinationCidrBlock", "0.0.0.0/0", "GatewayId", IGW));
    same(
        () -> ec2.routeTables().replaceRoute(RTB, "0.0.0.0/0", RouteTarget.natGateway(NAT)),
        "ReplaceRoute",
        Map.of("RouteTableId", RTB, "DestinationCidrBlock", "0.0.0.0/0", "NatGatewayId", NAT));
    same(
        () -> ec2.routeTables().createRoute(RTB, "10.9.0.0/16", RouteTarget.networkInterface(ENI)),
        "CreateRoute",
        Map.of(
            "RouteTableId", RTB, "DestinationCidrBlock", "10.9.0.0/16", "NetworkInterfaceId", ENI));
    same(
        () ->
            ec2.routeTables()
                .createRoute(RTB, "10.8.0.0/16", RouteTarget.instance("i-0123456789abcdef0")),
        "CreateRoute",
        Map.of(
            "RouteTableId",
            RTB,
            "DestinationCidrBlock",
            "10.8.0.0/16",
            "InstanceId",
            "i-0123456789abcdef0"));
    same(
        () -> ec2.routeTables().deleteRoute(RTB, "0.0.0.0/0"),
        "DeleteRoute",
        Map.of("RouteTableId", RTB, "DestinationCidrBlock", "0.0.0.0/0"));
    same(
        () -> ec2.routeTables().associate(RTB, SUBNET),
        "AssociateRouteTable",
        Map.of("RouteTableId", RTB, "SubnetId", SUBNET));
    same(
        () -> ec2.routeTables().disassociate("rtbassoc-0123456789abcdef0"),
        "DisassociateRouteTable",
        Map.of("AssociationId", "rtbassoc-0123456789abcdef0"));
    same(
        () -> ec2.routeTables().replaceAssociation("rtbassoc-0123456789abcdef0", RTB),
        "ReplaceRouteTableAssociation",
        Map.of("AssociationId", "rtbassoc-0123456789abcdef0", "RouteTableId", RTB));
  }

  @Test
  void interface_calls_send_the_models_parameters() {
    same(
        () ->
            ec2.networkInterfaces()
                .create(
                    NetworkInterfaceCreation.in(SUBNET)
                        .groups(SG)
                        .privateIp("10.0.1.10")
                        .secondaryPrivateIps("10.0.1.11", "10.0.1.12")
                        .description("second")
                        .tags(Map.of("Name", "main"))),
        "CreateNetworkInterface",
        Map.of(
            "SubnetId",
            SUBNET,
            "Groups",
            List.of(SG),
            "PrivateIpAddress",
            "10.0.1.10",
            "PrivateIpAddresses",
            List.of(
                Map.of("PrivateIpAddress", "10.0.1.11", "Primary", false),
                Map.of("PrivateIpAddress", "10.0.1.12", "Primary", false)),
            "Description",
            "second",
            "TagSpecifications",
            tags("network-interface")));
    same(
        () ->
            ec2.networkInterfaces()
                .create(NetworkInterfaceCreation.in(SUBNET).secondaryPrivateIpCount(3)),
        "CreateNetworkInterface",
        Map.of("SubnetId", SUBNET, "SecondaryPrivateIpAddressCount", 3));
    same(
        () -> ec2.networkInterfaces().delete(ENI),
        "DeleteNetworkInterface",
        Map.of("NetworkInterfaceId", ENI));
    same(
        () -> ec2.networkInterfaces().attach(ENI, "i-0123456789abcdef0", 1),
        "AttachNetworkInterface",
        Map.of("NetworkInterfaceId", ENI, "InstanceId", "i-0123456789abcdef0", "DeviceIndex", 1));
    same(
        () -> ec2.networkInterfaces().detach("eni-attach-0123456789abcdef0", true),
        "DetachNetworkInterface",
        Map.of("AttachmentId", "eni-attach-0123456789abcdef0", "Force", true));
    same(
        () -> ec2.networkInterfaces().assignPrivateIps(ENI, "10.0.1.20", "10.0.1.21"),
        "AssignPrivateIpAddresses",
        Map.of("NetworkInterfaceId", ENI, "PrivateIpAddresses", List.of("10.0.1.20", "10.0.1.21")));
    same(
        () -> ec2.networkInterfaces().assignPrivateIps(ENI, 2),
        "AssignPrivateIpAddresses",
        Map.of("NetworkInterfaceId", ENI, "SecondaryPrivateIpAddressCount", 2));
    same(
        () -> ec2.networkInterfaces().unassignPrivateIps(ENI, "10.0.1.20"),
        "UnassignPrivateIpAddresses",
        Map.of("NetworkInterfaceId", ENI, "PrivateIpAddresses", List.of("10.0.1.20")));
    same(
        () -> ec2.networkInterfaces().modifyGroups(ENI, SG, "sg-0123456789abcdef1"),
        "ModifyNetworkInterfaceAttribute",
        Map.of("NetworkInterfaceId", ENI, "Groups", List.of(SG, "sg-0123456789abcdef1")));
    same(
        () -> ec2.networkInterfaces().modifySourceDestCheck(ENI, false),
        "ModifyNetworkInterfaceAttribute",
        Map.of("NetworkInterfaceId", ENI, "SourceDestCheck", Map.of("Value", false)));
    same(
        () -> ec2.networkInterfaces().modifyDescription(ENI, "data plane"),
        "ModifyNetworkInterfaceAttribute",
        Map.of("NetworkInterfaceId", ENI, "Description", Map.of("Value", "data plane")));
  }
}
