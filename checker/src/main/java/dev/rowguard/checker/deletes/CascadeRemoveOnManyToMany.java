package dev.rowguard.checker.deletes;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.AnnotationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.AnnotationTree;
import dev.rowguard.checker.jpa.Jpa;
import dev.rowguard.checker.util.DocumentedCheck;

/**
 * {@code @ManyToMany(cascade = ALL)} or with {@code REMOVE} (or Hibernate's {@code @Cascade} with
 * {@code ALL}, {@code REMOVE} or {@code DELETE}): removing one owner deletes shared targets.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "Cascading REMOVE over a many-to-many deletes entities that other owners still share",
    severity = WARNING)
public final class CascadeRemoveOnManyToMany extends DocumentedCheck
    implements AnnotationTreeMatcher {

  @Override
  public Description matchAnnotation(AnnotationTree tree, VisitorState state) {
    return CascadeRemoves.of(tree, Jpa.MANY_TO_MANY, state)
        .map(
            found ->
                buildDescription(tree)
                    .setMessage(
                        found.written()
                            + " on a @ManyToMany deletes the targets when one owner is removed,"
                            + " although other owners still reference them (the JPA specification"
                            + " calls this non-portable); cascade PERSIST, MERGE, REFRESH and DETACH"
                            + " only, and delete orphaned targets explicitly")
                    .addFix(found.fix())
                    .build())
        .orElse(Description.NO_MATCH);
  }
}
