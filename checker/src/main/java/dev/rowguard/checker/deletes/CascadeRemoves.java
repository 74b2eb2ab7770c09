package dev.rowguard.checker.deletes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.jpa.Jpa;
import dev.rowguard.checker.util.Annotations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cascades that include REMOVE on an association, written either way: JPA's
 * {@code @ManyToOne(cascade = ALL)} / {@code REMOVE}, or Hibernate's own
 * {@code @Cascade({CascadeType.DELETE, ...})} beside the association annotation; with the fix that
 * drops REMOVE and keeps every other cascade. Shared by the checks for the association kinds on
 * which removing one entity deletes entities that others share.
 */
final class CascadeRemoves {

  /**
   * What JPA's {@code ALL} means without {@code REMOVE}, in the order the JPA javadoc lists them.
   */
  private static final List<String> JPA_ALL_BUT_REMOVE =
      List.of("PERSIST", "MERGE", "REFRESH", "DETACH");

  /**
   * What Hibernate's {@code ALL} means without {@code REMOVE} and {@code DELETE}, leaving out the
   * cascades Hibernate 6 deprecates ({@code SAVE_UPDATE}, {@code REPLICATE}).
   */
  private static final List<String> HIBERNATE_ALL_BUT_REMOVE =
      List.of("PERSIST", "MERGE", "REFRESH", "DETACH", "LOCK");

  /** Hibernate cascade constants that delete the target. */
  private static final Set<String> HIBERNATE_REMOVING = Set.of("ALL", "REMOVE", "DELETE");

  private CascadeRemoves() {}

  /**
   * A cascade that includes REMOVE.
   *
   * @param written how it is written: {@code cascade = ALL}, {@code @Cascade(DELETE)}
   * @param fix the same annotation without REMOVE
   */
  record Found(String written, SuggestedFix fix) {}

  /**
   * The removing cascade {@code tree} declares, when it is one of {@code associations} (JPA names)
   * with {@code cascade} holding {@code ALL} or {@code REMOVE}, or Hibernate's {@code @Cascade} on
   * a field or getter that also carries one of {@code associations}.
   */
  static Optional<Found> of(AnnotationTree tree, List<String> associations, VisitorState state) {
    if (tree.getArguments().isEmpty()) {
      return Optional.empty();
    }
    Symbol type = ASTHelpers.getSymbol(tree.getAnnotationType());
    if (type == null) {
      return Optional.empty();
    }
    String name = type.getQualifiedName().toString();
    if (associations.contains(name)) {
      return ofJpa(tree, state);
    }
    if (name.equals(Jpa.HIBERNATE_CASCADE) && annotatedWithAny(state.getPath(), associations)) {
      return ofHibernate(tree, state);
    }
    return Optional.empty();
  }

  private static Optional<Found> ofJpa(AnnotationTree tree, VisitorState state) {
    AssignmentTree cascade = attribute(tree, "cascade");
    if (cascade == null) {
      return Optional.empty();
    }
    List<ExpressionTree> elements = elements(cascade.getExpression());
    ExpressionTree all = null;
    boolean remove = false;
    for (ExpressionTree element : elements) {
      String name = constantName(element);
      all = "ALL".equals(name) ? element : all;
      remove |= "REMOVE".equals(name);
    }
    if (all == null && !remove) {
      return Optional.empty();
    }
    return Optional.of(
        new Found(
            "cascade = " + (all != null ? "ALL" : "REMOVE"),
            fix(tree, cascade, elements, all, Set.of("ALL", "REMOVE"), JPA_ALL_BUT_REMOVE, state)));
  }

  private static Optional<Found> ofHibernate(AnnotationTree tree, VisitorState state) {
    ExpressionTree value = tree.getArguments().get(0);
    AssignmentTree assignment = attribute(tree, "value");
    if (assignment != null) {
      value = assignment.getExpression();
    } else if (value instanceof AssignmentTree) {
      return Optional.empty();
    }
    List<ExpressionTree> elements = elements(value);
    ExpressionTree all = null;
    String written = null;
    for (ExpressionTree element : elements) {
      String name = constantName(element);
      if ("ALL".equals(name)) {
        all = element;
        written = name;
      } else if (HIBERNATE_REMOVING.contains(name) && written == null) {
        written = name;
      }
    }
    if (written == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Found(
            "@Cascade(" + written + ")",
            fix(tree, null, elements, all, HIBERNATE_REMOVING, HIBERNATE_ALL_BUT_REMOVE, state)));
  }

