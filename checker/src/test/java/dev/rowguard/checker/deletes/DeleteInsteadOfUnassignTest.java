package dev.rowguard.checker.deletes;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

final class DeleteInsteadOfUnassignTest {

  private static final String[] ARTICLE = {
    "package app;",
    "import jakarta.persistence.CascadeType;",
    "import jakarta.persistence.Entity;",
    "import jakarta.persistence.Id;",
    "import jakarta.persistence.ManyToMany;",
    "import jakarta.persistence.OneToMany;",
    "import java.util.HashSet;",
    "import java.util.List;",
    "import java.util.Set;",
    "@Entity",
    "public class Article {",
    "  @Id Long id;",
    "  @ManyToMany Set<Tag> tags = new HashSet<>();",
    "  @OneToMany(mappedBy = \"article\", cascade = CascadeType.ALL, orphanRemoval = true)",
    "  List<Comment> comments;",
    "  @OneToMany(mappedBy = \"article\")",
    "  List<Revision> revisions;",
    "  Set<Tag> drafts = new HashSet<>();",
    "  public Set<Tag> getTags() { return tags; }",
    "  public List<Comment> getComments() { return comments; }",
    "  public List<Revision> getRevisions() { return revisions; }",
    "  public Set<Tag> getDrafts() { return drafts; }",
    "}"
  };

  private static final String[] TAG = {
    "package app;",
    "import jakarta.persistence.Entity;",
    "import jakarta.persistence.Id;",
    "import jakarta.persistence.ManyToMany;",
    "import java.util.Set;",
    "@Entity",
    "public class Tag {",
    "  @Id Long id;",
    "  @ManyToMany(mappedBy = \"tags\") Set<Article> articles;",
    "  public Set<Article> getArticles() { return articles; }",
    "}"
  };

  private static final String[] COMMENT = {
    "package app;",
    "import jakarta.persistence.Entity;",
    "import jakarta.persistence.Id;",
    "import jakarta.persistence.ManyToOne;",
    "@Entity",
    "public class Comment {",
    "  @Id Long id;",
    "  @ManyToOne Article article;",
    "}"
  };

  private static final String[] REVISION = {
    "package app;",
    "import jakarta.persistence.Entity;",
    "import jakarta.persistence.Id;",
    "import jakarta.persistence.JoinColumn;",
    "import jakarta.persistence.ManyToOne;",
    "@Entity",
    "public class Revision {",
    "  @Id Long id;",
    "  @ManyToOne @JoinColumn(name = \"article_id\", nullable = false) Article article;",
    "}"
  };

  private static final String[] REPOSITORIES = {
    "package app;",
    "import org.springframework.data.jpa.repository.JpaRepository;",
    "public interface Repositories {",
    "  interface TagRepository extends JpaRepository<Tag, Long> {}",
    "  interface CommentRepository extends JpaRepository<Comment, Long> {}",
    "  interface RevisionRepository extends JpaRepository<Revision, Long> {}",
    "  interface ArticleRepository extends JpaRepository<Article, Long> {}",
    "}"
  };

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(DeleteInsteadOfUnassign.class, getClass())
          .addSourceLines("Article.java", ARTICLE)
          .addSourceLines("Tag.java", TAG)
          .addSourceLines("Comment.java", COMMENT)
          .addSourceLines("Revision.java", REVISION)
          .addSourceLines("Repositories.java", REPOSITORIES);

