package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * botocore against the emulator's networks ({@code botocore_networks.py}): the default VPC found
 * with {@code isDefault} and launched into; a VPC of one's own with its main route table, default
 * ACL and default group; subnets and their address counts; internet gateways, route tables and
 * associations; a NAT gateway through botocore's {@code nat_gateway_available} and {@code
 * nat_gateway_deleted} waiters (transitions take 300 ms, so the waiters see it pending); each
 * dependency rule with EC2's code.
 */
@SharesSandboxes
class NetworksPeerTest {
  @Test
  void botocore_builds_and_tears_down_a_vpc_stack() throws Exception {
    String json;
    try (Ec2Local local =
        Ec2Local.builder().port(0).transition(Duration.ofMillis(300)).build().start()) {
      json = BotocorePeerTest.run(local, "/botocore_networks.py").replace(" ", "");
    }
    assertThat(json)
        .contains("\"default_vpc\":[[\"172.31.0.0/16\",true]]")
        .contains("\"default_launch\":[true,true,true,true]")
        .contains(
            "\"default_routes\":[[\"0.0.0.0/0\",\"igw-\",\"active\"],"
                + "[\"172.31.0.0/16\",\"loca\",\"active\"]]")
        .contains("\"default_igw\":[\"available\"]")
        .contains("\"default_ids_distinct\":true")
        .contains(
            "\"default_acl\":[6,[[100,\"allow\",false],[100,\"allow\",true],"
                + "[32767,\"deny\",false],[32767,\"deny\",true]]]");
    assertThat(json)
        .contains("\"vpc_range\":[\"InvalidVpc.Range\",\"InvalidVpc.Range\"]")
        .contains("\"vpc_ipv6\":\"Unsupported\"")
        .contains("\"vpc_dry_run\":[\"DryRunOperation\",0]")
        .contains("\"vpc_by_tag\":[true]")
        .contains("\"vpc_by_cidr\":1")
        .contains("\"vpc_missing\":\"InvalidVpcID.NotFound\"")
        .contains("\"vpc_bad_filter\":\"InvalidParameterValue\"")
        .contains("\"dns_before\":[true,false]")
        .contains("\"dns_after\":[true,true]")
        .contains("\"cidrs\":[\"10.0.0.0/16\",\"10.1.0.0/16\"]")
        .contains("\"cidr_overlap\":\"InvalidVpc.Range\"")
        .contains("\"cidr_primary\":\"OperationNotPermitted\"")
        .contains("\"cidrs_after\":[\"10.0.0.0/16\"]")
        .contains("\"vpc_main\":[[true,[[\"10.0.0.0/16\",\"local\",\"CreateRouteTable\"]]]]")
        .contains(
            "\"vpc_acl\":[[true,[[100,\"-1\",\"allow\",false,\"0.0.0.0/0\"],"
                + "[100,\"-1\",\"allow\",true,\"0.0.0.0/0\"],"
                + "[32767,\"-1\",\"deny\",false,\"0.0.0.0/0\"],"
                + "[32767,\"-1\",\"deny\",true,\"0.0.0.0/0\"]]]]")
        .contains("\"vpc_sg\":[\"default\"]");
    assertThat(json)
        .contains("\"subnet\":[251,false,false,\"use1-az2\"]")
        .contains("\"subnet_dry_run\":[\"DryRunOperation\",\"InvalidSubnet.Conflict\"]")
        .contains("\"paged_subnets\":[5,true,\"InvalidParameterCombination\"]")
        .contains("\"subnet_range\":\"InvalidSubnet.Range\"")
        .contains("\"subnet_conflict\":\"InvalidSubnet.Conflict\"")
        .contains("\"subnet_small\":\"InvalidSubnet.Range\"")
        .contains("\"subnet_by_tag\":[true]")
        .contains("\"subnet_ipv6\":\"Unsupported\"")
        .contains("\"subnet_public\":true")
        .contains("\"private_launch\":[true,false]")
        .contains("\"public_launch\":[true,true]")
        .contains("\"asked_public\":true")
        .contains("\"available_after\":249")
        .contains("\"default_sg_elsewhere\":\"InvalidParameter\"")
        .contains("\"delete_subnet_in_use\":\"DependencyViolation\"")
        .contains("\"delete_vpc_in_use\":\"DependencyViolation\"");
    assertThat(json)
        .contains("\"igw_twice\":[\"Resource.AlreadyAssociated\",\"Resource.AlreadyAssociated\"]")
        .contains("\"igw_delete_attached\":\"DependencyViolation\"")
        .contains("\"igw_dry_run\":[\"DryRunOperation\",\"DependencyViolation\"]")
        .contains("\"igw_detach_mapped\":\"DependencyViolation\"")
        .contains("\"igw_detach_other\":\"Gateway.NotAttached\"")
        .containsPattern("\"igw_by_tag\":\\[\\[\\{\"State\":\"available\",\"VpcId\":\"vpc-")
        .contains("\"igw_missing\":\"InvalidInternetGatewayID.NotFound\"");
    assertThat(json)
        .contains("\"route_twice\":\"RouteAlreadyExists\"")
        .contains("\"route_other_vpc\":\"InvalidParameterValue\"")
        .contains("\"route_local\":\"InvalidParameterValue\"")
        .contains("\"route_missing\":\"InvalidRoute.NotFound\"")
        .contains("\"assoc_twice\":\"Resource.AlreadyAssociated\"")
        .contains(
            "\"routes\":[[[\"0.0.0.0/0\",\"igw-\",\"active\"],[\"10.0.0.0/16\",\"loca\",\"active\"],"
                + "[\"192.168.0.0/16\",\"eni-\",\"active\"]]]")
        .contains("\"by_route_gateway\":1")
        .contains("\"delete_associated\":\"DependencyViolation\"")
        .contains("\"delete_main\":\"DependencyViolation\"")
        .contains("\"disassociate_main\":\"InvalidParameterValue\"")
        .contains("\"main_moved\":[false,true]")
        .contains("\"vpc_with_table\":\"DependencyViolation\"");
    assertThat(json)
        .contains("\"nat_failed\":[\"failed\",\"Gateway.NotAttached\"]")
        .contains("\"nat_failed_address\":\"ok\"")
        .contains("\"nat_created\":\"pending\"")
        .contains("\"nat\":[\"available\",true,true,true]")
        .contains("\"nat_address\":[true,true]")
        .contains("\"nat_eni\":[[\"nat_gateway\",true]]")
        .contains("\"nat_address_release\":\"InvalidIPAddress.InUse\"")
        .contains("\"nat_by_filter\":1")
        .contains("\"nat_subnet_delete\":\"DependencyViolation\"")
        .contains("\"nat_deleted\":\"deleted\"")
        .contains("\"nat_route\":[\"blackhole\"]")
        .contains("\"nat_missing\":\"NatGatewayNotFound\"");
    assertThat(json)
        .contains(
            "\"tag_types\":[\"internet-gateway\",\"internet-gateway\",\"natgateway\","
                + "\"route-table\",\"subnet\",\"vpc\"]")
        .contains("\"vpc_gone\":\"InvalidVpcID.NotFound\"")
        .contains("\"vpc_parts_gone\":[0,0,0]");
    assertThat(json)
        .contains("\"group_name_elsewhere\":\"InvalidParameterCombination\"")
        .contains("\"delete_default_in_use\":\"DependencyViolation\"")
        .contains("\"no_default\":[0,\"VPCIdNotSpecified\",\"DefaultVpcDoesNotExist\"]")
        .contains("\"default_again\":[\"172.31.0.0/16\",true,true,6,1,\"DefaultVpcAlreadyExists\"]")
        .contains(
            "\"default_subnet_again\":[\"172.31.0.0/20\",true,true,"
                + "\"DefaultSubnetAlreadyExistsInAvailabilityZone\"]");
  }
}
