package dev.rowguard.sample.tags;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How often a tag was clicked today; recomputed from the access log every night. */
@Entity
@Table(name = "tag_usage")
public class TagUsage {

  @Id private Long tagId;

  @Column(nullable = false)
  private long clicks;

  protected TagUsage() {}

  public TagUsage(Long tagId, long clicks) {
    this.tagId = tagId;
    this.clicks = clicks;
  }

  public Long getTagId() {
    return tagId;
  }

  public long getClicks() {
    return clicks;
  }
}
