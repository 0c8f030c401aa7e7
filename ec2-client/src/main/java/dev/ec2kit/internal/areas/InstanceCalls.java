package dev.ec2kit.internal.areas;

import dev.ec2kit.ConsoleOutput;
import dev.ec2kit.Identity;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceQuery;
import dev.ec2kit.InstanceState;
import dev.ec2kit.NetworkInterfaceSpec;
import dev.ec2kit.RunOptions;
import dev.ec2kit.StateChange;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import dev.ec2kit.internal.xml.XmlNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** RunInstances, DescribeInstances, the state changes, GetConsoleOutput. */
public final class InstanceCalls {
  private final QueryClient query;

  public InstanceCalls(QueryClient query) {
    this.query = query;
  }

  public List<Instance> runInstances(
      Identity identity, String imageId, int min, int max, RunOptions o) {
    Params p =
        new Params()
            .put("ImageId", imageId)
            .put("MinCount", min)
            .put("MaxCount", max)
            .put("InstanceType", o.instanceType())
            .put("KernelId", o.kernelId())
            .put("RamdiskId", o.ramdiskId())
            .put("Placement.AvailabilityZone", o.availabilityZone())
            // The identity's key pair is a default, as a template's is: a template's wins.
            .put(
                "KeyName",
                o.keyName() != null || o.launchTemplate() != null
                    ? o.keyName()
                    : identity.keyName().orElse(null))
            .list("SecurityGroup", o.securityGroups())
            .list("SecurityGroupId", o.securityGroupIds())
            .put("SubnetId", o.subnetId());
    if (o.launchTemplate() != null) {
      boolean id = o.launchTemplate().matches("lt-[0-9a-f]{17}");
      p.put(
              "LaunchTemplate." + (id ? "LaunchTemplateId" : "LaunchTemplateName"),
              o.launchTemplate())
          .put("LaunchTemplate.Version", o.launchTemplateVersion());
    }
    int n = 1;
    for (NetworkInterfaceSpec ni : o.networkInterfaces()) {
      String at = "NetworkInterface." + n++ + ".";
      p.put(at + "DeviceIndex", ni.deviceIndex())
          .put(at + "NetworkInterfaceId", ni.networkInterfaceId())
          .put(at + "SubnetId", ni.subnetId())
          .list(at + "SecurityGroupId", ni.securityGroupIds())
          .put(at + "PrivateIpAddress", ni.privateIpAddress())
          .put(at + "Description", ni.description());
      if (ni.associatePublicIp() != null) {
        p.put(at + "AssociatePublicIpAddress", ni.associatePublicIp());
      }
      if (ni.deleteOnTermination() != null) {
        p.put(at + "DeleteOnTermination", ni.deleteOnTermination());
      }
    }
    if (o.userData() != null) {
      p.put(
          "UserData",
          Base64.getEncoder().encodeToString(o.userData().getBytes(StandardCharsets.UTF_8)));
    }
    if (!o.tags().isEmpty()) {
      p.tagSpecification("TagSpecification.1", "instance", o.tags());
    }
    // One token for the whole logical launch, sent again on every retry: EC2 then answers a
    // repeated request with the first launch instead of launching twice.
    p.put("ClientToken", o.clientToken() != null ? o.clientToken() : UUID.randomUUID().toString());
    XmlNode doc = query.call(identity, "RunInstances", p, Repeat.SAFE);
    return Parse.reservation(doc, identity);
  }

  public List<Instance> describeInstances(Identity identity, InstanceQuery q) {
    List<Instance> out = new java.util.ArrayList<>();
    eachPage(identity, q, out::addAll);
    return out;
  }

  /** The instances {@code q} selects, a page (up to 1,000) at a time, none kept. */
  public void eachPage(
      Identity identity, InstanceQuery q, java.util.function.Consumer<List<Instance>> page) {
    Map<String, List<String>> filters = new LinkedHashMap<>(q.filters());
    if (!q.states().isEmpty()) {
      filters.put(
          "instance-state-name", q.states().stream().sorted().map(InstanceState::apiName).toList());
    }
    Params p = new Params().list("InstanceId", q.instanceIds()).filters(filters);
    Pages.each(
        query,
        identity,
        "DescribeInstances",
        p,
        q.instanceIds().isEmpty() ? 1000 : 0,
        doc -> Parse.reservations(doc.items("reservationSet"), identity),
        page);
  }

  public List<StateChange> terminateInstances(Identity identity, List<String> ids) {
    return Parse.stateChanges(
        query.call(
            identity, "TerminateInstances", new Params().list("InstanceId", ids), Repeat.SAFE));
  }

  public List<StateChange> stopInstances(Identity identity, List<String> ids, boolean force) {
    Params p = new Params().list("InstanceId", ids);
    if (force) {
      p.put("Force", true);
    }
    return Parse.stateChanges(query.call(identity, "StopInstances", p, Repeat.SAFE));
  }

  public List<StateChange> startInstances(Identity identity, List<String> ids) {
    return Parse.stateChanges(
        query.call(identity, "StartInstances", new Params().list("InstanceId", ids), Repeat.SAFE));
  }

  public void rebootInstances(Identity identity, List<String> ids) {
    query.call(identity, "RebootInstances", new Params().list("InstanceId", ids), Repeat.SAFE);
  }

  public ConsoleOutput getConsoleOutput(Identity identity, String instanceId) {
    XmlNode doc =
        query.call(
            identity, "GetConsoleOutput", new Params().put("InstanceId", instanceId), Repeat.SAFE);
    String encoded = doc.text("output", "");
    String text =
        encoded.isEmpty()
            ? ""
            : new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
    return new ConsoleOutput(doc.text("instanceId", instanceId), doc.instant("timestamp"), text);
  }
}
