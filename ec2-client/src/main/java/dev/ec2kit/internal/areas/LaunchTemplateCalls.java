package dev.ec2kit.internal.areas;

import dev.ec2kit.Identity;
import dev.ec2kit.LaunchTemplate;
import dev.ec2kit.LaunchTemplateData;
import dev.ec2kit.LaunchTemplateData.MetadataOptions;
import dev.ec2kit.LaunchTemplateData.TagSpecification;
import dev.ec2kit.LaunchTemplateVersion;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import dev.ec2kit.internal.xml.XmlNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The launch template calls: Create, CreateVersion, Describe, DescribeVersions, Modify (the default
 * version), Delete, DeleteVersions. A template is named by its id or its name, never both.
 */
public final class LaunchTemplateCalls {
  /** A version EC2 could or could not delete, with its error when not. */
  public record Deleted(long versionNumber, String code, String message) {}

  private final QueryClient query;

  public LaunchTemplateCalls(QueryClient query) {
    this.query = query;
  }

  public LaunchTemplate create(
      Identity identity, String name, LaunchTemplateData data, Map<String, String> tags) {
    Params p =
        data(new Params().put("LaunchTemplateName", name), data)
            .put("ClientToken", UUID.randomUUID().toString());
    if (!tags.isEmpty()) {
      p.tagSpecification("TagSpecification.1", "launch-template", tags);
    }
    XmlNode doc = query.call(identity, "CreateLaunchTemplate", p, Repeat.SAFE);
    return template(child(doc, "launchTemplate"));
  }

  public LaunchTemplateVersion createVersion(
      Identity identity, String id, String name, String source, LaunchTemplateData data) {
    Params p =
        data(named(id, name).put("SourceVersion", source), data)
            .put("ClientToken", UUID.randomUUID().toString());
    XmlNode doc = query.call(identity, "CreateLaunchTemplateVersion", p, Repeat.SAFE);
    return version(child(doc, "launchTemplateVersion"));
  }

  public List<LaunchTemplate> describe(Identity identity, List<String> ids, List<String> names) {
    return Pages.all(
        query,
        identity,
        "DescribeLaunchTemplates",
        new Params().list("LaunchTemplateId", ids).list("LaunchTemplateName", names),
        ids.isEmpty() && names.isEmpty() ? 200 : 0,
        doc -> doc.items("launchTemplates").stream().map(LaunchTemplateCalls::template).toList());
  }

  public List<LaunchTemplateVersion> describeVersions(
      Identity identity, String id, String name, List<String> versions) {
    return Pages.all(
        query,
        identity,
        "DescribeLaunchTemplateVersions",
        named(id, name).list("LaunchTemplateVersion", versions),
        versions.isEmpty() ? 200 : 0,
        doc ->
            doc.items("launchTemplateVersionSet").stream()
                .map(LaunchTemplateCalls::version)
                .toList());
  }

  public LaunchTemplate setDefaultVersion(
      Identity identity, String id, String name, String version) {
    // The same default set twice answers the same: safe to repeat.
    XmlNode doc =
        query.call(
            identity,
            "ModifyLaunchTemplate",
            named(id, name).put("SetDefaultVersion", version),
            Repeat.SAFE);
    return template(child(doc, "launchTemplate"));
  }

  public LaunchTemplate delete(Identity identity, String id, String name) {
    XmlNode doc = query.call(identity, "DeleteLaunchTemplate", named(id, name), Repeat.ONCE);
    return template(child(doc, "launchTemplate"));
  }

  public List<Deleted> deleteVersions(
      Identity identity, String id, String name, List<String> versions) {
    XmlNode doc =
        query.call(
            identity,
            "DeleteLaunchTemplateVersions",
            named(id, name).list("LaunchTemplateVersion", versions),
            Repeat.ONCE);
    List<Deleted> out = new ArrayList<>();
    for (XmlNode n : doc.items("successfullyDeletedLaunchTemplateVersionSet")) {
      out.add(new Deleted(number(n, "versionNumber"), null, null));
    }
    for (XmlNode n : doc.items("unsuccessfullyDeletedLaunchTemplateVersionSet")) {
      XmlNode error = n.child("responseError").orElse(n);
      out.add(new Deleted(number(n, "versionNumber"), error.text("code"), error.text("message")));
    }
    return out;
  }

