package dev.ec2kit.internal.areas;

import dev.ec2kit.AvailabilityZone;
import dev.ec2kit.Identity;
import dev.ec2kit.Region;
import dev.ec2kit.RegionInfo;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import dev.ec2kit.internal.xml.XmlNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** DescribeRegions and DescribeAvailabilityZones. */
public final class RegionCalls {
  private final QueryClient query;

  public RegionCalls(QueryClient query) {
    this.query = query;
  }

  public List<RegionInfo> describeRegions(
      Identity identity, Collection<String> names, boolean all) {
    Params p = new Params().list("RegionName", names);
    if (all) {
      p.put("AllRegions", true);
    }
    XmlNode doc = query.call(identity, "DescribeRegions", p, Repeat.SAFE);
    List<RegionInfo> out = new ArrayList<>();
    for (XmlNode item : doc.items("regionInfo")) {
      String name = item.text("regionName");
      String endpoint = item.text("regionEndpoint", "ec2." + name + ".amazonaws.com");
      out.add(
          new RegionInfo(
              name,
              endpoint,
              item.text("optInStatus", "opt-in-not-required"),
              regionFor(identity.region(), name, endpoint)));
    }
    return out;
  }

  /**
   * The region object to call a listed region with. At the public endpoints each region has its
   * own; an endpoint the user configured (AWS_ENDPOINT_URL, a VPC endpoint, an emulator) serves
   * every region the way it serves the current one, as the AWS CLI applies it.
   */
  static Region regionFor(Region current, String name, String endpoint) {
    if (current.isPublicEndpoint()) {
      return new Region(name, URI.create("https://" + endpoint + "/"));
    }
    return new Region(name, current.uri());
  }

  public List<AvailabilityZone> describeAvailabilityZones(
      Identity identity, Collection<String> zoneNames, boolean all) {
    Params p = new Params().list("ZoneName", zoneNames);
    if (all) {
      p.put("AllAvailabilityZones", true);
    }
    XmlNode doc = query.call(identity, "DescribeAvailabilityZones", p, Repeat.SAFE);
    List<AvailabilityZone> out = new ArrayList<>();
    for (XmlNode item : doc.items("availabilityZoneInfo")) {
      List<String> messages = new ArrayList<>();
      for (XmlNode m : item.items("messageSet")) {
        messages.add(m.text("message", ""));
      }
      out.add(
          new AvailabilityZone(
              item.text("zoneName"),
              item.text("zoneState", ""),
              item.text("regionName", identity.region().name()),
              item.text("zoneId"),
              item.text("zoneType"),
              item.text("optInStatus"),
              messages));
    }
    return out;
  }
}
