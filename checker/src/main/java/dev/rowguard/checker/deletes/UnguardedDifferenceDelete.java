package dev.rowguard.checker.deletes;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.springdata.SpringData;
import dev.rowguard.checker.springdata.SpringDataRepositories;
import dev.rowguard.checker.util.DocumentedCheck;
import dev.rowguard.checker.util.Invocations;
import dev.rowguard.checker.util.TestCode;
import java.util.List;
import java.util.Optional;

/**
 * Deletes "everything we have that the other side no longer lists" without checking what the other
 * side returned: an empty or partial answer deletes every row.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "Deletes a difference or a NOT IN list without checking that the other side's list is not empty",
    severity = WARNING)
public final class UnguardedDifferenceDelete extends DocumentedCheck
    implements MethodInvocationTreeMatcher {

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    String name = Invocations.name(tree);
    Tree reported = tree;
    Optional<String> problem;
    if (name.equals("executeUpdate") && tree.getArguments().isEmpty()) {
      Optional<NotInArguments.ExecutedQuery> executed = NotInArguments.ofExecutedQuery(tree, state);
      problem = executed.flatMap(q -> notInProblem(q.values(), "This query", state));
      reported = executed.<Tree>map(NotInArguments.ExecutedQuery::query).orElse(tree);
    } else if (!tree.getArguments().isEmpty()
        && (name.startsWith("delete") || name.startsWith("remove"))
        && Invocations.symbol(tree) != null) {
      problem = repositoryDeleteProblem(tree, Invocations.symbol(tree), name, state);
    } else {
      return Description.NO_MATCH;
    }
    if (problem.isEmpty() || TestCode.isTestCode(state) || MassDeletes.isDeclared(state)) {
      return Description.NO_MATCH;
    }
    return buildDescription(reported).setMessage(problem.get()).build();
  }

  private static Optional<String> repositoryDeleteProblem(
      MethodInvocationTree tree, Symbol.MethodSymbol method, String name, VisitorState state) {
    boolean springDelete =
        tree.getArguments().size() == 1 && DeleteApis.DELETE_COLLECTION.matches(tree, state);
    boolean ownDelete =
        !springDelete
            && method.owner instanceof Symbol.ClassSymbol owner
            && owner.isInterface()
            && !isLibrary(owner.getQualifiedName().toString())
            && SpringDataRepositories.isRepository(owner.type, state);
    if (!springDelete && !ownDelete) {
      return Optional.empty();
    }
    for (ExpressionTree argument : tree.getArguments()) {
      Optional<Differences.Difference> difference = Differences.of(argument, state);
      if (difference.isPresent()
          && !DeleteGuards.isGuarded(
              difference.get().subtrahend(), difference.get().deletion(), state)) {
        return Optional.of(
            differenceMessage(name, state.getSourceForNode(difference.get().subtrahend())));
      }
    }
    return ownDelete
        ? notInProblem(NotInArguments.ofRepositoryCall(tree, method, state), name, state)
        : Optional.empty();
  }

  /** {@code List.remove} and Spring's own methods are not the application's repository methods. */
  private static boolean isLibrary(String owner) {
    return owner.startsWith("java.") || owner.startsWith(SpringData.PACKAGE);
  }

  private static Optional<String> notInProblem(
      List<ExpressionTree> notInArguments, String call, VisitorState state) {
    for (ExpressionTree argument : notInArguments) {
      if (!DeleteGuards.isProvenNonEmpty(argument, state)
          && !DeleteGuards.isGuarded(argument, Optional.empty(), state)) {
        String source = state.getSourceForNode(argument);
        return Optional.of(
            call
                + " deletes the rows NOT IN "
                + source
                + ", which is not checked for emptiness: an empty "
                + source
                + " deletes every row (Hibernate 6.4.2+ renders NOT IN () as 1=1); return or throw when "
                + source
                + ".isEmpty() before deleting");
      }
    }
    return Optional.empty();
  }

  private static String differenceMessage(String call, String subtrahend) {
    return call
        + " deletes everything that "
        + subtrahend
        + " does not list, and "
        + subtrahend
        + " is not checked first: if it comes back empty or partial, every row goes. Return or throw"
        + " when "
        + subtrahend
        + ".isEmpty(), or when the deletion is a large share of the total, before deleting";
  }
}
