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
 * {@code @ManyToOne(cascade = ALL)} or with {@code REMOVE} (or Hibernate's {@code @Cascade} with
 * {@code ALL}, {@code REMOVE} or {@code DELETE}): removing one child deletes the parent that the
 * other children share.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "Cascading REMOVE over a many-to-one deletes the parent that other children share",
    severity = WARNING)
public final class CascadeRemoveOnManyToOne extends DocumentedCheck
    implements AnnotationTreeMatcher {

  @Override
  public Description matchAnnotation(AnnotationTree tree, VisitorState state) {
    return CascadeRemoves.of(tree, Jpa.MANY_TO_ONE, state)
        .map(
            found ->
                buildDescription(tree)
                    .setMessage(
                        found.written()
                            + " on a @ManyToOne deletes the parent when one child is removed,"
                            + " although the other children still reference it (their rows go"
                            + " too, or the delete fails on their foreign keys); cascade PERSIST,"
                            + " MERGE, REFRESH and DETACH only, and delete the parent explicitly"
                            + " when its last child goes")
                    .addFix(found.fix())
                    .build())
        .orElse(Description.NO_MATCH);
  }
}
