package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Launch templates and their versions over the wire, answered as EC2 answers them. */
@Emulated
class LaunchTemplatesTest {
  private static final String V = "&Version=2016-11-15";

  private static HttpResponse<String> call(Ec2Local local, String region, String params)
      throws Exception {
    return Raw.signed(local, Instant.now(), "Action=" + params + V, region);
  }

  private static String code(Ec2Local local, String region, String params) throws Exception {
    return Strict.code(call(local, region, params).body());
  }

  private static Document ok(Ec2Local local, String region, String params) throws Exception {
    return ok(call(local, region, params));
  }

  static Document ok(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Strict.xml(r.body());
    // Parsed again without namespaces, so that XPath finds the elements by their plain names.
    return javax.xml.parsers.DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
  }

  static String text(Document d, String path) throws Exception {
    return (String) XPathFactory.newInstance().newXPath().evaluate(path, d, XPathConstants.STRING);
  }

  static int count(Document d, String path) throws Exception {
    return ((NodeList)
            XPathFactory.newInstance().newXPath().evaluate(path, d, XPathConstants.NODESET))
        .getLength();
  }

  private static String create(Ec2Local local, String region, String name) throws Exception {
    Document d =
        ok(
            local,
            region,
            "CreateLaunchTemplate&LaunchTemplateName="
                + name
                + "&VersionDescription=first"
                + "&LaunchTemplateData.ImageId=ami-0123456789abcdef0"
                + "&LaunchTemplateData.InstanceType=t3.micro"
                + "&LaunchTemplateData.KeyName=deploy"
                + "&LaunchTemplateData.SecurityGroupId.1=sg-11111111"
                + "&LaunchTemplateData.SecurityGroupId.2=sg-22222222"
                + "&LaunchTemplateData.UserData=ZWNobyBoaQ%3D%3D"
                + "&LaunchTemplateData.MetadataOptions.HttpTokens=required"
                + "&LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit=2"
                + "&LaunchTemplateData.BlockDeviceMapping.1.DeviceName=%2Fdev%2Fxvda"
                + "&LaunchTemplateData.BlockDeviceMapping.1.Ebs.VolumeSize=30"
                + "&LaunchTemplateData.NetworkInterface.1.DeviceIndex=0"
                + "&LaunchTemplateData.NetworkInterface.1.SecurityGroupId.1=sg-33333333"
                + "&LaunchTemplateData.TagSpecification.1.ResourceType=instance"
                + "&LaunchTemplateData.TagSpecification.1.Tag.1.Key=Role"
                + "&LaunchTemplateData.TagSpecification.1.Tag.1.Value=web"
                + "&TagSpecification.1.ResourceType=launch-template"
                + "&TagSpecification.1.Tag.1.Key=Team"
                + "&TagSpecification.1.Tag.1.Value=blue");
    assertThat(text(d, "//launchTemplate/launchTemplateName")).isEqualTo(name);
    assertThat(text(d, "//launchTemplate/defaultVersionNumber")).isEqualTo("1");
    assertThat(text(d, "//launchTemplate/latestVersionNumber")).isEqualTo("1");
    assertThat(text(d, "//launchTemplate/createdBy")).startsWith("arn:aws:iam::");
    assertThat(text(d, "//launchTemplate/tagSet/item[key='Team']/value")).isEqualTo("blue");
    String id = text(d, "//launchTemplate/launchTemplateId");
    assertThat(id).matches("lt-[0-9a-f]{17}");
    return id;
  }

