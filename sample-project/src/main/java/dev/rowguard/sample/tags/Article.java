package dev.rowguard.sample.tags;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.util.HashSet;
import java.util.Set;

/** A published article and the tags editors gave it. */
@Entity
@Table(name = "article")
public class Article {

  @Id @GeneratedValue private Long id;

  @Column(nullable = false)
  private String title;

  // ALL so that new tags are saved with the article; it also cascades REMOVE to shared tags.
  @ManyToMany(cascade = CascadeType.ALL)
  @JoinTable(
      name = "article_tag",
      joinColumns = @JoinColumn(name = "article_id"),
      inverseJoinColumns = @JoinColumn(name = "tag_id"))
  private Set<Tag> tags = new HashSet<>();

  protected Article() {}

  public Article(String title) {
    this.title = title;
  }

  public Long getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  public Set<Tag> getTags() {
    return tags;
  }
}
