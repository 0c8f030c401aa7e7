package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Address;
import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.RunOptions;
import dev.ec2kit.WaitOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Elastic IP addresses against the emulator. */
@Emulated
class AddressesTest {
  private static Ec2 fresh(Ec2Local local, String region) {
    return Ec2.builder().identity(local.identity(region)).build();
  }

  private static Instance launch(Ec2 ec2) {
    String ami =
        ec2.images()
            .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
            .get(0)
            .imageId();
    return ec2.instances().run(ami, 1, 1, RunOptions.builder().waitUntilRunning().build()).get(0);
  }

  @Test
  void the_manuals_section_8_transcript(Ec2Local local) {
    Ec2 ec2 = fresh(local, "us-east-2");
    Address ip = ec2.addresses().allocate();
    assertThat(ip.publicIp()).matches("127\\.\\d+\\.\\d+\\.\\d+");
    assertThat(ip.allocationId()).matches("eipalloc-[0-9a-f]{17}");
    assertThat(ec2.addresses().describe())
        .extracting(Address::toString)
        .containsExactly(ip.publicIp());
    Instance instance = launch(ec2);
    String before = instance.publicDnsName();
    ec2.addresses().associate(instance, ip.publicIp());
    assertThat(ec2.addresses().describe())
        .extracting(Address::toString)
        .containsExactly(ip.publicIp() + " -> " + instance.instanceId());
    Instance associated = ec2.instances().describe(List.of(instance)).get(0);
    assertThat(associated.publicIpAddress()).isEqualTo(ip.publicIp());
    assertThat(associated.publicDnsName())
        .isEqualTo("ec2-" + ip.publicIp().replace('.', '-') + ".us-east-2.compute.amazonaws.com")
        .isNotEqualTo(before);
    ec2.addresses().disassociate(ip.publicIp());
    assertThat(ec2.addresses().describe())
        .extracting(Address::toString)
        .containsExactly(ip.publicIp());
    ec2.addresses().release(ip.publicIp());
    assertThat(ec2.addresses().describe()).isEmpty();
    Instance after = ec2.instances().describe(List.of(instance)).get(0);
    assertThat(after.dnsName()).isEmpty(); // as the manual notes: no DNS name after disassociating
    assertThat(after.publicIpAddress()).isNull();
    assertThat(ec2.instances().terminate(List.of(instance)))
        .singleElement()
        .satisfies(c -> assertThat(c.currentState()).isEqualTo(InstanceState.SHUTTING_DOWN));
  }

  /** AllowReassociation is taken on a first association too (the audit had found it unread). */
  @Test
  void allow_reassociation_is_taken_on_an_address_not_yet_associated(Ec2Local local) {
    Ec2 ec2 = fresh(local, "eu-north-1");
    Address ip = ec2.addresses().allocate();
    Instance instance = launch(ec2);
    ec2.operations()
        .call(
            "AssociateAddress",
            java.util.Map.of(
                "AllocationId",
                ip.allocationId(),
                "InstanceId",
                instance.instanceId(),
                "AllowReassociation",
                true));
    assertThat(ec2.addresses().describe())
        .extracting(Address::toString)
        .containsExactly(ip.publicIp() + " -> " + instance.instanceId());
  }

  @Test
  void ids_work_wherever_ec2_takes_them_and_releasing_an_associated_address_fails(Ec2Local local) {
    Ec2 ec2 = fresh(local, "us-west-1");
    Address ip = ec2.addresses().allocate();
    Instance instance = launch(ec2);
    String association = ec2.addresses().associate(instance.instanceId(), ip.allocationId(), false);
    assertThat(association).matches("eipassoc-[0-9a-f]{17}");
    assertThat(ec2.addresses().describe(ip.allocationId()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.associationId()).isEqualTo(association);
              assertThat(a.instanceId()).isEqualTo(instance.instanceId());
              assertThat(a.privateIpAddress()).isEqualTo(instance.privateIpAddress());
            });
    assertThatThrownBy(() -> ec2.addresses().release(ip.allocationId()))
        .hasMessageStartingWith("InvalidIPAddress.InUse");
    Instance other = launch(ec2);
    assertThatThrownBy(
            () -> ec2.addresses().associate(other.instanceId(), ip.allocationId(), false))
        .hasMessageStartingWith("Resource.AlreadyAssociated");
    ec2.addresses().associate(other.instanceId(), ip.allocationId(), true);
    assertThat(ec2.instances().describe(List.of(instance)).get(0).publicIpAddress()).isNull();
    ec2.addresses().disassociate(ec2.addresses().describe(ip.publicIp()).get(0).associationId());
    ec2.addresses().release(ip.allocationId());
  }

  @Test
  void an_elastic_ip_stays_through_stop_and_start_and_leaves_on_terminate(Ec2Local local) {
    Ec2 ec2 = fresh(local, "ca-west-1");
    Address ip = ec2.addresses().allocate();
    Instance instance = launch(ec2);
    ec2.addresses().associate(instance, ip.allocationId());
    ec2.instances().stop(List.of(instance), false);
    Instance stopped =
        ec2.instances()
            .waitFor(
                instance,
                InstanceState.STOPPED,
                WaitOptions.defaults().interval(Duration.ofMillis(50)));
    assertThat(stopped.publicIpAddress()).isEqualTo(ip.publicIp());
    ec2.instances().start(List.of(instance));
    assertThat(ec2.instances().describe(List.of(instance)).get(0).publicIpAddress())
        .isEqualTo(ip.publicIp());
    ec2.instances().terminate(List.of(instance));
    // as on EC2, the address leaves once the instance is terminated, not while it shuts down
    ec2.instances()
        .waitFor(
            instance,
            InstanceState.TERMINATED,
            WaitOptions.defaults().interval(Duration.ofMillis(50)));
    assertThat(ec2.addresses().describe(ip.publicIp()))
        .singleElement()
        .satisfies(a -> assertThat(a.instanceId()).isNull());
  }

  @Test
  void unknown_addresses_are_ec2s_errors(Ec2Local local) {
    Ec2 ec2 = fresh(local, "af-south-1");
    assertThatThrownBy(() -> ec2.addresses().describe("198.51.100.7"))
        .hasMessageStartingWith("InvalidAddress.NotFound");
    assertThatThrownBy(() -> ec2.addresses().release("eipalloc-0123456789abcdef0"))
        .hasMessageStartingWith("InvalidAllocationID.NotFound");
    assertThatThrownBy(() -> ec2.addresses().disassociate("eipassoc-0123456789abcdef0"))
        .hasMessageStartingWith("InvalidAssociationID.NotFound");
    assertThatThrownBy(() -> ec2.addresses().release("my-ip"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