  @Test
  void versions_copy_their_source_and_the_default_cannot_be_deleted(Ec2Local local)
      throws Exception {
    String region = "eu-west-3";
    String id = create(local, region, "web");
    Document v2 =
        ok(
            local,
            region,
            "CreateLaunchTemplateVersion&LaunchTemplateId="
                + id
                + "&SourceVersion=1&VersionDescription=bigger"
                + "&LaunchTemplateData.InstanceType=m7g.large");
    assertThat(text(v2, "//launchTemplateVersion/versionNumber")).isEqualTo("2");
    assertThat(text(v2, "//launchTemplateVersion/defaultVersion")).isEqualTo("false");
    String data = "//launchTemplateVersion/launchTemplateData/";
    assertThat(text(v2, data + "instanceType")).isEqualTo("m7g.large");
    assertThat(text(v2, data + "imageId")).isEqualTo("ami-0123456789abcdef0");
    assertThat(text(v2, data + "keyName")).isEqualTo("deploy");
    assertThat(text(v2, data + "userData")).isEqualTo("ZWNobyBoaQ==");
    assertThat(text(v2, data + "securityGroupIdSet/item[2]")).isEqualTo("sg-22222222");
    assertThat(text(v2, data + "metadataOptions/httpTokens")).isEqualTo("required");
    assertThat(text(v2, data + "metadataOptions/httpPutResponseHopLimit")).isEqualTo("2");
    assertThat(text(v2, data + "blockDeviceMappingSet/item/deviceName")).isEqualTo("/dev/xvda");
    assertThat(text(v2, data + "blockDeviceMappingSet/item/ebs/volumeSize")).isEqualTo("30");
    assertThat(text(v2, data + "networkInterfaceSet/item/groupSet/groupId"))
        .isEqualTo("sg-33333333");
    assertThat(text(v2, data + "tagSpecificationSet/item/resourceType")).isEqualTo("instance");
    assertThat(text(v2, data + "tagSpecificationSet/item/tagSet/item/value")).isEqualTo("web");

    // A version without a source has only its own data.
    Document v3 =
        ok(
            local,
            region,
            "CreateLaunchTemplateVersion&LaunchTemplateName=web"
                + "&LaunchTemplateData.ImageId=ami-0fedcba9876543210");
    assertThat(text(v3, data + "imageId")).isEqualTo("ami-0fedcba9876543210");
    assertThat(count(v3, data + "instanceType")).isZero();

    String versions = "DescribeLaunchTemplateVersions&LaunchTemplateId=" + id;
    Document latest =
        ok(
            local,
            region,
            versions + "&LaunchTemplateVersion.1=%24Latest&LaunchTemplateVersion.2=%24Default");
    assertThat(count(latest, "//launchTemplateVersionSet/item")).isEqualTo(2);
    assertThat(text(latest, "//launchTemplateVersionSet/item[1]/versionNumber")).isEqualTo("3");
    assertThat(text(latest, "//launchTemplateVersionSet/item[2]/versionNumber")).isEqualTo("1");
    assertThat(text(latest, "//launchTemplateVersionSet/item[2]/defaultVersion")).isEqualTo("true");

    Document range = ok(local, region, versions + "&MinVersion=2&MaxVersion=3");
    assertThat(count(range, "//launchTemplateVersionSet/item")).isEqualTo(2);
    Document byType =
        ok(local, region, versions + "&Filter.1.Name=instance-type&Filter.1.Value.1=m7g.large");
    assertThat(text(byType, "//launchTemplateVersionSet/item/versionNumber")).isEqualTo("2");

    assertThat(code(local, region, versions + "&LaunchTemplateVersion.1=9"))
        .isEqualTo("InvalidLaunchTemplateId.VersionNotFound");

    Document modified =
        ok(local, region, "ModifyLaunchTemplate&LaunchTemplateId=" + id + "&SetDefaultVersion=2");
    assertThat(text(modified, "//launchTemplate/defaultVersionNumber")).isEqualTo("2");
    assertThat(text(modified, "//launchTemplate/latestVersionNumber")).isEqualTo("3");

    Document deleted =
        ok(
            local,
            region,
            "DeleteLaunchTemplateVersions&LaunchTemplateId="
                + id
                + "&LaunchTemplateVersion.1=1&LaunchTemplateVersion.2=2"
                + "&LaunchTemplateVersion.3=7");
    String good = "//successfullyDeletedLaunchTemplateVersionSet/item";
    String bad = "//unsuccessfullyDeletedLaunchTemplateVersionSet/item";
    assertThat(count(deleted, good)).isEqualTo(1);
    assertThat(text(deleted, good + "/versionNumber")).isEqualTo("1");
    assertThat(count(deleted, bad)).isEqualTo(2);
    assertThat(text(deleted, bad + "[versionNumber='2']/responseError/code"))
        .isEqualTo("unexpectedError");
    assertThat(text(deleted, bad + "[versionNumber='7']/responseError/code"))
        .isEqualTo("launchTemplateVersionDoesNotExist");

    Document all = ok(local, region, "DescribeLaunchTemplateVersions&LaunchTemplateName=web");
    assertThat(count(all, "//launchTemplateVersionSet/item")).isEqualTo(2);

    Document gone = ok(local, region, "DeleteLaunchTemplate&LaunchTemplateId=" + id);
    assertThat(text(gone, "//launchTemplate/launchTemplateId")).isEqualTo(id);
    assertThat(code(local, region, "DescribeLaunchTemplates&LaunchTemplateId.1=" + id))
        .isEqualTo("InvalidLaunchTemplateId.NotFound");
  }

