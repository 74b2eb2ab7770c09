package dev.rowguard.sample.tags;

import java.util.List;

/** The editorial team's curated list of tag names, served by the CMS. */
public interface TagCatalogue {

  /** Every tag name editors may use; empty while the CMS is being redeployed. */
  List<String> approvedNames();
}
