package dev.rowguard.checker.deletes;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.AnnotationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.jpa.Jpa;
import dev.rowguard.checker.util.DocumentedCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code @ManyToMany(cascade = ALL)} or with {@code REMOVE}: removing one owner deletes shared
 * targets.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "Cascading REMOVE over a many-to-many deletes entities that other owners still share",
    severity = WARNING)
public final class CascadeRemoveOnManyToMany extends DocumentedCheck
    implements AnnotationTreeMatcher {

  /** What {@code ALL} means without {@code REMOVE}, in the order the JPA javadoc lists them. */
  private static final List<String> ALL_BUT_REMOVE =
      List.of("PERSIST", "MERGE", "REFRESH", "DETACH");

  @Override
  public Description matchAnnotation(AnnotationTree tree, VisitorState state) {
    if (tree.getArguments().isEmpty()) {
      return Description.NO_MATCH;
    }
    Symbol type = ASTHelpers.getSymbol(tree.getAnnotationType());
    if (type == null || !Jpa.MANY_TO_MANY.contains(type.getQualifiedName().toString())) {
      return Description.NO_MATCH;
    }
    AssignmentTree cascade = null;
    for (ExpressionTree argument : tree.getArguments()) {
      if (argument instanceof AssignmentTree assignment
          && ASTHelpers.getSymbol(assignment.getVariable()) != null
          && ASTHelpers.getSymbol(assignment.getVariable())
              .getSimpleName()
              .contentEquals("cascade")) {
        cascade = assignment;
      }
    }
    if (cascade == null) {
      return Description.NO_MATCH;
    }
    List<ExpressionTree> elements =
        cascade.getExpression() instanceof NewArrayTree array && array.getInitializers() != null
            ? new ArrayList<>(array.getInitializers())
            : List.of(cascade.getExpression());
    ExpressionTree all = null;
    boolean remove = false;
    for (ExpressionTree element : elements) {
      String name = constantName(element);
      all = "ALL".equals(name) ? element : all;
      remove |= "REMOVE".equals(name);
    }
    if (all == null && !remove) {
      return Description.NO_MATCH;
    }
    String written = all != null ? "ALL" : "REMOVE";
    return buildDescription(tree)
        .setMessage(
            "cascade = "
                + written
                + " on a @ManyToMany deletes the targets when one owner is removed, although other owners"
                + " still reference them (the JPA specification calls this non-portable); cascade PERSIST,"
                + " MERGE, REFRESH and DETACH only, and delete orphaned targets explicitly")
        .addFix(fix(tree, cascade, elements, all, state))
        .build();
  }

  private static SuggestedFix fix(
      AnnotationTree tree,
      AssignmentTree cascade,
      List<ExpressionTree> elements,
      ExpressionTree all,
      VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    List<String> kept = new ArrayList<>();
    List<String> keptNames = new ArrayList<>();
    for (ExpressionTree element : elements) {
      String name = constantName(element);
      if (!"ALL".equals(name) && !"REMOVE".equals(name)) {
        kept.add(state.getSourceForNode(element));
        keptNames.add(name);
      }
    }
    if (all != null) {
      String source = state.getSourceForNode(all);
      int dot = source.lastIndexOf('.');
      String qualifier = dot < 0 ? "" : source.substring(0, dot + 1);
      Symbol enumType = ASTHelpers.getSymbol(all).owner;
      for (String name : ALL_BUT_REMOVE) {
        if (!keptNames.contains(name)) {
          kept.add(qualifier + name);
          if (qualifier.isEmpty()) {
            fix.addStaticImport(enumType.getQualifiedName() + "." + name);
          }
        }
      }
    }
    List<String> arguments = new ArrayList<>();
    for (ExpressionTree argument : tree.getArguments()) {
      if (argument != cascade) {
        arguments.add(state.getSourceForNode(argument));
      } else if (kept.size() == 1) {
        arguments.add("cascade = " + kept.get(0));
      } else if (!kept.isEmpty()) {
        arguments.add("cascade = {" + String.join(", ", kept) + "}");
      }
    }
    String annotation = "@" + state.getSourceForNode(tree.getAnnotationType());
    return fix.replace(
            tree,
            arguments.isEmpty()
                ? annotation
                : annotation + "(" + String.join(", ", arguments) + ")")
        .build();
  }

  private static String constantName(ExpressionTree element) {
    Symbol symbol = ASTHelpers.getSymbol(element);
    return symbol == null ? "" : symbol.getSimpleName().toString();
  }
}
