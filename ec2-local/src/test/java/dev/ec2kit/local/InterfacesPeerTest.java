package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * botocore against security groups in a VPC of one's own and network interfaces ({@code
 * botocore_interfaces.py}): group names unique per VPC, the VPC's default group, rules referencing
 * another group, DescribeSecurityGroupRules and ModifySecurityGroupRules; interfaces made,
 * attached, modified, given and relieved of addresses, launched with; the dependency rules of
 * DeleteSecurityGroup, DeleteNetworkInterface, DeleteSubnet and DeleteVpc.
 */
@Emulated
class InterfacesPeerTest {
  @Test
  void botocore_puts_groups_and_interfaces_in_a_vpc_of_its_own(Ec2Local local) throws Exception {
    String json = BotocorePeerTest.run(local, "/botocore_interfaces.py").replace(" ", "");
    assertThat(json)
        .contains("\"sg_duplicate\":\"InvalidGroup.Duplicate\"")
        .contains("\"sg_default_vpc\":true")
        .contains("\"vpc_default_sg\":[[\"default\",true]]")
        .contains("\"delete_default_sg\":\"CannotDelete\"")
        .contains("\"rule_ref\":[true,5432]")
        .contains("\"rule_tags\":[[\"db-from-web\"],[true],[\"security-group-rule\"]]")
        .contains("\"delete_referenced\":\"DependencyViolation\"")
        .contains("\"modified_rule\":[[false,true,-1,null],[true,false,3306,\"mysqlfromweb\"]]")
        .contains("\"revoke_by_id\":[\"InvalidSecurityGroupRuleId.NotFound\",\"ok\",[]]")
        .contains("\"modify_missing_rule\":\"InvalidSecurityGroupRuleId.NotFound\"");
    assertThat(json)
        .contains("\"nic\":[\"available\",\"10.0.1.10\",3,\"data\",[\"db\"]]")
        .contains("\"nic_in_use_ip\":\"InvalidIPAddress.InUse\"")
        .contains("\"nic_out_of_range\":\"InvalidParameterValue\"")
        .contains("\"nic_other_vpc_group\":\"InvalidParameter\"")
        .contains("\"available_count\":248")
        .contains("\"delete_sg_used\":\"DependencyViolation\"");
    assertThat(json)
        .contains("\"attach_same_index\":\"InvalidParameterValue\"")
        .contains("\"attach_twice\":\"InvalidNetworkInterface.InUse\"")
        .contains("\"delete_attached\":\"InvalidNetworkInterface.InUse\"")
        .contains("\"instance_enis\":[[0,false],[1,true]]")
        .contains("\"by_filters\":[[false,true],[true],[true],[true],[true],[true]]")
        .contains("\"instance_by_eni\":[1,1,1,1,0]")
        .contains("\"by_status\":1")
        .contains("\"eni_bad_filter\":\"InvalidParameterValue\"")
        .contains("\"modified\":[\"dataplane\",false,[\"db\",\"web\"],true]")
        .contains(
            "\"attributes\":[\"dataplane\",false,[\"db\",\"web\"],1,\"InvalidParameterValue\"]")
        .contains("\"assigned\":[1,4]")
        .contains("\"unassigned\":3")
        .contains("\"unassign_primary\":\"InvalidParameterValue\"")
        .contains("\"detach_primary\":\"OperationNotPermitted\"")
        .contains(
            "\"detached\":[\"available\",\"detached\",[true],\"InvalidAttachmentID.NotFound\"]")
        .contains("\"primary_sg\":[true]");
    assertThat(json)
        .contains("\"launched_with\":[true,[[0,false],[1,true]]]")
        .contains("\"launch_in_use\":\"InvalidNetworkInterface.InUse\"")
        .contains("\"launch_mixed\":\"InvalidParameterCombination\"")
        .contains("\"delete_subnet_in_use\":\"DependencyViolation\"")
        .contains("\"left_after_terminate\":[[false,\"available\"],[true,\"available\"]]")
        .contains("\"delete_vpc_in_use\":\"DependencyViolation\"")
        .contains("\"eni_missing\":\"InvalidNetworkInterfaceID.NotFound\"")
        .contains("\"after_rules\":\"ok\"")
        .contains("\"after_ref\":\"ok\"")
        .contains("\"vpc_gone\":\"InvalidVpcID.NotFound\"");
  }
}