  @Test
  void names_are_unique_found_by_filter_and_paged(Ec2Local local) throws Exception {
    String region = "eu-north-1";
    String id = create(local, region, "api");
    create(local, region, "worker");
    create(local, region, "batch");
    assertThat(
            code(
                local,
                region,
                "CreateLaunchTemplate&LaunchTemplateName=api"
                    + "&LaunchTemplateData.ImageId=ami-0123456789abcdef0"))
        .isEqualTo("InvalidLaunchTemplateName.AlreadyExistsException");
    assertThat(code(local, region, "DescribeLaunchTemplates&LaunchTemplateName.1=nope"))
        .isEqualTo("InvalidLaunchTemplateName.NotFoundException");
    assertThat(code(local, region, "DescribeLaunchTemplates&LaunchTemplateId.1=lt-zz"))
        .isEqualTo("InvalidLaunchTemplateId.Malformed");
    assertThat(
            code(
                local,
                region,
                "CreateLaunchTemplate&LaunchTemplateName=x"
                    + "&LaunchTemplateData.ImageId=ami-0123456789abcdef0"))
        .isEqualTo("InvalidLaunchTemplateName.MalformedException");

    Document byName =
        ok(
            local,
            region,
            "DescribeLaunchTemplates&Filter.1.Name=launch-template-name&Filter.1.Value.1=a*");
    assertThat(text(byName, "//launchTemplates/item/launchTemplateId")).isEqualTo(id);
    Document byTag =
        ok(local, region, "DescribeLaunchTemplates&Filter.1.Name=tag%3ATeam&Filter.1.Value.1=blue");
    assertThat(count(byTag, "//launchTemplates/item")).isEqualTo(3);

    Document first = ok(local, region, "DescribeLaunchTemplates&MaxResults=2");
    assertThat(count(first, "//launchTemplates/item")).isEqualTo(2);
    String token = text(first, "//nextToken");
    Document second = ok(local, region, "DescribeLaunchTemplates&MaxResults=2&NextToken=" + token);
    assertThat(count(second, "//launchTemplates/item")).isEqualTo(1);
    assertThat(count(second, "//nextToken")).isZero();

    // The same client token makes one template, answered again.
    String once =
        "CreateLaunchTemplate&LaunchTemplateName=once&ClientToken=tok-1"
            + "&LaunchTemplateData.ImageId=ami-0123456789abcdef0";
    String a = text(ok(local, region, once), "//launchTemplateId");
    String b = text(ok(local, region, once), "//launchTemplateId");
    assertThat(b).isEqualTo(a);
  }
}
