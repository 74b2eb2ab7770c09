package dev.rowguard.checker.deletes;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import dev.rowguard.checker.jpa.Jpa;
import dev.rowguard.checker.util.Invocations;
import dev.rowguard.checker.util.LocalValues;
import java.util.List;

/** Spring Data JPA {@code Specification}s that visibly restrict nothing. */
final class Specifications {

  private static final int MAX_DEPTH = 4;

  private static final Matcher<ExpressionTree> CONJUNCTION =
      instanceMethod().onDescendantOfAny(Jpa.CRITERIA_BUILDER).named("conjunction");

  private Specifications() {}

  /**
   * True for {@code null}, {@code Specification.where(null)}, {@code allOf()}/{@code anyOf()} with
   * no argument, and lambdas returning {@code null} or {@code cb.conjunction()}: Spring Data
   * renders each as a DELETE without WHERE. Anything else, including a specification built
   * elsewhere, is assumed to restrict.
   */
  static boolean isUnrestricted(ExpressionTree spec, VisitorState state) {
    return isUnrestricted(spec, state, 0);
  }

  private static boolean isUnrestricted(ExpressionTree spec, VisitorState state, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    ExpressionTree e = ASTHelpers.stripParentheses(spec);
    if (e.getKind() == Tree.Kind.NULL_LITERAL) {
      return true;
    }
    if (e instanceof TypeCastTree cast) {
      return isUnrestricted(cast.getExpression(), state, depth + 1);
    }
    if (e instanceof LambdaExpressionTree lambda) {
      return lambda.getBody() instanceof ExpressionTree body
          ? isEmptyPredicate(body, state)
          : lambda.getBody() instanceof BlockTree block
              && block.getStatements().size() == 1
              && block.getStatements().get(0) instanceof ReturnTree ret
              && ret.getExpression() != null
              && isEmptyPredicate(ret.getExpression(), state);
    }
    if (e instanceof MethodInvocationTree call
        && DeleteApis.SPECIFICATION_COMBINATOR.matches(call, state)) {
      List<? extends ExpressionTree> args = call.getArguments();
      if (args.isEmpty()) {
        return true;
      }
      return Invocations.name(call).equals("where")
          && isUnrestricted(args.get(0), state, depth + 1);
    }
    return LocalValues.initializer(e, state)
        .map(init -> isUnrestricted(init, state, depth + 1))
        .orElse(false);
  }

  private static boolean isEmptyPredicate(ExpressionTree body, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(body);
    return e.getKind() == Tree.Kind.NULL_LITERAL || CONJUNCTION.matches(e, state);
  }
}