  private static Params named(String id, String name) {
    return new Params().put("LaunchTemplateId", id).put("LaunchTemplateName", name);
  }

  private static XmlNode child(XmlNode doc, String name) {
    return doc.child(name).orElseThrow(() -> doc.malformed("has no " + name));
  }

  private static long number(XmlNode n, String child) {
    String t = n.text(child);
    try {
      return t == null || t.isEmpty() ? 0 : Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw n.malformed("has " + child + " '" + t + "', which is not a number");
    }
  }

  /** The data as RunInstances' own parameters are named, under {@code LaunchTemplateData.}. */
  private static Params data(Params p, LaunchTemplateData d) {
    String at = "LaunchTemplateData.";
    p.put(at + "ImageId", d.imageId())
        .put(at + "InstanceType", d.instanceType())
        .put(at + "KeyName", d.keyName())
        .list(at + "SecurityGroupId", d.securityGroupIds())
        .list(at + "SecurityGroup", d.securityGroups());
    if (d.userData() != null) {
      p.put(
          at + "UserData",
          Base64.getEncoder().encodeToString(d.userData().getBytes(StandardCharsets.UTF_8)));
    }
    int i = 1;
    for (TagSpecification t : d.tagSpecifications()) {
      p.tagSpecification(at + "TagSpecification." + i++, t.resourceType(), t.tags());
    }
    MetadataOptions m = d.metadataOptions();
    if (m != null) {
      p.put(at + "MetadataOptions.HttpTokens", m.httpTokens())
          .put(at + "MetadataOptions.HttpEndpoint", m.httpEndpoint())
          .put(at + "MetadataOptions.InstanceMetadataTags", m.instanceMetadataTags());
      if (m.httpPutResponseHopLimit() != null) {
        p.put(at + "MetadataOptions.HttpPutResponseHopLimit", m.httpPutResponseHopLimit());
      }
    }
    return p;
  }

  private static LaunchTemplate template(XmlNode n) {
    return new LaunchTemplate(
        n.required("launchTemplateId"),
        n.text("launchTemplateName"),
        n.instant("createTime"),
        n.text("createdBy"),
        number(n, "defaultVersionNumber"),
        number(n, "latestVersionNumber"),
        Parse.tags(n));
  }

  private static LaunchTemplateVersion version(XmlNode n) {
    return new LaunchTemplateVersion(
        n.required("launchTemplateId"),
        n.text("launchTemplateName"),
        number(n, "versionNumber"),
        Parse.emptyToNull(n.text("versionDescription")),
        n.instant("createTime"),
        n.text("createdBy"),
        n.bool("defaultVersion"),
        data(n.child("launchTemplateData").orElse(null)));
  }

  private static LaunchTemplateData data(XmlNode d) {
    if (d == null) {
      return LaunchTemplateData.builder().build();
    }
    List<TagSpecification> tags = new ArrayList<>();
    for (XmlNode t : d.items("tagSpecificationSet")) {
      Map<String, String> map = Parse.tags(t);
      if (!map.isEmpty()) {
        tags.add(new TagSpecification(t.text("resourceType"), map));
      }
    }
    MetadataOptions metadata =
        d.child("metadataOptions")
            .map(
                m ->
                    new MetadataOptions(
                        Parse.emptyToNull(m.text("httpTokens")),
                        Parse.emptyToNull(m.text("httpEndpoint")),
                        m.integerOrNull("httpPutResponseHopLimit"),
                        Parse.emptyToNull(m.text("instanceMetadataTags"))))
            .orElse(null);
    return new LaunchTemplateData(
        Parse.emptyToNull(d.text("imageId")),
        Parse.emptyToNull(d.text("instanceType")),
        Parse.emptyToNull(d.text("keyName")),
        d.items("securityGroupIdSet").stream().map(XmlNode::text).toList(),
        d.items("securityGroupSet").stream().map(XmlNode::text).toList(),
        userData(d.text("userData")),
        tags,
        metadata);
  }

  /**
   * The user data as text. EC2 keeps a template's user data as the base64 its creator sent; data
   * that is not base64 (made by another tool) is shown as it is rather than failing the whole
   * answer.
   */
  private static String userData(String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return null;
    }
    try {
      return new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return encoded;
    }
  }
}
