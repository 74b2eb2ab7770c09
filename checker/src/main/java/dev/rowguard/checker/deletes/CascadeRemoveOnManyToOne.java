package dev.rowguard.checker.deletes;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.AnnotationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.jpa.EntityModels;
import dev.rowguard.checker.jpa.Jpa;
import dev.rowguard.checker.jpa.PersistentField;
import dev.rowguard.checker.schema.MigrationSchemas;
import dev.rowguard.checker.util.DocumentedCheck;
import dev.rowguard.sql.Schema;
import java.util.Optional;

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
                            + " when its last child goes"
                            + onDeleteCascadeNote(state))
                    .addFix(found.fix())
                    .build())
        .orElse(Description.NO_MATCH);
  }

  /**
   * When the migrations declare the child's foreign key to the parent {@code ON DELETE CASCADE},
   * which rows go: every other child of the parent, deleted by the database.
   */
  private static String onDeleteCascadeNote(VisitorState state) {
    Tree declaration = state.getPath().getParentPath().getParentPath().getLeaf();
    Symbol member = ASTHelpers.getSymbol(declaration);
    if (member == null || !(member.owner instanceof Symbol.ClassSymbol child)) {
      return "";
    }
    Symbol.TypeSymbol target =
        member instanceof Symbol.MethodSymbol method
            ? method.getReturnType().tsym
            : member.type.tsym;
    if (!(target instanceof Symbol.ClassSymbol parent)) {
      return "";
    }
    Optional<PersistentField> field =
        EntityModels.instance(state)
            .of(child)
            .flatMap(
                m ->
                    member instanceof Symbol.MethodSymbol method
                        ? m.fieldForGetter(method)
                        : m.field(member));
    return field
        .flatMap(f -> MigrationSchemas.foreignKey(child, f, parent, state))
        .filter(Schema.ForeignKey::cascadesDelete)
        .map(
            k ->
                ". The migrations declare "
                    + String.join(", ", k.columns())
                    + " ON DELETE CASCADE"
                    + (k.origin() == null ? "" : " (" + k.origin() + ")")
                    + ": the database then deletes every other child of that parent too")
        .orElse("");
  }
}
