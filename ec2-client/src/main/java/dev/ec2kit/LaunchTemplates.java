package dev.ec2kit;

import dev.ec2kit.internal.areas.LaunchTemplateCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The launch templates: named, versioned launch settings (EC2's CreateLaunchTemplate,
 * CreateLaunchTemplateVersion, DescribeLaunchTemplates, DescribeLaunchTemplateVersions,
 * ModifyLaunchTemplate, DeleteLaunchTemplate, DeleteLaunchTemplateVersions), reached with {@link
 * Ec2#launchTemplates()}. A template is named by its id ({@code lt-} and 17 hex digits) or by its
 * name; a version by its number, {@code $Latest} or {@code $Default}.
 *
 * <pre>{@code
 * LaunchTemplate t = ec2.launchTemplates().create("web",
 *     LaunchTemplateData.builder().imageId(ami).instanceType("t3.micro").build());
 * ec2.launchTemplates().createVersion("web", "1",
 *     LaunchTemplateData.builder().instanceType("t3.small").build());
 * ec2.launchTemplates().setDefaultVersion("web", "$Latest");
 * ec2.instances().run(1, 1, RunOptions.builder().launchTemplate("web", "$Default").build());
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region.
 */
public final class LaunchTemplates {
  /**
   * What {@link #deleteVersions} did with one version: deleted, or refused with EC2's error (the
   * default version cannot be deleted; a version that does not exist is not found).
   *
   * @param versionNumber the version
   * @param errorCode EC2's code when it was not deleted, such as {@code
   *     launchTemplateVersionDoesNotExist}, or {@code null} when it was
   * @param errorMessage EC2's message when it was not deleted, or {@code null}
   */
  public record VersionDeletion(long versionNumber, String errorCode, String errorMessage) {
    /**
     * Whether EC2 deleted the version.
     *
     * @return true when it was deleted
     */
    public boolean deleted() {
      return errorCode == null;
    }
  }

  private final Identity identity;
  private final LaunchTemplateCalls calls;

  LaunchTemplates(Identity identity, LaunchTemplateCalls calls) {
    this.identity = identity;
    this.calls = calls;
  }

  /**
   * Creates a template whose version 1 holds {@code data}. The call carries one client token on
   * every retry, so a retried call never creates two.
   *
   * @param name the template's name: 3 to 128 letters, digits and {@code ( ) . - / _}
   * @param data the launch settings; at least one
   * @return the template, with version 1 its default and latest
   * @throws IllegalArgumentException when the name is malformed or the data is empty, before
   *     anything is sent
   * @throws NullPointerException when {@code data} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidLaunchTemplateName.AlreadyExistsException})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public LaunchTemplate create(String name, LaunchTemplateData data) {
    return create(name, data, Map.of());
  }

  /**
   * As {@link #create(String, LaunchTemplateData)}, with tags on the template itself (not on what
   * it launches: those are {@link LaunchTemplateData.Builder#tags}).
   *
   * @param name the template's name: 3 to 128 letters, digits and {@code ( ) . - / _}
   * @param data the launch settings; at least one
   * @param tags the template's tags, key to value
   * @return the template, with version 1 its default and latest
   * @throws IllegalArgumentException when the name is malformed, the data is empty or a tag is
   *     malformed, before anything is sent
   * @throws NullPointerException when {@code data} or {@code tags} is or holds null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidLaunchTemplateName.AlreadyExistsException})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public LaunchTemplate create(String name, LaunchTemplateData data, Map<String, String> tags) {
    Map<String, String> own =
        tags.isEmpty()
            ? Map.of()
            : new LaunchTemplateData.TagSpecification("launch-template", tags).tags();
    if (name == null || !name.matches(NAME)) {
      throw new IllegalArgumentException(
          "name '" + name + "' must be 3 to 128 letters, digits and ( ) . - / _");
    }
    if (Objects.requireNonNull(data, "data").isEmpty()) {
      throw new IllegalArgumentException(
          "data is empty: a launch template holds at least one setting, such as an image id");
    }
    return calls.create(identity, name, data, own);
  }

  /**
   * Adds a version holding {@code data}; it becomes the latest, not the default.
   *
   * @param template the template's id ({@code lt-...}) or name
   * @param data the launch settings; at least one
   * @return the new version
   * @throws IllegalArgumentException when the template is neither an id nor a name, or the data is
   *     empty, before anything is sent
   * @throws NullPointerException when {@code data} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidLaunchTemplateName.NotFoundException})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public LaunchTemplateVersion createVersion(String template, LaunchTemplateData data) {
    if (Objects.requireNonNull(data, "data").isEmpty()) {
      throw new IllegalArgumentException(
          "data is empty: give a setting, or a source version to copy");
    }
    return createVersion(template, null, data);
  }

  /**
   * Adds a version that copies {@code sourceVersion} with {@code data} over it (EC2's
   * SourceVersion); it becomes the latest, not the default.
   *
   * @param template the template's id ({@code lt-...}) or name
   * @param sourceVersion the version to start from: a number, {@code $Latest} or {@code $Default};
   *     or {@code null} for none
   * @param data the settings that change; may be empty with a source version
   * @return the new version
   * @throws IllegalArgumentException when the template or version is malformed, before anything is
   *     sent
   * @throws NullPointerException when {@code data} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidLaunchTemplateVersion.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public LaunchTemplateVersion createVersion(
      String template, String sourceVersion, LaunchTemplateData data) {
    Objects.requireNonNull(data, "data");
    if (sourceVersion != null) {
      checkVersion("sourceVersion", sourceVersion);
    }
    return calls.createVersion(identity, id(template), name(template), sourceVersion, data);
  }

  /**
   * The templates named, or all, across every page.
   *
   * @param templates the templates' ids ({@code lt-...}) or names; none for all
   * @return the templates
   * @throws IllegalArgumentException when one is neither an id nor a name, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidLaunchTemplateId.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<LaunchTemplate> describe(String... templates) {
    List<String> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String t : templates) {
      if (id(t) != null) {
        ids.add(t);
      } else {
        names.add(t);
      }
    }
    return calls.describe(identity, ids, names);
  }

  /**
   * A template's versions: those named, or all, newest first, with their data.
   *
   * <pre>{@code
   * LaunchTemplateVersion current = ec2.launchTemplates().describeVersions("web", "$Default").get(0);
   * }</pre>
   *
   * @param template the template's id ({@code lt-...}) or name
   * @param versions numbers, {@code $Latest} or {@code $Default}; none for every version
   * @return the versions
   * @throws IllegalArgumentException when the template or a version is malformed, before anything
   *     is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidLaunchTemplateVersion.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<LaunchTemplateVersion> describeVersions(String template, String... versions) {
    for (String v : versions) {
      checkVersion("versions", v);
    }
    return calls.describeVersions(identity, id(template), name(template), List.of(versions));
  }

  /**
   * Makes {@code version} the one launches use when they name none (EC2's ModifyLaunchTemplate with
   * SetDefaultVersion).
   *
   * @param template the template's id ({@code lt-...}) or name
   * @param version a number or {@code $Latest}
   * @return the template, with its new default
   * @throws IllegalArgumentException when the template or version is malformed, before anything is
   *     sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidLaunchTemplateVersion.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public LaunchTemplate setDefaultVersion(String template, String version) {
    checkVersion("version", version);
    return calls.setDefaultVersion(identity, id(template), name(template), version);
  }

  /**
   * Deletes a template and every version of it.
   *
   * @param template the template's id ({@code lt-...}) or name
   * @return the template as it was
   * @throws IllegalArgumentException when the template is neither an id nor a name, before anything
   *     is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidLaunchTemplateId.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have deleted it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public LaunchTemplate delete(String template) {
    return calls.delete(identity, id(template), name(template));
  }

  /**
   * Deletes versions of a template; EC2 deletes those it can and says why it did not delete the
   * others (the default version stays until the template goes), so check {@link
   * VersionDeletion#deleted()}.
   *
   * @param template the template's id ({@code lt-...}) or name
   * @param versions the versions' numbers; 1 to 200
   * @return what happened to each version
   * @throws IllegalArgumentException when the template or a version is malformed, or there are no
   *     versions or more than 200, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidLaunchTemplateId.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have deleted them; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<VersionDeletion> deleteVersions(String template, String... versions) {
    if (versions.length == 0 || versions.length > 200) {
      throw new IllegalArgumentException(
          "versions: name 1 to 200 versions to delete, got " + versions.length);
    }
    for (String v : versions) {
      if (v == null || !v.matches("[1-9][0-9]{0,17}")) {
        throw new IllegalArgumentException(
            "versions: '" + v + "' is not a version number; EC2 deletes versions by number");
      }
    }
    return calls.deleteVersions(identity, id(template), name(template), List.of(versions)).stream()
        .map(d -> new VersionDeletion(d.versionNumber(), d.code(), d.message()))
        .toList();
  }

  @Override
  public String toString() {
    return "LaunchTemplates[" + identity + "]";
  }

  private static final String NAME = "[A-Za-z0-9().\\-/_]{3,128}";

  /** The template's id when it is one, else null; misuse when it is neither id nor name. */
  private static String id(String template) {
    return checkTemplate("template", template).matches("lt-[0-9a-f]{17}") ? template : null;
  }

  /** A template as EC2 names one: its id ({@code lt-} and 17 hex digits) or its name. */
  static String checkTemplate(String parameter, String template) {
    if (template == null || !(template.matches("lt-[0-9a-f]{17}") || template.matches(NAME))) {
      throw new IllegalArgumentException(
          parameter
              + " '"
              + template
              + "' is neither a launch template id (lt- and 17 hex digits) nor a name (3 to 128"
              + " letters, digits and ( ) . - / _)");
    }
    return template;
  }

  private static String name(String template) {
    return id(template) == null ? template : null;
  }

  /** A version as EC2 takes it: a number from 1, {@code $Latest} or {@code $Default}. */
  static String checkVersion(String parameter, String version) {
    if (version == null
        || !(version.equals("$Latest")
            || version.equals("$Default")
            || version.matches("[1-9][0-9]{0,17}"))) {
      throw new IllegalArgumentException(
          parameter
              + ": '"
              + version
              + "' is not a version: give its number (1, 2, ...), $Latest or $Default");
    }
    return version;
  }
}
