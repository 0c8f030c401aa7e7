package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * botocore 1.43 (pyenv's {@code python3}, the AWS CLI v1's) against network ACLs beyond describe
 * and Elastic IPs on network interfaces ({@code botocore_acls_addresses.py}): each new action and
 * each of its refusals with EC2's code.
 */
@Emulated
class AclsAndAddressesPeerTest {
  @Test
  void botocore_manages_network_acls_and_puts_elastic_ips_on_interfaces(Ec2Local local)
      throws Exception {
    String json =
        BotocorePeerTest.run(local, "/botocore_acls_addresses.py", "python3").replace(" ", "");
    assertThat(json).contains("\"botocore\":\"1.43.");
    assertThat(json)
        .contains("\"acl_delete_default\":\"InvalidParameterValue\"")
        .contains(
            "\"acl_new\":[false,true,[[32767,\"deny\",false],[32767,\"deny\",true]],0,[\"web\"]]")
        .contains("\"acl_token\":[true,true]")
        .contains("\"acl_missing_vpc\":\"InvalidVpcID.NotFound\"")
        .contains("\"acl_dry_run\":\"DryRunOperation\"");
    assertThat(json)
        .contains("\"entry_duplicate\":\"NetworkAclEntryAlreadyExists\"")
        .contains("\"entry_rule_range\":[\"InvalidParameterValue\",\"InvalidParameterValue\"]")
        .contains("\"entry_no_ports\":\"MissingParameter\"")
        .contains("\"entry_ipv6\":\"Unsupported\"")
        .contains("\"entry_bad_action\":\"InvalidParameterValue\"")
        .contains("\"entry_dry_run\":\"DryRunOperation\"")
        .contains("\"entry_missing_acl\":\"InvalidNetworkAclID.NotFound\"")
        .contains("\"replace_missing\":\"InvalidNetworkAclEntry.NotFound\"")
        .contains(
            "\"entries\":[[100,\"-1\",\"allow\",true,\"0.0.0.0/0\",null,null],"
                + "[32767,\"-1\",\"deny\",true,\"0.0.0.0/0\",null,null],"
                + "[100,\"17\",\"deny\",false,\"10.0.0.0/16\",{\"From\":53,\"To\":53},null],"
                + "[110,\"1\",\"allow\",false,\"10.0.0.0/8\",null,{\"Code\":-1,\"Type\":8}],"
                + "[32767,\"-1\",\"deny\",false,\"0.0.0.0/0\",null,null]]")
        .contains("\"delete_entry_again\":\"InvalidNetworkAclEntry.NotFound\"")
        .contains("\"delete_entry_final\":\"InvalidParameterValue\"")
        .contains("\"after_delete_entry\":[[100,false],[100,true],[32767,false],[32767,true]]");
    assertThat(json)
        .contains("\"acl_moved\":[true,true,[true],0]")
        .contains("\"acl_old_association\":\"InvalidAssociationID.NotFound\"")
        .contains("\"acl_delete_in_use\":\"DependencyViolation\"")
        .contains("\"acl_other_vpc\":\"InvalidParameterValue\"")
        .contains("\"delete_vpc_with_acl\":\"DependencyViolation\"")
        .contains("\"acl_back\":[true]")
        .contains("\"acl_gone\":\"InvalidNetworkAclID.NotFound\"");
    assertThat(json)
        .contains("\"eip_no_igw\":\"Gateway.NotAttached\"")
        .contains("\"eip_dry_run\":\"DryRunOperation\"")
        .contains("\"eip_on_eni\":[true,true,true,\"10.0.1.10\",false,true]")
        .contains("\"eip_by_filter\":[true]")
        .contains("\"eip_release_in_use\":\"InvalidIPAddress.InUse\"")
        .contains("\"eip_secondary\":[true,\"10.0.1.10\",true]")
        .contains("\"eip_not_its_ip\":\"InvalidParameterValue\"")
        .contains("\"eip_neither\":\"MissingParameter\"")
        .contains("\"eip_missing_eni\":\"InvalidNetworkInterfaceID.NotFound\"")
        .contains("\"eip_taken\":\"Resource.AlreadyAssociated\"")
        .contains("\"eip_moved\":[true,false]")
        .contains("\"eip_instance_of_eni\":true")
        .contains("\"eip_instance_two_enis\":\"InvalidInstanceID\"")
        .contains("\"eip_both\":[\"ok\",true]")
        .contains("\"eip_disassociated\":[false,false]")
        .contains("\"eip_eni_deleted\":[false,\"ok\"]")
        .contains("\"eip_from_nat\":\"Resource.AlreadyAssociated\"");
  }
}
