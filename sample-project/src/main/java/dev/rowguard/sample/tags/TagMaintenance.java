package dev.rowguard.sample.tags;

import dev.rowguard.annotations.MassDelete;
import java.util.Map;

/** Nightly jobs over the tag tables. */
public class TagMaintenance {

  private final TagRepository tags;
  private final TagUsageRepository usage;

  public TagMaintenance(TagRepository tags, TagUsageRepository usage) {
    this.tags = tags;
    this.usage = usage;
  }

  /** Replaces yesterday's click counters with today's, recomputed from the access log. */
  @MassDelete(reason = "tag_usage holds only counters recomputed from the access log every night")
  public void rebuildUsage(Map<Long, Long> clicksByTag) {
    usage.deleteAllInBatch();
    clicksByTag.forEach((tagId, clicks) -> usage.save(new TagUsage(tagId, clicks)));
  }

  /** Re-imports the tag list from a CSV export of the old CMS. */
  public void reimport(Iterable<String> names) {
    tags.deleteAllInBatch();
    for (String name : names) {
      tags.save(new Tag(name));
    }
  }
}
