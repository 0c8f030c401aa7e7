package dev.ec2kit.cli;

import dev.ec2kit.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Tags on any resource with an id: create, delete, describe. */
final class TagCommands {
  private TagCommands() {}

  static final Table<Tag> TABLE =
      new Table<Tag>("Tags")
          .column("ResourceId", Tag::resourceId)
          .column("ResourceType", Tag::resourceType)
          .column("Key", Tag::key)
          .column("Value", Tag::value);

  /** {@code KEY=VALUE} pairs; a pair without {@code =} is a usage error naming the option. */
  static Map<String, String> pairs(String option, List<String> given, boolean valueRequired) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : given) {
      int eq = pair.indexOf('=');
      if (eq < 0 && valueRequired) {
        throw new IllegalArgumentException(
            option + " '" + pair + "' is not KEY=VALUE, such as " + option + " Team=blue");
      }
      if (eq == 0) {
        throw new IllegalArgumentException(option + " '" + pair + "' has no key");
      }
      out.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? null : pair.substring(eq + 1));
    }
    return out;
  }

  @Command(
      name = "create-tags",
      mixinStandardHelpOptions = true,
      description = "Tag resources: ec2 create-tags i-1 vol-2 --tag Team=blue --tag Env=dev")
  static final class Create extends ApiCommand {
    @Parameters(paramLabel = "RESOURCE-ID", arity = "1..*")
    List<String> ids = new ArrayList<>();

    @Option(
        names = "--tag",
        paramLabel = "KEY=VALUE",
        required = true,
        description = "A tag (repeatable).")
    List<String> tags = new ArrayList<>();

    @Override
    public Integer call() {
      ec2().tags().create(ids, pairs("--tag", tags, true));
      return 0;
    }
  }

  @Command(
      name = "delete-tags",
      mixinStandardHelpOptions = true,
      description = "Remove tags by key: ec2 delete-tags i-1 --tag Env")
  static final class Delete extends ApiCommand {
    @Parameters(paramLabel = "RESOURCE-ID", arity = "1..*")
    List<String> ids = new ArrayList<>();

    @Option(
        names = "--tag",
        paramLabel = "KEY",
        required = true,
        description = "A key to remove (repeatable).")
    List<String> keys = new ArrayList<>();

    @Override
    public Integer call() {
      ec2().tags().delete(ids, pairs("--tag", keys, false).keySet());
      return 0;
    }
  }

  @Command(
      name = "describe-tags",
      mixinStandardHelpOptions = true,
      description = "List tags: ec2 describe-tags --filter resource-id=i-1 --filter key=Team")
  static final class Describe extends ApiCommand {
    @Option(
        names = "--filter",
        paramLabel = "NAME=V1,V2",
        description =
            "An EC2 filter (repeatable): key=Team, or Name=key,Values=Team as the AWS CLI writes it.")
    List<String> filters = new ArrayList<>();

    @Override
    public Integer call() {
      TABLE.print(output(), out(), format(), ec2().tags().describe(filters(filters)));
      return 0;
    }
  }
}
