package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Filter names clients use that EC2 accepts: {@code isDefault} for DescribeVpcs (how a widely used
 * client finds the default VPC) and {@code state} for DescribeImages (documented); and names that
 * look as if they might work but that EC2's reference does not list for that action, refused.
 */
@Emulated
class FilterNamesTest {
  @Test
  void describe_vpcs_takes_isDefault_as_ec2_does(Ec2Local local) throws Exception {
    String both =
        Raw.signed(
                local,
                Instant.now(),
                "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=isDefault&Filter.1.Value.1=true")
            .body();
    assertThat(both).contains("<isDefault>true</isDefault>").doesNotContain("<Errors>");
    String none =
        Raw.signed(
                local,
                Instant.now(),
                "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=isDefault&Filter.1.Value.1=false")
            .body();
    assertThat(none).doesNotContain("<vpcId>").doesNotContain("<Errors>");
  }

  @Test
  void describe_images_filters_by_state(Ec2Local local) throws Exception {
    String available =
        Raw.signed(
                local,
                Instant.now(),
                "Action=DescribeImages&Version=2016-11-15&Owner.1=amazon"
                    + "&Filter.1.Name=state&Filter.1.Value.1=available")
            .body();
    assertThat(available).contains("<imageState>available</imageState>").doesNotContain("<Errors>");
    String pending =
        Raw.signed(
                local,
                Instant.now(),
                "Action=DescribeImages&Version=2016-11-15&Owner.1=amazon"
                    + "&Filter.1.Name=state&Filter.1.Value.1=pending")
            .body();
    assertThat(pending).doesNotContain("<imageId>").doesNotContain("<Errors>");
  }

  @Test
  void names_the_reference_does_not_list_for_the_action_are_refused(Ec2Local local)
      throws Exception {
    for (String call :
        new String[] {
          "DescribeKeyPairs&Filter.1.Name=key-type",
          "DescribeVpcs&Filter.1.Name=instance-tenancy",
          "DescribeImages&Filter.1.Name=platform-details",
          "DescribeInstances&Filter.1.Name=network-interface.interface-type",
          "DescribeInstances&Filter.1.Name=network-interface.availability-zone-id",
          "DescribeInstances&Filter.1.Name=network-interface.addresses.association.owner-id"
        }) {
      String body =
          Raw.signed(
                  local, Instant.now(), "Action=" + call + "&Filter.1.Value.1=x&Version=2016-11-15")
              .body();
      assertThat(body).as(call).contains("<Code>InvalidParameterValue</Code>");
    }
  }
}
