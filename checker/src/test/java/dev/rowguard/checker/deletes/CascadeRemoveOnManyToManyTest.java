package dev.rowguard.checker.deletes;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

final class CascadeRemoveOnManyToManyTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CascadeRemoveOnManyToMany.class, getClass());

  @Test
  void safeMappingsAreNotFlagged() {
    helper
        .addSourceLines(
            "Article.java",
            "package app;",
            "import jakarta.persistence.CascadeType;",
            "import jakarta.persistence.Entity;",
            "import jakarta.persistence.Id;",
            "import jakarta.persistence.ManyToMany;",
            "import jakarta.persistence.ManyToOne;",
            "import jakarta.persistence.OneToMany;",
            "import java.util.HashSet;",
            "import java.util.List;",
            "import java.util.Set;",
            "@Entity",
            "public class Article {",
            "  @Id Long id;",
            "  @ManyToMany(cascade = {CascadeType.PERSIST, CascadeType.MERGE})",
            "  Set<Tag> tags = new HashSet<>();",
            "  @ManyToMany",
            "  Set<Tag> featured = new HashSet<>();",
            "  @ManyToMany(mappedBy = \"watched\")",
            "  Set<Tag> watchers = new HashSet<>();",
            "  @OneToMany(mappedBy = \"article\", cascade = CascadeType.ALL, orphanRemoval = true)",
            "  List<Comment> comments;",
            "  @ManyToOne(cascade = CascadeType.PERSIST)",
            "  Tag primary;",
            "  @ManyToMany",
            "  @org.hibernate.annotations.Cascade(org.hibernate.annotations.CascadeType.MERGE)",
            "  Set<Tag> merged = new HashSet<>();",
            "  @ManyToOne",
            "  @org.hibernate.annotations.Cascade(org.hibernate.annotations.CascadeType.ALL)",
            "  Tag secondary;",
            "}")
        .addSourceLines(
            "Tag.java",
            "package app;",
            "import jakarta.persistence.Entity;",
            "import jakarta.persistence.Id;",
            "import jakarta.persistence.ManyToMany;",
            "import java.util.Set;",
            "@Entity",
            "public class Tag {",
            "  @Id Long id;",
            "  @ManyToMany Set<Article> watched;",
            "}")
        .addSourceLines(
            "Comment.java",
            "package app;",
            "import jakarta.persistence.Entity;",
            "import jakarta.persistence.Id;",
            "import jakarta.persistence.ManyToOne;",
            "@Entity",
            "public class Comment {",
            "  @Id Long id;",
            "  @ManyToOne(optional = false) Article article;",
            "}")
        .doTest();
  }

  @Test
  void identification() {
    helper
        .addSourceLines(
            "Contact.java",
            "package app;",
            "import static jakarta.persistence.CascadeType.ALL;",
            "import jakarta.persistence.CascadeType;",
            "import jakarta.persistence.Entity;",
            "import jakarta.persistence.FetchType;",
            "import jakarta.persistence.Id;",
            "import jakarta.persistence.ManyToMany;",
            "import java.util.Set;",
            "@Entity",
            "public class Contact {",
            "  @Id Long id;",
            "  // BUG: Diagnostic contains: cascade = ALL on a @ManyToMany deletes the targets",
            "  @ManyToMany(cascade = CascadeType.ALL)",
            "  Set<Contact> tags;",
            "  // BUG: Diagnostic contains: cascade = REMOVE",
            "  @ManyToMany(cascade = {CascadeType.PERSIST, CascadeType.REMOVE}, fetch = FetchType.LAZY)",
            "  Set<Contact> groups;",
            "  // BUG: Diagnostic contains: cascade = ALL",
            "  @ManyToMany(cascade = ALL)",
            "  Set<Contact> lists;",
            "  private Set<Contact> labels;",
            "  // BUG: Diagnostic contains: cascade = ALL",
            "  @ManyToMany(cascade = jakarta.persistence.CascadeType.ALL)",
            "  public Set<Contact> getLabels() { return labels; }",
            "  @ManyToMany",
            "  // BUG: Diagnostic contains: @Cascade(DELETE) on a @ManyToMany deletes the targets",
            "  @org.hibernate.annotations.Cascade(org.hibernate.annotations.CascadeType.DELETE)",
            "  Set<Contact> folders;",
            "  // BUG: Diagnostic contains: @Cascade(ALL) on a @ManyToMany",
            "  @org.hibernate.annotations.Cascade({org.hibernate.annotations.CascadeType.ALL})",
            "  @ManyToMany(fetch = FetchType.LAZY)",
            "  Set<Contact> circles;",
            "}")
        .doTest();
  }

  @Test
  void replacement() {
    BugCheckerRefactoringTestHelper.newInstance(CascadeRemoveOnManyToMany.class, getClass())
        .addInputLines(
            "Contact.java",
            "package app;",
            "import static jakarta.persistence.CascadeType.ALL;",
            "import jakarta.persistence.CascadeType;",
            "import jakarta.persistence.Entity;",
            "import jakarta.persistence.FetchType;",
            "import jakarta.persistence.Id;",
            "import jakarta.persistence.ManyToMany;",
            "import java.util.Set;",
            "@Entity",
            "public class Contact {",
            "  @Id Long id;",
            "  @ManyToMany(cascade = CascadeType.ALL)",
            "  Set<Contact> tags;",
            "  @ManyToMany(fetch = FetchType.LAZY, cascade = {CascadeType.MERGE, CascadeType.ALL})",
            "  Set<Contact> groups;",
            "  @ManyToMany(cascade = CascadeType.REMOVE)",
            "  Set<Contact> followers;",
            "  @ManyToMany(cascade = {CascadeType.PERSIST, CascadeType.REMOVE})",
            "  Set<Contact> lists;",
            "  @ManyToMany(cascade = ALL)",
            "  Set<Contact> labels;",
            "  @ManyToMany",
            "  @org.hibernate.annotations.Cascade({org.hibernate.annotations.CascadeType.DELETE, org.hibernate.annotations.CascadeType.SAVE_UPDATE})",
            "  Set<Contact> folders;",
            "}")
        .addOutputLines(
            "Contact.java",
            "package app;",
            "import static jakarta.persistence.CascadeType.ALL;",
            "import static jakarta.persistence.CascadeType.DETACH;",
            "import static jakarta.persistence.CascadeType.MERGE;",
            "import static jakarta.persistence.CascadeType.PERSIST;",
            "import static jakarta.persistence.CascadeType.REFRESH;",
            "import jakarta.persistence.CascadeType;",
            "import jakarta.persistence.Entity;",
            "import jakarta.persistence.FetchType;",
            "import jakarta.persistence.Id;",
            "import jakarta.persistence.ManyToMany;",
            "import java.util.Set;",
            "@Entity",
            "public class Contact {",
            "  @Id Long id;",
            "  @ManyToMany(cascade = {CascadeType.PERSIST, CascadeType.MERGE, CascadeType.REFRESH, CascadeType.DETACH})",
            "  Set<Contact> tags;",
            "  @ManyToMany(fetch = FetchType.LAZY, cascade = {CascadeType.MERGE, CascadeType.PERSIST, CascadeType.REFRESH, CascadeType.DETACH})",
            "  Set<Contact> groups;",
            "  @ManyToMany",
            "  Set<Contact> followers;",
            "  @ManyToMany(cascade = CascadeType.PERSIST)",
            "  Set<Contact> lists;",
            "  @ManyToMany(cascade = {PERSIST, MERGE, REFRESH, DETACH})",
            "  Set<Contact> labels;",
            "  @ManyToMany",
            "  @org.hibernate.annotations.Cascade(org.hibernate.annotations.CascadeType.SAVE_UPDATE)",
            "  Set<Contact> folders;",
            "}")
        .doTest();
  }
}