  @Test
  void unassigningAndOwnedChildrenAreNotFlagged() {
    helper
        .addSourceLines(
            "ArticleService.java",
            "package app;",
            "import app.Repositories.ArticleRepository;",
            "import app.Repositories.CommentRepository;",
            "import app.Repositories.RevisionRepository;",
            "import app.Repositories.TagRepository;",
            "import jakarta.persistence.EntityManager;",
            "import java.util.List;",
            "class ArticleService {",
            "  TagRepository tags;",
            "  CommentRepository comments;",
            "  RevisionRepository revisions;",
            "  EntityManager em;",
            "  void untag(Article article) {",
            "    article.getTags().clear();",
            "    article.getTags().removeIf(t -> t.id == 3L);",
            "  }",
            "  void dropChildren(Article article) {",
            "    comments.deleteAll(article.getComments());",
            "    article.getComments().forEach(comments::delete);",
            "    for (Revision r : article.getRevisions()) {",
            "      em.remove(r);",
            "    }",
            "    revisions.deleteAllInBatch(article.getRevisions());",
            "  }",
            "  void dropUnmapped(Article article) {",
            "    tags.deleteAll(article.getDrafts());",
            "  }",
            "  void dropTagsById(List<Long> ids) {",
            "    tags.deleteAllById(ids);",
            "    tags.deleteAll(tags.findAllById(ids));",
            "  }",
            "  void logTags(Article article) {",
            "    for (Tag t : article.getTags()) {",
            "      System.out.println(t.id);",
            "    }",
            "    article.getTags().forEach(System.out::println);",
            "    article.getTags().stream().filter(t -> t.id > 1L).forEach(System.out::println);",
            "  }",
            "  void streamsOfOwnedChildrenOrOtherValues(Article article) {",
            "    article.getComments().stream().filter(c -> c.id > 1L).forEach(comments::delete);",
            "    comments.deleteAll(article.getComments().stream().filter(c -> c.id > 1L).toList());",
            "    tags.deleteAll(article.getDrafts().stream().filter(t -> t.id > 1L).toList());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identification() {
    helper
        .addSourceLines(
            "TagMergeService.java",
            "package app;",
            "import app.Repositories.ArticleRepository;",
            "import app.Repositories.CommentRepository;",
            "import app.Repositories.RevisionRepository;",
            "import app.Repositories.TagRepository;",
            "import jakarta.persistence.EntityManager;",
            "import java.util.ArrayList;",
            "import java.util.Set;",
            "import org.hibernate.Session;",
            "class TagMergeService {",
            "  TagRepository tags;",
            "  ArticleRepository articles;",
            "  EntityManager em;",
            "  Session session;",
            "  void merge(Article source) {",
            "    // BUG: Diagnostic contains: deletes the entities in Article.tags, a @ManyToMany",
            "    tags.deleteAll(source.getTags());",
            "    // BUG: Diagnostic contains: Article.tags",
            "    tags.deleteAllInBatch(source.tags);",
            "    // BUG: Diagnostic contains: Article.tags",
            "    tags.deleteAll(new ArrayList<>(source.getTags()));",
            "    // BUG: Diagnostic contains: Article.tags",
            "    source.getTags().forEach(tags::delete);",
            "    // BUG: Diagnostic contains: Article.tags",
            "    source.getTags().forEach(em::remove);",
            "    // BUG: Diagnostic contains: Article.tags",
            "    source.getTags().stream().forEach(t -> session.remove(t));",
            "  }",
            "  void mergeLoop(Article source) {",
            "    Set<Tag> assigned = source.getTags();",
            "    // BUG: Diagnostic contains: Article.tags",
            "    for (Tag t : assigned) {",
            "      em.remove(t);",
            "    }",
            "    // BUG: Diagnostic contains: Article.tags",
            "    for (Tag t : source.getTags()) tags.delete(t);",
            "  }",
            "  void inverse(Tag tag) {",
            "    // BUG: Diagnostic contains: Tag.articles",
            "    articles.deleteAll(tag.getArticles());",
            "  }",
            "  void throughAStream(Article source) {",
            "    // BUG: Diagnostic contains: (for example source.getTags().removeIf(t -> t.id > 10L))",
            "    source.getTags().stream().filter(t -> t.id > 10L).forEach(tags::delete);",
            "    // BUG: Diagnostic contains: Article.tags",
            "    tags.deleteAll(source.getTags().stream().filter(t -> t.id > 10L).toList());",
            "    // BUG: Diagnostic contains: (for example source.tags.removeIf(...))",
            "    source.tags.stream().sorted((a, b) -> 0).filter(t -> t.id > 1L).filter(t -> t.id < 9L).forEach(em::remove);",
            "    // BUG: Diagnostic contains: Article.tags",
            "    tags.deleteAllInBatch(source.getTags().stream().collect(java.util.stream.Collectors.toSet()));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void massDeleteWithItsReasonIsAccepted() {
    helper
        .addSourceLines(
            "TagPurge.java",
            "package app;",
            "import app.Repositories.TagRepository;",
            "import dev.rowguard.annotations.MassDelete;",
            "class TagPurge {",
            "  TagRepository tags;",
            "  @MassDelete(reason = \"retired articles take their tags with them, shared or not\")",
            "  void purge(Article retired) {",
            "    tags.deleteAll(retired.getTags());",
            "    for (Tag t : retired.getTags()) {",
            "      tags.delete(t);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void replacement() {
    BugCheckerRefactoringTestHelper.newInstance(DeleteInsteadOfUnassign.class, getClass())
        .addInputLines("Article.java", ARTICLE)
        .expectUnchanged()
        .addInputLines("Tag.java", TAG)
        .expectUnchanged()
        .addInputLines("Comment.java", COMMENT)
        .expectUnchanged()
        .addInputLines("Revision.java", REVISION)
        .expectUnchanged()
        .addInputLines("Repositories.java", REPOSITORIES)
        .expectUnchanged()
        .addInputLines(
            "TagMergeService.java",
            "package app;",
            "import app.Repositories.ArticleRepository;",
            "import app.Repositories.CommentRepository;",
            "import app.Repositories.RevisionRepository;",
            "import app.Repositories.TagRepository;",
            "import jakarta.persistence.EntityManager;",
            "class TagMergeService {",
            "  TagRepository tags;",
            "  EntityManager em;",
            "  void merge(Article source, Article target) {",
            "    target.getTags().addAll(source.getTags());",
            "    tags.deleteAll(source.getTags());",
            "  }",
            "  void mergeLoop(Article source) {",
            "    for (Tag t : source.getTags()) {",
            "      em.remove(t);",
            "    }",
            "    source.tags.forEach(tags::delete);",
            "  }",
            "  void dropSome(Article source) {",
            "    source.getTags().stream().filter(t -> t.id > 10L).forEach(tags::delete);",
            "    tags.deleteAll(source.getTags().stream().filter(t -> t.id < 3L).toList());",
            "  }",
            "}")
        .addOutputLines(
            "TagMergeService.java",
            "package app;",
            "import app.Repositories.ArticleRepository;",
            "import app.Repositories.CommentRepository;",
            "import app.Repositories.RevisionRepository;",
            "import app.Repositories.TagRepository;",
            "import jakarta.persistence.EntityManager;",
            "class TagMergeService {",
            "  TagRepository tags;",
            "  EntityManager em;",
            "  void merge(Article source, Article target) {",
            "    target.getTags().addAll(source.getTags());",
            "    source.getTags().clear();",
            "  }",
            "  void mergeLoop(Article source) {",
            "    source.getTags().clear();",
            "    source.tags.clear();",
            "  }",
            "  void dropSome(Article source) {",
            "    source.getTags().removeIf(t -> t.id > 10L);",
            "    source.getTags().removeIf(t -> t.id < 3L);",
            "  }",
            "}")
        .doTest();
  }
}
