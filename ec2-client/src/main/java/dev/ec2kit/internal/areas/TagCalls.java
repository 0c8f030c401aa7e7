package dev.ec2kit.internal.areas;

import dev.ec2kit.Identity;
import dev.ec2kit.Tag;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** CreateTags, DeleteTags, DescribeTags. */
public final class TagCalls {
  private final QueryClient query;

  public TagCalls(QueryClient query) {
    this.query = query;
  }

  /** Setting tags again sets them to the same values: safe to repeat. */
  public void create(Identity identity, Collection<String> resourceIds, Map<String, String> tags) {
    Params p = new Params().list("ResourceId", List.copyOf(resourceIds));
    int i = 1;
    for (Map.Entry<String, String> t : tags.entrySet()) {
      p.put("Tag." + i + ".Key", t.getKey()).put("Tag." + i + ".Value", t.getValue());
      i++;
    }
    query.call(identity, "CreateTags", p, Repeat.SAFE);
  }

  /** Deleting tags that are gone deletes nothing: safe to repeat. */
  public void delete(Identity identity, Collection<String> resourceIds, Collection<String> keys) {
    Params p = new Params().list("ResourceId", List.copyOf(resourceIds));
    int i = 1;
    for (String k : keys) {
      p.put("Tag." + i++ + ".Key", k);
    }
    query.call(identity, "DeleteTags", p, Repeat.SAFE);
  }

  public List<Tag> describe(Identity identity, Map<String, List<String>> filters) {
    return Pages.all(
        query,
        identity,
        "DescribeTags",
        new Params().filters(filters),
        1000,
        doc ->
            doc.items("tagSet").stream()
                .map(
                    t ->
                        new Tag(
                            t.required("resourceId"),
                            t.text("resourceType"),
                            t.required("key"),
                            t.text("value", "")))
                .toList());
  }
}
