package dev.ec2kit;

import java.time.Instant;
import java.util.Map;

/**
 * A launch template: a named, versioned set of launch settings ({@link LaunchTemplateData}) that
 * {@link RunOptions.Builder#launchTemplate} launches from; as {@link LaunchTemplates} lists it.
 *
 * <pre>{@code
 * LaunchTemplate t = ec2.launchTemplates().create("web", data);
 * System.out.println(t);   // LaunchTemplate[lt-0123456789abcdef0 web default 1, latest 1]
 * }</pre>
 *
 * @param launchTemplateId its id ({@code lt-...})
 * @param launchTemplateName its name
 * @param createTime when it was created
 * @param createdBy the ARN of who created it
 * @param defaultVersionNumber the version launches use when they name none ({@code $Default})
 * @param latestVersionNumber the newest version ({@code $Latest})
 * @param tags its own tags (not those it puts on instances)
 */
public record LaunchTemplate(
    String launchTemplateId,
    String launchTemplateName,
    Instant createTime,
    String createdBy,
    long defaultVersionNumber,
    long latestVersionNumber,
    Map<String, String> tags) {

  /**
   * Copies the tags.
   *
   * @param launchTemplateId its id
   * @param launchTemplateName its name
   * @param createTime when it was created
   * @param createdBy who created it
   * @param defaultVersionNumber the default version
   * @param latestVersionNumber the latest version
   * @param tags its tags
   * @throws NullPointerException when {@code tags} is or holds null
   */
  public LaunchTemplate {
    tags = Map.copyOf(tags);
  }

  @Override
  public String toString() {
    return "LaunchTemplate["
        + launchTemplateId
        + " "
        + launchTemplateName
        + " default "
        + defaultVersionNumber
        + ", latest "
        + latestVersionNumber
        + "]";
  }
}