  /** True when the declaration {@code annotationPath}'s annotation is on carries one of them. */
  private static boolean annotatedWithAny(TreePath annotationPath, List<String> names) {
    TreePath modifiers = annotationPath.getParentPath();
    if (modifiers == null || !(modifiers.getLeaf() instanceof ModifiersTree)) {
      return false;
    }
    Tree declaration =
        modifiers.getParentPath() == null ? null : modifiers.getParentPath().getLeaf();
    Symbol symbol = declaration == null ? null : ASTHelpers.getSymbol(declaration);
    return symbol != null && Annotations.has(symbol, names);
  }

  /**
   * The annotation without the removing constants: {@code ALL} is replaced by {@code allButRemove}
   * (written as {@code ALL} was: qualified, or as static imports), and the attribute (for
   * Hibernate's {@code @Cascade}, the annotation) is dropped when nothing is left.
   *
   * @param cascade the {@code cascade = ...} attribute, or null for {@code @Cascade}'s value
   */
  private static SuggestedFix fix(
      AnnotationTree tree,
      AssignmentTree cascade,
      List<ExpressionTree> elements,
      ExpressionTree all,
      Set<String> removing,
      List<String> allButRemove,
      VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    List<String> kept = new ArrayList<>();
    List<String> keptNames = new ArrayList<>();
    for (ExpressionTree element : elements) {
      String name = constantName(element);
      if (!removing.contains(name)) {
        kept.add(state.getSourceForNode(element));
        keptNames.add(name);
      }
    }
    if (all != null) {
      String source = state.getSourceForNode(all);
      int dot = source.lastIndexOf('.');
      String qualifier = dot < 0 ? "" : source.substring(0, dot + 1);
      Symbol enumType = ASTHelpers.getSymbol(all).owner;
      for (String name : allButRemove) {
        if (!keptNames.contains(name)) {
          kept.add(qualifier + name);
          if (qualifier.isEmpty()) {
            fix.addStaticImport(enumType.getQualifiedName() + "." + name);
          }
        }
      }
    }
    String listed = kept.size() == 1 ? kept.get(0) : "{" + String.join(", ", kept) + "}";
    String annotation = "@" + state.getSourceForNode(tree.getAnnotationType());
    if (cascade == null) {
      return kept.isEmpty()
          ? fix.replace(tree, "").build()
          : fix.replace(tree, annotation + "(" + listed + ")").build();
    }
    List<String> arguments = new ArrayList<>();
    for (ExpressionTree argument : tree.getArguments()) {
      if (argument != cascade) {
        arguments.add(state.getSourceForNode(argument));
      } else if (!kept.isEmpty()) {
        arguments.add("cascade = " + listed);
      }
    }
    return fix.replace(
            tree,
            arguments.isEmpty()
                ? annotation
                : annotation + "(" + String.join(", ", arguments) + ")")
        .build();
  }

  private static AssignmentTree attribute(AnnotationTree tree, String name) {
    for (ExpressionTree argument : tree.getArguments()) {
      if (argument instanceof AssignmentTree assignment
          && ASTHelpers.getSymbol(assignment.getVariable()) != null
          && ASTHelpers.getSymbol(assignment.getVariable()).getSimpleName().contentEquals(name)) {
        return assignment;
      }
    }
    return null;
  }

  private static List<ExpressionTree> elements(ExpressionTree value) {
    return value instanceof NewArrayTree array && array.getInitializers() != null
        ? new ArrayList<>(array.getInitializers())
        : List.of(value);
  }

  private static String constantName(ExpressionTree element) {
    Symbol symbol = ASTHelpers.getSymbol(element);
    return symbol == null ? "" : symbol.getSimpleName().toString();
  }
}
