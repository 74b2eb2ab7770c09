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
import com.sun.source.tree.BlockTree;
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
import dev.rowguard.checker.util.DocumentedCheck;
import dev.rowguard.checker.util.Invocations;
import java.util.List;

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
    ExpressionTree collection;
    if (DeleteApis.DELETE_COLLECTION.matches(tree, state)) {
      collection = tree.getArguments().get(0);
    } else if (name.equals("forEach") && deletesEachElement(tree.getArguments().get(0), state)) {
      collection = streamSource(ASTHelpers.getReceiver(tree));
    } else {
      return Description.NO_MATCH;
    }
    if (collection == null || MassDeletes.isDeclared(state)) {
      return Description.NO_MATCH;
    }
    return ManyToManyCollections.of(collection, state)
        .map(reference -> describe(tree, reference, state, false))
        .orElse(Description.NO_MATCH);
  }

  /** {@code for (Tag t : article.getTags()) { tagRepository.delete(t); }} */
  @Override
  public Description matchEnhancedForLoop(EnhancedForLoopTree tree, VisitorState state) {
    Symbol element = ASTHelpers.getSymbol(tree.getVariable());
    List<? extends StatementTree> body =
        tree.getStatement() instanceof BlockTree block
            ? block.getStatements()
            : List.of(tree.getStatement());
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
        .map(reference -> describe(tree, reference, state, !onlyDeletes))
        .orElse(Description.NO_MATCH);
  }

  private Description describe(
      Tree tree, Reference reference, VisitorState state, boolean loopDoesMore) {
    var field = reference.field();
    String owner = field.symbol().owner.getSimpleName().toString();
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
                    + reference.live().map(state::getSourceForNode).orElse("the collection")
                    + ".clear()) and delete only entities nothing references any more");
    // Clearing the inverse side changes nothing in the database, and a loop that does more than
    // delete would lose its other statements.
    boolean owningSide = field.mappedBy().isEmpty();
    if (owningSide && !loopDoesMore && reference.live().isPresent()) {
      String clear = state.getSourceForNode(reference.live().get()) + ".clear()";
      description.addFix(
          tree instanceof EnhancedForLoopTree
              ? SuggestedFix.replace(tree, clear + ";")
              : SuggestedFix.replace(tree, clear));
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
      Tree body = lambda.getBody();
      if (body instanceof BlockTree block
          && block.getStatements().size() == 1
          && block.getStatements().get(0) instanceof ExpressionStatementTree statement) {
        body = statement.getExpression();
      }
      return body instanceof MethodInvocationTree call && deletesOne(call, element, state);
    }
    return false;
  }

  private static boolean deletesOne(MethodInvocationTree call, Symbol element, VisitorState state) {
    return call.getArguments().size() == 1
        && ASTHelpers.getSymbol(call.getArguments().get(0)) == element
        && DeleteApis.DELETE_ONE.matches(call, state);
  }

  /** The collection of {@code c.forEach} or {@code c.stream().forEach}. */
  private static ExpressionTree streamSource(ExpressionTree receiver) {
    if (receiver instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && Invocations.name(call).equals("stream")) {
      return ASTHelpers.getReceiver(call);
    }
    return receiver;
  }
}
