package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.junit.Ec2LocalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every filter name botocore's model documents for the network Describe actions (VPCs, subnets,
 * interfaces, internet and NAT gateways, route tables, network ACLs, security group rules) is taken
 * by the emulator, and only an undocumented one is refused, with InvalidParameterValue.
 */
@ExtendWith(Ec2LocalExtension.class)
class FilterTablePeerTest {
  @Test
  void every_documented_network_filter_is_taken_and_an_unknown_one_refused(Ec2Local local)
      throws Exception {
    String json = BotocorePeerTest.run(local, "/botocore_filters.py").replace(" ", "");
    for (String op :
        new String[] {
          "DescribeVpcs",
          "DescribeSubnets",
          "DescribeNetworkInterfaces",
          "DescribeInternetGateways",
          "DescribeRouteTables",
          "DescribeNetworkAcls",
          "DescribeNatGateways",
          "DescribeSecurityGroupRules",
          "DescribeInstances"
        }) {
      assertThat(json).contains("\"" + op + "\":[[\"no-such-filter\",\"InvalidParameterValue\"]]");
    }
    assertThat(json).containsPattern("\"tried\":1[5-9][0-9]");
  }
}
