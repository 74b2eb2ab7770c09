package dev.rowguard.checker.deletes;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.EnhancedForLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.springdata.SpringData;
import dev.rowguard.checker.springdata.SpringDataRepositories;
import dev.rowguard.checker.util.Bodies;
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
    implements MethodInvocationTreeMatcher, EnhancedForLoopTreeMatcher {

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    String name = Invocations.name(tree);
    Tree reported = tree;
    Optional<String> problem;
    if (name.equals("executeUpdate") && tree.getArguments().isEmpty()) {
      Optional<NotInArguments.ExecutedQuery> executed = NotInArguments.ofExecutedQuery(tree, state);
      problem = executed.flatMap(q -> notInProblem(q.values(), "This query", state));
      reported = executed.<Tree>map(NotInArguments.ExecutedQuery::query).orElse(tree);
    } else if (name.equals("forEach")
        && tree.getArguments().size() == 1
        && ASTHelpers.getReceiver(tree) != null) {
      // gone.forEach(repo::deleteByExternalId), gone.stream().forEach(id -> repo.deleteById(id))
      Optional<String> deleted = deletedByEach(tree.getArguments().get(0), state);
      problem =
          deleted.flatMap(
              call -> differenceProblem(streamSource(ASTHelpers.getReceiver(tree)), call, state));
    } else if (!tree.getArguments().isEmpty()
        && (name.startsWith("delete") || name.startsWith("remove"))
        && Invocations.symbol(tree) != null) {
      problem = repositoryDeleteProblem(tree, Invocations.symbol(tree), name, state);
    } else {
      return Description.NO_MATCH;
    }
    return report(reported, problem, state);
  }

  /** {@code for (String id : gone) { repo.deleteByExternalId(id); }} */
  @Override
  public Description matchEnhancedForLoop(EnhancedForLoopTree tree, VisitorState state) {
    Symbol element = ASTHelpers.getSymbol(tree.getVariable());
    for (StatementTree statement : Bodies.statements(tree.getStatement())) {
      if (statement instanceof ExpressionStatementTree expression
          && expression.getExpression() instanceof MethodInvocationTree call
          && call.getArguments().size() == 1
          && element != null
          && ASTHelpers.getSymbol(call.getArguments().get(0)) == element
          && deletesOne(Invocations.symbol(call), call, state)) {
        return report(
            tree, differenceProblem(tree.getExpression(), Invocations.name(call), state), state);
      }
    }
    return Description.NO_MATCH;
  }

  private Description report(Tree reported, Optional<String> problem, VisitorState state) {
    if (problem.isEmpty() || TestCode.isTestCode(state) || MassDeletes.isDeclared(state)) {
      return Description.NO_MATCH;
    }
    return buildDescription(reported).setMessage(problem.get()).build();
  }

  private static Optional<String> repositoryDeleteProblem(
      MethodInvocationTree tree, Symbol.MethodSymbol method, String name, VisitorState state) {
    boolean springDelete =
        tree.getArguments().size() == 1 && DeleteApis.DELETE_COLLECTION.matches(tree, state);
    boolean ownDelete = !springDelete && isOwnRepositoryMethod(method, state);
    if (!springDelete && !ownDelete) {
      return Optional.empty();
    }
    for (ExpressionTree argument : tree.getArguments()) {
      Optional<String> problem = differenceProblem(argument, name, state);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return ownDelete
        ? notInProblem(NotInArguments.ofRepositoryCall(tree, method, state), name, state)
        : Optional.empty();
  }

  /**
   * The finding for deleting {@code deleted}, when it is a difference taken from an inventory of
   * the table (not from the caller's own list) and nothing checks the subtrahend first.
   */
  private static Optional<String> differenceProblem(
      ExpressionTree deleted, String call, VisitorState state) {
    Optional<Differences.Difference> found = Differences.of(deleted, state);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Differences.Difference difference = found.get();
    Optional<Inventories.Inventory> inventory = Inventories.of(difference.minuend(), state);
    if (inventory.isEmpty()
        || Inventories.isQueryOver(difference.subtrahend(), inventory.get().locals(), state)
        || DeleteGuards.isGuarded(difference.subtrahend(), difference.deletion(), state)) {
      return Optional.empty();
    }
    String query = state.getSourceForNode(inventory.get().query());
    String rows =
        switch (inventory.get().extent()) {
          case EVERY_ROW -> "every row";
          case QUERIED_ROWS -> "every row " + query + " returns";
          case FILTERED_ROWS -> "every row of " + query + " that the filters keep";
        };
    return Optional.of(
        differenceMessage(call, state.getSourceForNode(difference.subtrahend()), rows));
  }

  /**
   * The delete {@code action} runs on each element, by name: {@code repo::deleteById}, {@code
   * em::remove}, {@code id -> repo.deleteByExternalId(id)}.
   */
  private static Optional<String> deletedByEach(ExpressionTree action, VisitorState state) {
    ExpressionTree a = ASTHelpers.stripParentheses(action);
    if (a instanceof MemberReferenceTree reference
        && reference.getMode() == MemberReferenceTree.ReferenceMode.INVOKE
        && ASTHelpers.getSymbol((Tree) reference) instanceof Symbol.MethodSymbol method
        && method.getParameters().size() == 1
        && deletesOne(method, reference, state)) {
      return Optional.of(reference.getName().toString());
    }
    if (a instanceof LambdaExpressionTree lambda && lambda.getParameters().size() == 1) {
      Symbol element = ASTHelpers.getSymbol(lambda.getParameters().get(0));
      MethodInvocationTree call = Bodies.singleCall(lambda);
      if (call != null
          && call.getArguments().size() == 1
          && element != null
          && ASTHelpers.getSymbol(call.getArguments().get(0)) == element
          && deletesOne(Invocations.symbol(call), call, state)) {
        return Optional.of(Invocations.name(call));
      }
    }
    return Optional.empty();
  }

  /**
   * A delete of one row: {@code repo.delete(e)}, {@code repo.deleteById(id)}, {@code em.remove(e)},
   * or a {@code delete...}/{@code remove...} method of the application's own repository.
   */
  private static boolean deletesOne(
      Symbol.MethodSymbol method, ExpressionTree call, VisitorState state) {
    if (method == null) {
      return false;
    }
    String name = method.getSimpleName().toString();
    if (!name.startsWith("delete") && !name.startsWith("remove")) {
      return false;
    }
    if (call instanceof MethodInvocationTree invocation) {
      return DeleteApis.DELETE_ONE.matches(invocation, state)
          || DeleteApis.DELETE_BY_ID.matches(invocation, state)
          || isOwnRepositoryMethod(method, state);
    }
    MemberReferenceTree reference = (MemberReferenceTree) call;
    return DeleteApis.DELETE_ONE.matches(reference, state)
        || DeleteApis.DELETE_BY_ID.matches(reference, state)
        || isOwnRepositoryMethod(method, state);
  }

  private static boolean isOwnRepositoryMethod(Symbol.MethodSymbol method, VisitorState state) {
    return method.owner instanceof Symbol.ClassSymbol owner
        && owner.isInterface()
        && !isLibrary(owner.getQualifiedName().toString())
        && SpringDataRepositories.isRepository(owner.type, state);
  }

  /** The collection of {@code c.forEach} or {@code c.stream().forEach}. */
  private static ExpressionTree streamSource(ExpressionTree receiver) {
    ExpressionTree r = ASTHelpers.stripParentheses(receiver);
    if (r instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && Invocations.name(call).equals("stream")
        && ASTHelpers.getReceiver(call) != null) {
      return ASTHelpers.getReceiver(call);
    }
    return r;
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

  private static String differenceMessage(String call, String subtrahend, String rows) {
    return call
        + " deletes everything that "
        + subtrahend
        + " does not list, and "
        + subtrahend
        + " is not checked first: if it comes back empty or partial, "
        + rows
        + " goes. Return or throw"
        + " when "
        + subtrahend
        + ".isEmpty(), or when the deletion is a large share of the total, before deleting";
  }
}
