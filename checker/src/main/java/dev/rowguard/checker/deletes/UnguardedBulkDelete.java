package dev.rowguard.checker.deletes;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.AnnotationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.springdata.SpringData;
import dev.rowguard.checker.springdata.SpringDataRepositories;
import dev.rowguard.checker.util.Annotations;
import dev.rowguard.checker.util.DocumentedCheck;
import dev.rowguard.checker.util.Invocations;
import dev.rowguard.checker.util.TestCode;
import dev.rowguard.sql.Classification;
import dev.rowguard.sql.StatementClassifier;
import java.util.List;
import java.util.Optional;

/** A delete that removes every row of a table with nothing bounding it. */
@AutoService(BugChecker.class)
@BugPattern(summary = "Deletes every row of a table with nothing bounding it", severity = WARNING)
public final class UnguardedBulkDelete extends DocumentedCheck
    implements MethodInvocationTreeMatcher, MethodTreeMatcher, AnnotationTreeMatcher {

  private static final String ADVICE =
      "; restrict it, or mark a deliberate purge with @MassDelete(reason = \"why every row may go\")";

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    String name = Invocations.name(tree);
    Optional<String> problem = Optional.empty();
    if (DeleteApis.DELETE_EVERY_ROW.matches(tree, state)) {
      problem = Optional.of(name + "() deletes every " + managedEntity(tree, state) + " row");
    } else if (tree.getArguments().size() == 1
        && DeleteApis.DELETE_BY_SPECIFICATION.matches(tree, state)
        && Specifications.isUnrestricted(tree.getArguments().get(0), state)) {
      problem =
          Optional.of(
              "delete(Specification) with a specification that restricts nothing deletes every row");
    } else if (DeleteApis.JOOQ_EXECUTE.matches(tree, state)) {
      problem =
          JooqDeletes.unboundedStart(tree, state)
              .map(start -> jooqProblem(Invocations.name(start)));
    } else if (DeleteApis.STATEMENT_TEXT.hasName(name) && !tree.getArguments().isEmpty()) {
      Symbol.MethodSymbol method = Invocations.symbol(tree);
      problem = method == null ? Optional.empty() : statementProblem(tree, method, state);
    }
    if (problem.isEmpty() || isExempt(state)) {
      return Description.NO_MATCH;
    }
    return buildDescription(tree).setMessage(problem.get() + ADVICE).build();
  }

  /** {@code @Modifying @Query("delete from Tag t")} on a repository method. */
  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    if (tree.getModifiers().getAnnotations().isEmpty()) {
      return Description.NO_MATCH;
    }
    Symbol.MethodSymbol method = ASTHelpers.getSymbol(tree);
    Optional<Attribute.Compound> query = Annotations.find(method, SpringData.JPA_QUERY);
    if (query.isEmpty() || !Annotations.has(method, SpringData.MODIFYING)) {
      return Description.NO_MATCH;
    }
    Optional<String> text = Annotations.stringValue(query.get(), "value");
    if (text.isEmpty()) {
      return Description.NO_MATCH;
    }
    Classification c = StatementClassifier.shared().classify(text.get());
    if (!c.removesEveryRow() || isExempt(state)) {
      return Description.NO_MATCH;
    }
    Tree annotation = annotationTree(tree, query.get()).<Tree>map(a -> a).orElse(tree);
    return buildDescription(annotation).setMessage("This @Query " + describe(c) + ADVICE).build();
  }

  /** {@code @MassDelete(reason = "")}: the escape hatch needs the reason the audit log records. */
  @Override
  public Description matchAnnotation(AnnotationTree tree, VisitorState state) {
    Symbol type = ASTHelpers.getSymbol(tree.getAnnotationType());
    if (type == null || !type.getQualifiedName().contentEquals(MassDeletes.MASS_DELETE)) {
      return Description.NO_MATCH;
    }
    for (ExpressionTree argument : tree.getArguments()) {
      if (argument instanceof AssignmentTree assignment
          && ASTHelpers.getSymbol(assignment.getVariable()) != null
          && ASTHelpers.getSymbol(assignment.getVariable())
              .getSimpleName()
              .contentEquals("reason")) {
        String reason = ASTHelpers.constValue(assignment.getExpression(), String.class);
        if (reason != null && reason.isBlank()) {
          return buildDescription(tree)
              .setMessage(
                  "@MassDelete needs a reason: say why deleting every row is intended here; the audit log"
                      + " records it with each mass delete")
              .build();
        }
      }
    }
    return Description.NO_MATCH;
  }

  /**
   * {@code Tag} for {@code tagRepository.deleteAll()}; a generic name where the type is not
   * visible.
   */
  private static String managedEntity(MethodInvocationTree tree, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(tree);
    return receiver == null
        ? "repository"
        : SpringDataRepositories.domainType(ASTHelpers.getType(receiver), state)
            .map(type -> type.getSimpleName().toString())
            .orElse("repository");
  }

  /**
   * A CriteriaDelete or statement text that deletes every row. The receiver matchers come first:
   * names like {@code execute} and {@code update} are common, the type and constant work is not
   * cheap.
   */
  private static Optional<String> statementProblem(
      MethodInvocationTree tree, Symbol.MethodSymbol method, VisitorState state) {
    if (tree.getArguments().size() == 1
        && DeleteApis.CRITERIA_QUERY.matches(tree, state)
        && CriteriaDeletes.isCriteriaDelete(
            ASTHelpers.getType(tree.getArguments().get(0)), state)) {
      return CriteriaDeletes.isUnrestricted(tree.getArguments().get(0), state)
          ? Optional.of("This CriteriaDelete is executed without where(...) and deletes every row")
          : Optional.empty();
    }
    if (!DeleteApis.STATEMENT_TEXT.matches(tree, state)) {
      return Optional.empty();
    }
    for (ExpressionTree text : statementTexts(tree, method, state)) {
      Optional<Classification> everyRow =
          ConstantText.of(text, state)
              .map(StatementClassifier.shared()::classify)
              .filter(Classification::removesEveryRow);
      if (everyRow.isPresent()) {
        return Optional.of("This statement " + describe(everyRow.get()));
      }
    }
    return Optional.empty();
  }

  /** The arguments holding statement text: the first String one, or all of a {@code String...}. */
  private static List<? extends ExpressionTree> statementTexts(
      MethodInvocationTree tree, Symbol.MethodSymbol method, VisitorState state) {
    if (method.getParameters().isEmpty()) {
      return List.of();
    }
    var first = method.getParameters().get(0).asType();
    if (method.isVarArgs()
        && method.getParameters().size() == 1
        && state.getTypes().isArray(first)
        && ASTHelpers.isSameType(
            state.getTypes().elemtype(first), state.getSymtab().stringType, state)) {
      return tree.getArguments();
    }
    return ASTHelpers.isSameType(first, state.getSymtab().stringType, state)
        ? tree.getArguments().subList(0, 1)
        : List.of();
  }

  private static String describe(Classification c) {
    String table = c.tables().isEmpty() ? "the table" : String.join(", ", c.tables());
    return switch (c.kind()) {
      case TRUNCATE -> "truncates " + table;
      case DELETE ->
          c.where() == Classification.Where.TAUTOLOGY
              ? "deletes every row of " + table + ": its WHERE clause is always true"
              : "deletes every row of " + table + ": it has no WHERE clause";
      case OTHER -> "deletes rows";
    };
  }

  private static String jooqProblem(String start) {
    return start.startsWith("truncate")
        ? "This jOOQ " + start + "(...) empties the table"
        : "This jOOQ "
            + start
            + "(...) is executed without where(...) and deletes every row"
            + " (write where(noCondition()) to say every row is meant)";
  }

  private static boolean isExempt(VisitorState state) {
    return TestCode.isTestCode(state) || MassDeletes.isDeclared(state);
  }

  private static Optional<AnnotationTree> annotationTree(
      MethodTree method, Attribute.Compound compound) {
    for (AnnotationTree annotation : method.getModifiers().getAnnotations()) {
      if (ASTHelpers.getSymbol(annotation.getAnnotationType()) == compound.type.tsym) {
        return Optional.of(annotation);
      }
    }
    return Optional.empty();
  }
}
