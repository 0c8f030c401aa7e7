package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * RunInstances with a LaunchTemplate over the wire: the version's data are defaults under the
 * call's own parameters, and the instances are tagged with the template and version.
 */
@Emulated
class LaunchFromTemplateTest {
  private static final String V = "&Version=2016-11-15";

  private static HttpResponse<String> call(Ec2Local local, String params) throws Exception {
    return Raw.signed(local, Instant.now(), "Action=" + params + V);
  }

  private static Document ok(Ec2Local local, String params) throws Exception {
    return LaunchTemplatesTest.ok(call(local, params));
  }

  private static String code(Ec2Local local, String params) throws Exception {
    return Strict.code(call(local, params).body());
  }

  private static String text(Document d, String path) throws Exception {
    return LaunchTemplatesTest.text(d, path);
  }

  private static String tag(Document d, String key) throws Exception {
    return text(d, "//instancesSet/item/tagSet/item[key='" + key + "']/value");
  }

  /** Launches one instance with {@code params} and answers DescribeInstances' view of it. */
  private static Document launch(Ec2Local local, String params) throws Exception {
    Document run = ok(local, "RunInstances&MinCount=1&MaxCount=1" + params);
    String id = text(run, "//instancesSet/item/instanceId");
    return ok(local, "DescribeInstances&InstanceId.1=" + id);
  }

  @Test
  void run_instances_takes_a_launch_templates_version_under_its_own_parameters(Ec2Local local)
      throws Exception {
    var ec2 = dev.ec2kit.Ec2.builder().identity(local.identity("us-east-1")).build();
    String ami =
        ec2.images()
            .describe(dev.ec2kit.ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
            .get(0)
            .imageId();
    String sg = ec2.securityGroups().describe("default").get(0).groupId();
    String other =
        text(ok(local, "CreateSecurityGroup&GroupName=api&GroupDescription=api"), "//groupId");
    Document created =
        ok(
            local,
            "CreateLaunchTemplate&LaunchTemplateName=web"
                + "&LaunchTemplateData.ImageId="
                + ami
                + "&LaunchTemplateData.InstanceType=t3.micro"
                + "&LaunchTemplateData.SecurityGroupId.1="
                + sg
                + "&LaunchTemplateData.TagSpecification.1.ResourceType=instance"
                + "&LaunchTemplateData.TagSpecification.1.Tag.1.Key=Role"
                + "&LaunchTemplateData.TagSpecification.1.Tag.1.Value=web"
                + "&LaunchTemplateData.TagSpecification.1.Tag.2.Key=Tier"
                + "&LaunchTemplateData.TagSpecification.1.Tag.2.Value=front");
    String lt = text(created, "//launchTemplateId");
    ok(
        local,
        "CreateLaunchTemplateVersion&LaunchTemplateId="
            + lt
            + "&SourceVersion=1&LaunchTemplateData.InstanceType=t3.small");
    ok(
        local,
        "CreateLaunchTemplateVersion&LaunchTemplateName=web"
            + "&SourceVersion=1&LaunchTemplateData.InstanceType=t3.medium");
    ok(local, "ModifyLaunchTemplate&LaunchTemplateId=" + lt + "&SetDefaultVersion=2");

    // By id, no version: $Default (2); ImageId from the template alone.
    Document d = launch(local, "&LaunchTemplate.LaunchTemplateId=" + lt);
    assertThat(text(d, "//instancesSet/item/imageId")).isEqualTo(ami);
    assertThat(text(d, "//instancesSet/item/instanceType")).isEqualTo("t3.small");
    assertThat(tag(d, "aws:ec2launchtemplate:id")).isEqualTo(lt);
    assertThat(tag(d, "aws:ec2launchtemplate:version")).isEqualTo("2");
    assertThat(tag(d, "Role")).isEqualTo("web");
    assertThat(text(d, "//instancesSet/item/groupSet/item/groupId")).isEqualTo(sg);

    // By name: $Latest, $Default and a number.
    d = launch(local, "&LaunchTemplate.LaunchTemplateName=web&LaunchTemplate.Version=$Latest");
    assertThat(text(d, "//instancesSet/item/instanceType")).isEqualTo("t3.medium");
    assertThat(tag(d, "aws:ec2launchtemplate:version")).isEqualTo("3");
    d = launch(local, "&LaunchTemplate.LaunchTemplateName=web&LaunchTemplate.Version=$Default");
    assertThat(text(d, "//instancesSet/item/instanceType")).isEqualTo("t3.small");
    d = launch(local, "&LaunchTemplate.LaunchTemplateName=web&LaunchTemplate.Version=1");
    assertThat(text(d, "//instancesSet/item/instanceType")).isEqualTo("t3.micro");
    assertThat(tag(d, "aws:ec2launchtemplate:id")).isEqualTo(lt);
    assertThat(tag(d, "aws:ec2launchtemplate:version")).isEqualTo("1");

    // The call's own settings win, whole: its instance type, its security groups, its tags.
    d =
        launch(
            local,
            "&LaunchTemplate.LaunchTemplateId="
                + lt
                + "&InstanceType=t3.large&SecurityGroupId.1="
                + other
                + "&TagSpecification.1.ResourceType=instance"
                + "&TagSpecification.1.Tag.1.Key=Role"
                + "&TagSpecification.1.Tag.1.Value=api"
                + "&TagSpecification.1.Tag.2.Key=Env"
                + "&TagSpecification.1.Tag.2.Value=dev");
    assertThat(text(d, "//instancesSet/item/instanceType")).isEqualTo("t3.large");
    assertThat(LaunchTemplatesTest.count(d, "//instancesSet/item/groupSet/item")).isEqualTo(1);
    assertThat(text(d, "//instancesSet/item/groupSet/item/groupId")).isEqualTo(other);
    assertThat(tag(d, "Role")).isEqualTo("api");
    assertThat(tag(d, "Env")).isEqualTo("dev");
    assertThat(tag(d, "Tier")).isEqualTo("front");
    assertThat(tag(d, "aws:ec2launchtemplate:version")).isEqualTo("2");
  }

  @Test
  void an_unknown_template_or_version_is_refused_as_ec2_refuses_it(Ec2Local local)
      throws Exception {
    String lt =
        text(
            ok(
                local,
                "CreateLaunchTemplate&LaunchTemplateName=bare"
                    + "&LaunchTemplateData.InstanceType=t3.micro"),
            "//launchTemplateId");
    String run = "RunInstances&MinCount=1&MaxCount=1";
    assertThat(code(local, run + "&LaunchTemplate.LaunchTemplateId=lt-0123456789abcdef0"))
        .isEqualTo("InvalidLaunchTemplateId.NotFound");
    assertThat(code(local, run + "&LaunchTemplate.LaunchTemplateName=nope"))
        .isEqualTo("InvalidLaunchTemplateName.NotFoundException");
    assertThat(
            code(
                local,
                run + "&LaunchTemplate.LaunchTemplateId=" + lt + "&LaunchTemplate.Version=9"))
        .isEqualTo("InvalidLaunchTemplateId.VersionNotFound");
    assertThat(
            code(
                local,
                run
                    + "&LaunchTemplate.LaunchTemplateId="
                    + lt
                    + "&LaunchTemplate.LaunchTemplateName=bare"))
        .isEqualTo("InvalidParameterCombination");
    // No image in the template nor in the call.
    assertThat(code(local, run + "&LaunchTemplate.LaunchTemplateId=" + lt))
        .isEqualTo("MissingParameter");
    assertThat(code(local, run + "&LaunchTemplate.Color=red")).isEqualTo("UnknownParameter");
  }
}
