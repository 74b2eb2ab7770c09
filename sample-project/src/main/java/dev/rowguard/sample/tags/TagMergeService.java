package dev.rowguard.sample.tags;

/** Editor tools for cleaning up tags. */
public class TagMergeService {

  private final ArticleRepository articles;
  private final TagRepository tags;

  public TagMergeService(ArticleRepository articles, TagRepository tags) {
    this.articles = articles;
    this.tags = tags;
  }

  /**
   * Merges a duplicate article into the canonical one: the canonical article gets the duplicate's
   * tags, and the duplicate is taken off those tags and deleted.
   */
  public void mergeDuplicate(Article duplicate, Article canonical) {
    canonical.getTags().addAll(duplicate.getTags());
    // Meant to take the tags off the duplicate; deletes them for every article instead.
    tags.deleteAll(duplicate.getTags());
    articles.delete(duplicate);
  }

  /** Takes one tag off an article; the tag stays on every other article. */
  public void untag(Article article, Tag tag) {
    article.getTags().remove(tag);
  }

  /** Renames a tag by merging it into an existing one with the new name. */
  public void mergeTag(Tag from, Tag into) {
    for (Article article : from.getArticles()) {
      article.getTags().remove(from);
      article.getTags().add(into);
    }
    tags.delete(from);
  }
}
