package dev.rowguard.checker.deletes;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CascadeRemoveOnManyToOneTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CascadeRemoveOnManyToOne.class, getClass());

  @Test
  void safeMappingsAreNotFlagged() {
    helper
        .addSourceLines(
            "Target.java",
            "package app;",
            "import jakarta.persistence.CascadeType;",
            "import jakarta.persistence.Entity;",
            "import jakarta.persistence.FetchType;",
            "import jakarta.persistence.Id;",
            "import jakarta.persistence.ManyToOne;",
            "import jakarta.persistence.OneToMany;",
            "import jakarta.persistence.OneToOne;",
            "import java.util.List;",
            "import org.hibernate.annotations.Cascade;",
            "@Entity",
            "public class Target {",
            "  @Id Long id;",
            "  @ManyToOne(cascade = {CascadeType.PERSIST, CascadeType.MERGE})",
            "  DistributionSet assigned;",
            "  @ManyToOne(fetch = FetchType.LAZY, optional = false)",
            "  DistributionSet installed;",
            "  @ManyToOne",
            "  @Cascade(org.hibernate.annotations.CascadeType.PERSIST)",
            "  DistributionSet planned;",
            "  @OneToMany(mappedBy = \"target\", cascade = CascadeType.ALL, orphanRemoval = true)",
            "  List<Action> actions;",
            "  @OneToOne(cascade = CascadeType.ALL)",
            "  TargetInfo info;",
            "  @OneToMany(mappedBy = \"target\")",
            "  @Cascade(org.hibernate.annotations.CascadeType.ALL)",
            "  List<Action> history;",
            "  @Cascade(org.hibernate.annotations.CascadeType.DELETE)",
            "  TargetInfo unmapped;",
            "}")
        .addSourceLines(
            "DistributionSet.java",
            "package app;",
            "import jakarta.persistence.Entity;",
            "import jakarta.persistence.Id;",
            "@Entity",
            "public class DistributionSet {",
            "  @Id Long id;",
            "}")
        .addSourceLines(
            "TargetInfo.java",
            "package app;",
            "import jakarta.persistence.Entity;",
            "import jakarta.persistence.Id;",
            "@Entity",
            "public class TargetInfo {",
            "  @Id Long id;",
            "}")
        .addSourceLines(
            "Action.java",
            "package app;",
            "import jakarta.persistence.Entity;",
            "import jakarta.persistence.Id;",
            "import jakarta.persistence.ManyToOne;",
            "@Entity",
            "public class Action {",
            "  @Id Long id;",
            "  @ManyToOne(optional = false) Target target;",
            "}")
        .doTest();
  }

  @Test
  void identification() {
    helper
        .addSourceLines(
            "Action.java",
            "package app;",
            "import static jakarta.persistence.CascadeType.ALL;",
            "import jakarta.persistence.CascadeType;",
            "import jakarta.persistence.Entity;",
            "import jakarta.persistence.FetchType;",
            "import jakarta.persistence.Id;",
            "import jakarta.persistence.ManyToOne;",
            "import org.hibernate.annotations.Cascade;",
            "@Entity",
            "public class Action {",
            "  @Id Long id;",
            "  // BUG: Diagnostic contains: cascade = ALL on a @ManyToOne deletes the parent when one child is removed",
            "  @ManyToOne(cascade = CascadeType.ALL)",
            "  Action rollout;",
            "  // BUG: Diagnostic contains: cascade = REMOVE",
            "  @ManyToOne(cascade = {CascadeType.PERSIST, CascadeType.REMOVE}, fetch = FetchType.LAZY)",
            "  Action group;",
            "  // BUG: Diagnostic contains: cascade = ALL",
            "  @ManyToOne(optional = false, cascade = ALL)",
            "  Action distributionSet;",
            "  @ManyToOne",
            "  // BUG: Diagnostic contains: @Cascade(DELETE) on a @ManyToOne",
            "  @Cascade(org.hibernate.annotations.CascadeType.DELETE)",
            "  Action target;",
            "  @ManyToOne",
            "  // BUG: Diagnostic contains: @Cascade(ALL) on a @ManyToOne",
            "  @Cascade({org.hibernate.annotations.CascadeType.SAVE_UPDATE, org.hibernate.annotations.CascadeType.ALL})",
            "  Action parent;",
            "  private Action weightedBy;",
            "  // BUG: Diagnostic contains: @Cascade(REMOVE)",
            "  @Cascade(value = org.hibernate.annotations.CascadeType.REMOVE)",
            "  @ManyToOne",
            "  public Action getWeightedBy() { return weightedBy; }",
            "}")
        .doTest();
  }

  @Test
  void replacement() {
    BugCheckerRefactoringTestHelper.newInstance(CascadeRemoveOnManyToOne.class, getClass())
        .addInputLines(
            "Action.java",
            "package app;",
            "import static jakarta.persistence.CascadeType.ALL;",
            "import jakarta.persistence.CascadeType;",
            "import jakarta.persistence.Entity;",
            "import jakarta.persistence.FetchType;",
            "import jakarta.persistence.Id;",
            "import jakarta.persistence.ManyToOne;",
            "import org.hibernate.annotations.Cascade;",
            "@Entity",
            "public class Action {",
            "  @Id Long id;",
            "  @ManyToOne(cascade = CascadeType.ALL)",
            "  Action rollout;",
            "  @ManyToOne(fetch = FetchType.LAZY, cascade = {CascadeType.MERGE, CascadeType.REMOVE})",
            "  Action group;",
            "  @ManyToOne(cascade = CascadeType.REMOVE)",
            "  Action target;",
            "  @ManyToOne(cascade = ALL)",
            "  Action distributionSet;",
            "  @ManyToOne",
            "  @Cascade(org.hibernate.annotations.CascadeType.DELETE)",
            "  Action deleted;",
            "  @ManyToOne",
            "  @Cascade({org.hibernate.annotations.CascadeType.PERSIST, org.hibernate.annotations.CascadeType.REMOVE})",
            "  Action removed;",
            "  @ManyToOne",
            "  @Cascade(org.hibernate.annotations.CascadeType.ALL)",
            "  Action all;",
            "}")
        .addOutputLines(
            "Action.java",
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
            "import jakarta.persistence.ManyToOne;",
            "import org.hibernate.annotations.Cascade;",
            "@Entity",
            "public class Action {",
            "  @Id Long id;",
            "  @ManyToOne(cascade = {CascadeType.PERSIST, CascadeType.MERGE, CascadeType.REFRESH, CascadeType.DETACH})",
            "  Action rollout;",
            "  @ManyToOne(fetch = FetchType.LAZY, cascade = CascadeType.MERGE)",
            "  Action group;",
            "  @ManyToOne",
            "  Action target;",
            "  @ManyToOne(cascade = {PERSIST, MERGE, REFRESH, DETACH})",
            "  Action distributionSet;",
            "  @ManyToOne",
            "  Action deleted;",
            "  @ManyToOne",
            "  @Cascade(org.hibernate.annotations.CascadeType.PERSIST)",
            "  Action removed;",
            "  @ManyToOne",
            "  @Cascade({org.hibernate.annotations.CascadeType.PERSIST, org.hibernate.annotations.CascadeType.MERGE, org.hibernate.annotations.CascadeType.REFRESH, org.hibernate.annotations.CascadeType.DETACH, org.hibernate.annotations.CascadeType.LOCK})",
            "  Action all;",
            "}")
        .doTest();
  }

  /** hawkBit's shape with the schema: the database deletes the other actions of the rollout. */
  @Test
  void notesOnDeleteCascadeOfTheMigrations(@TempDir Path migrations) throws IOException {
    Files.writeString(
        migrations.resolve("V1__rollouts.sql"),
        """
        CREATE TABLE rollout (id BIGINT PRIMARY KEY);
        CREATE TABLE action (
          id BIGINT PRIMARY KEY,
          rollout BIGINT,
          planned BIGINT,
          CONSTRAINT fk_action_rollout FOREIGN KEY (rollout) REFERENCES rollout (id) ON DELETE CASCADE,
          CONSTRAINT fk_action_planned FOREIGN KEY (planned) REFERENCES rollout (id)
        );
        """);
    CompilationTestHelper.newInstance(CascadeRemoveOnManyToOne.class, getClass())
        .setArgs(List.of("-XepOpt:Rowguard:Migrations=" + migrations))
        .addSourceLines(
            "Action.java",
            "package app;",
            "import jakarta.persistence.*;",
            "@Entity",
            "public class Action {",
            "  @Id Long id;",
            "  // BUG: Diagnostic contains: when its last child goes. The migrations declare rollout"
                + " ON DELETE CASCADE ("
                + migrations.resolve("V1__rollouts.sql")
                + ":2): the"
                + " database then deletes every other child of that parent too",
            "  @ManyToOne(cascade = CascadeType.ALL) @JoinColumn(name = \"rollout\") Rollout rollout;",
            "  // BUG: Diagnostic matches: NO_NOTE",
            "  @ManyToOne(cascade = CascadeType.REMOVE) @JoinColumn(name = \"planned\") Rollout planned;",
            "}")
        .expectErrorMessage(
            "NO_NOTE",
            m -> m.contains("when its last child goes") && !m.contains("ON DELETE CASCADE"))
        .addSourceLines(
            "Rollout.java",
            "package app;",
            "import jakarta.persistence.*;",
            "@Entity",
            "public class Rollout {",
            "  @Id Long id;",
            "}")
        .doTest();
  }
}
