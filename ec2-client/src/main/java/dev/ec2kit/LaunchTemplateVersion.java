package dev.ec2kit;

import java.time.Instant;

/**
 * One version of a launch template, with its data (EC2's LaunchTemplateVersion).
 *
 * <pre>{@code
 * for (LaunchTemplateVersion v : ec2.launchTemplates().describeVersions("web")) {
 *   System.out.println(v);  // LaunchTemplateVersion[web 2 (default) LaunchTemplateData[ami-... t3.small]]
 * }
 * }</pre>
 *
 * @param launchTemplateId its template's id ({@code lt-...})
 * @param launchTemplateName its template's name
 * @param versionNumber its number, from 1
 * @param versionDescription its description, or {@code null}
 * @param createTime when it was created
 * @param createdBy the ARN of who created it
 * @param defaultVersion whether it is its template's default version
 * @param data the launch settings it holds
 */
public record LaunchTemplateVersion(
    String launchTemplateId,
    String launchTemplateName,
    long versionNumber,
    String versionDescription,
    Instant createTime,
    String createdBy,
    boolean defaultVersion,
    LaunchTemplateData data) {

  @Override
  public String toString() {
    return "LaunchTemplateVersion["
        + launchTemplateName
        + " "
        + versionNumber
        + (defaultVersion ? " (default) " : " ")
        + data
        + "]";
  }
}
