package dev.rowguard.checker.deletes;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.EnhancedForLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
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
import dev.rowguard.checker.deletes.ManyToManyCollections.Reference;
import dev.rowguard.checker.util.Bodies;
import dev.rowguard.checker.util.DocumentedCheck;
import dev.rowguard.checker.util.Invocations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The elements of a {@code @ManyToMany} association are deleted where the intent was to unassign
 * them.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "Deletes the shared targets of a @ManyToMany association instead of unassigning them",
    severity = WARNING)
public final class DeleteInsteadOfUnassign extends DocumentedCheck
    implements MethodInvocationTreeMatcher, EnhancedForLoopTreeMatcher {

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (tree.getArguments().size() != 1) {
      return Description.NO_MATCH;
    }
    String name = Invocations.name(tree);
    Streamed streamed;
    if (DeleteApis.DELETE_COLLECTION.matches(tree, state)) {
      streamed = Streamed.of(tree.getArguments().get(0));
    } else if (name.equals("forEach")
        && ASTHelpers.getReceiver(tree) != null
        && deletesEachElement(tree.getArguments().get(0), state)) {
      streamed = Streamed.of(ASTHelpers.getReceiver(tree));
    } else {
      return Description.NO_MATCH;
    }
    if (MassDeletes.isDeclared(state)) {
      return Description.NO_MATCH;
    }
    return ManyToManyCollections.of(streamed.source(), state)
        .map(reference -> describe(tree, reference, streamed.filters(), state, false))
        .orElse(Description.NO_MATCH);
  }

  /** {@code for (Tag t : article.getTags()) { tagRepository.delete(t); }} */
  @Override
  public Description matchEnhancedForLoop(EnhancedForLoopTree tree, VisitorState state) {
    Symbol element = ASTHelpers.getSymbol(tree.getVariable());
    List<? extends StatementTree> body = Bodies.statements(tree.getStatement());
    boolean deletes = false;
    for (StatementTree statement : body) {
      if (statement instanceof ExpressionStatementTree expression
          && expression.getExpression() instanceof MethodInvocationTree call
          && deletesOne(call, element, state)) {
        deletes = true;
      }
    }
    if (!deletes || MassDeletes.isDeclared(state)) {
      return Description.NO_MATCH;
    }
    boolean onlyDeletes = body.size() == 1;
    return ManyToManyCollections.of(tree.getExpression(), state)
        .map(reference -> describe(tree, reference, List.of(), state, !onlyDeletes))
        .orElse(Description.NO_MATCH);
  }

  private Description describe(
      Tree tree,
      Reference reference,
      List<ExpressionTree> filters,
      VisitorState state,
      boolean loopDoesMore) {
    var field = reference.field();
    String owner = field.symbol().owner.getSimpleName().toString();
    String live = reference.live().map(state::getSourceForNode).orElse("the collection");
    // A filtered stream deletes some of the elements: removeIf with the same filter unassigns them.
    String unassign =
        filters.isEmpty()
            ? live + ".clear()"
            : filters.size() == 1
                ? live + ".removeIf(" + state.getSourceForNode(filters.get(0)) + ")"
                : live + ".removeIf(...)";
    Description.Builder description =
        buildDescription(tree)
            .setMessage(
                "This deletes the entities in "
                    + owner
                    + "."
                    + field.name()
                    + ", a @ManyToMany: every other "
                    + owner
                    + " that shares them loses them too. To unassign, remove them from the collection"
                    + " (for example "
                    + unassign
                    + ") and delete only entities nothing references any more");
    // Clearing the inverse side changes nothing in the database, and a loop that does more than
    // delete would lose its other statements.
    boolean owningSide = field.mappedBy().isEmpty();
    if (owningSide && !loopDoesMore && reference.live().isPresent() && filters.size() <= 1) {
      description.addFix(
          tree instanceof EnhancedForLoopTree
              ? SuggestedFix.replace(tree, unassign + ";")
              : SuggestedFix.replace(tree, unassign));
    }
    return description.build();
  }

  /** {@code repo::delete}, {@code em::remove} or {@code t -> repo.delete(t)}. */
  private static boolean deletesEachElement(ExpressionTree action, VisitorState state) {
    ExpressionTree a = ASTHelpers.stripParentheses(action);
    if (a instanceof MemberReferenceTree reference) {
      return DeleteApis.DELETE_ONE.matches(reference, state);
    }
    if (a instanceof LambdaExpressionTree lambda && lambda.getParameters().size() == 1) {
      Symbol element = ASTHelpers.getSymbol(lambda.getParameters().get(0));
      MethodInvocationTree call = Bodies.singleCall(lambda);
      return call != null && deletesOne(call, element, state);
    }
    return false;
  }

  private static boolean deletesOne(MethodInvocationTree call, Symbol element, VisitorState state) {
    return call.getArguments().size() == 1
        && ASTHelpers.getSymbol(call.getArguments().get(0)) == element
        && DeleteApis.DELETE_ONE.matches(call, state);
  }

  /**
   * The collection a stream of the same elements starts from, and the filters on the way: {@code c}
   * and {@code [p]} for {@code c.stream().filter(p).toList()}; {@code e} itself and no filters when
   * it is no such stream.
   */
  private record Streamed(ExpressionTree source, List<ExpressionTree> filters) {

    /** Calls that keep the elements (some of them for {@code filter}) as they are. */
    private static final Set<String> KEEPING =
        Set.of("filter", "sorted", "distinct", "toList", "collect", "peek");

    private static final int MAX_LINKS = 8;

    static Streamed of(ExpressionTree e) {
      List<ExpressionTree> filters = new ArrayList<>();
      ExpressionTree link = ASTHelpers.stripParentheses(e);
      for (int i = 0; i < MAX_LINKS && link instanceof MethodInvocationTree call; i++) {
        String name = Invocations.name(call);
        ExpressionTree receiver = ASTHelpers.getReceiver(call);
        if (receiver == null) {
          break;
        }
        if (name.equals("stream") && call.getArguments().isEmpty()) {
          return new Streamed(ASTHelpers.stripParentheses(receiver), List.copyOf(filters));
        }
        if (!KEEPING.contains(name)) {
          break;
        }
        if (name.equals("filter") && call.getArguments().size() == 1) {
          filters.add(0, call.getArguments().get(0));
        }
        link = ASTHelpers.stripParentheses(receiver);
      }
      return new Streamed(ASTHelpers.stripParentheses(e), List.of());
    }
  }
}
