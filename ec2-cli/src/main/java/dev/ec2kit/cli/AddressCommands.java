package dev.ec2kit.cli;

import dev.ec2kit.Address;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The manual's section 8.0: Elastic IP addresses. */
final class AddressCommands {
  private AddressCommands() {}

  static final Table<Address> TABLE =
      new Table<Address>("Addresses")
          .column("PublicIp", Address::publicIp)
          .column("AllocationId", Address::allocationId)
          .column("InstanceId", Address::instanceId)
          .column("AssociationId", Address::associationId)
          .column("PrivateIpAddress", Address::privateIpAddress);

  @Command(
      name = "allocate-address",
      mixinStandardHelpOptions = true,
      description = "Allocate an Elastic IP address.")
  static final class Allocate extends ApiCommand {
    @Override
    public Integer call() {
      TABLE.print(output(), out(), format(), List.of(ec2().addresses().allocate()));
      return 0;
    }
  }

  @Command(
      name = "describe-addresses",
      mixinStandardHelpOptions = true,
      description = "List Elastic IPs and the instances they are associated with.")
  static final class Describe extends ApiCommand {
    @Parameters(paramLabel = "IP-OR-ALLOCATION-ID", arity = "0..*")
    List<String> addresses = List.of();

    @Override
    public Integer call() {
      TABLE.print(
          output(), out(), format(), ec2().addresses().describe(addresses.toArray(String[]::new)));
      return 0;
    }
  }

  @Command(
      name = "release-address",
      mixinStandardHelpOptions = true,
      description = "Release an Elastic IP (not while associated).")
  static final class Release extends ApiCommand {
    @Parameters(paramLabel = "IP-OR-ALLOCATION-ID")
    String address;

    @Override
    public Integer call() {
      ec2().addresses().release(address);
      IdOutput.print(output(), out(), format(), "Address", address);
      return 0;
    }
  }

  @Command(
      name = "associate-address",
      mixinStandardHelpOptions = true,
      description = "Make an Elastic IP the instance's public address; prints the association id.")
  static final class Associate extends ApiCommand {
    @Parameters(index = "0", paramLabel = "INSTANCE-ID")
    String instanceId;

    @Parameters(index = "1", paramLabel = "IP-OR-ALLOCATION-ID")
    String address;

    @Option(
        names = "--allow-reassociation",
        description = "Move it even if it is associated with another instance.")
    boolean allowReassociation;

    @Override
    public Integer call() {
      IdOutput.print(
          output(),
          out(),
          format(),
          "AssociationId",
          ec2().addresses().associate(instanceId, address, allowReassociation));
      return 0;
    }
  }

  @Command(
      name = "disassociate-address",
      mixinStandardHelpOptions = true,
      description =
          "Take an Elastic IP off its instance (which is then left without a public address).")
  static final class Disassociate extends ApiCommand {
    @Parameters(paramLabel = "IP-OR-ASSOCIATION-ID")
    String address;

    @Override
    public Integer call() {
      ec2().addresses().disassociate(address);
      IdOutput.print(output(), out(), format(), "Address", address);
      return 0;
    }
  }
}
