package dev.rowguard.checker.nullness;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.util.Guards;
import dev.rowguard.checker.util.Invocations;
import java.util.List;
import java.util.Set;

/**
 * Recognises null checks that dominate a point in the code, in the plain shapes people write: an
 * enclosing {@code if (x != null)} (or the else of {@code if (x == null)}), {@code x != null &&
 * ...}, {@code x != null ? ... : ...}, or earlier in an enclosing block {@code if (x == null)
 * return/throw}, {@code if (x == null) x = ...}, {@code Objects.requireNonNull(x)} and its
 * relatives. No data flow: anything cleverer is not recognised, and the value counts as possibly
 * null.
 */
public final class NullChecks {

  /** Static one-argument tests that are true only for a non-null argument. */
  private static final Set<String> NON_NULL_WHEN_TRUE =
      Set.of("nonNull", "hasText", "hasLength", "isNotEmpty", "isNotBlank");

  /** Static one-argument tests that are true for a null argument. */
  private static final Set<String> NULL_WHEN_TRUE =
      Set.of("isNull", "isNullOrEmpty", "isEmpty", "isBlank");

  /**
   * Methods that throw when their first argument is null: {@code Objects.requireNonNull}, Guava's
   * {@code Preconditions.checkNotNull} and {@code Verify.verifyNotNull}, Spring's {@code
   * Assert.notNull}/{@code hasText}, commons-lang's {@code Validate.notNull}.
   */
  private static final Set<String> REQUIRE_NON_NULL =
      Set.of(
          "requireNonNull",
          "checkNotNull",
          "verifyNotNull",
          "notNull",
          "hasText",
          "hasLength",
          "notBlank",
          "notEmpty");

  private NullChecks() {}

  /** True when a null check of {@code value} dominates the node at {@code state}'s path. */
  public static boolean isCheckedNonNull(ExpressionTree value, VisitorState state) {
    return Guards.isGuarded(
        state.getPath(),
        new Guards.Guard() {
          @Override
          public boolean whenConditionIs(ExpressionTree condition, boolean outcome) {
            return implies(condition, value, outcome);
          }

          @Override
          public boolean after(StatementTree statement) {
            return establishesNonNull(statement, value);
          }
        });
  }

  /** True when {@code condition} evaluating to {@code outcome} means {@code value} is not null. */
  private static boolean implies(ExpressionTree condition, ExpressionTree value, boolean outcome) {
    ExpressionTree c = ASTHelpers.stripParentheses(condition);
    switch (c.getKind()) {
      case NOT_EQUAL_TO:
      case EQUAL_TO:
        BinaryTree b = (BinaryTree) c;
        boolean comparesWithNull =
            (isNull(b.getLeftOperand()) && SameValue.same(b.getRightOperand(), value))
                || (isNull(b.getRightOperand()) && SameValue.same(b.getLeftOperand(), value));
        return comparesWithNull && (outcome == (c.getKind() == Tree.Kind.NOT_EQUAL_TO));
      case LOGICAL_COMPLEMENT:
        return implies(((UnaryTree) c).getExpression(), value, !outcome);
      case CONDITIONAL_AND:
        return outcome
            && (implies(((BinaryTree) c).getLeftOperand(), value, true)
                || implies(((BinaryTree) c).getRightOperand(), value, true));
      case CONDITIONAL_OR:
        return !outcome
            && (implies(((BinaryTree) c).getLeftOperand(), value, false)
                || implies(((BinaryTree) c).getRightOperand(), value, false));
      case INSTANCE_OF:
        return outcome && SameValue.same(((InstanceOfTree) c).getExpression(), value);
      case METHOD_INVOCATION:
        MethodInvocationTree call = (MethodInvocationTree) c;
        Symbol.MethodSymbol method = Invocations.symbol(call);
        if (method == null
            || !method.isStatic()
            || call.getArguments().size() != 1
            || !SameValue.same(call.getArguments().get(0), value)) {
          return false;
        }
        String name = method.getSimpleName().toString();
        return outcome ? NON_NULL_WHEN_TRUE.contains(name) : NULL_WHEN_TRUE.contains(name);
      default:
        return false;
    }
  }

  /** True when, after {@code statement} completes normally, {@code value} is not null. */
  private static boolean establishesNonNull(StatementTree statement, ExpressionTree value) {
    if (statement instanceof IfTree ifTree && ifTree.getElseStatement() == null) {
      return implies(ifTree.getCondition(), value, false)
          && exitsOrAssigns(ifTree.getThenStatement(), value);
    }
    if (statement instanceof ExpressionStatementTree e) {
      ExpressionTree expression = e.getExpression();
      if (expression instanceof AssignmentTree assignment) {
        expression = assignment.getExpression();
      }
      if (expression instanceof MethodInvocationTree call && !call.getArguments().isEmpty()) {
        Symbol.MethodSymbol method = Invocations.symbol(call);
        return method != null
            && method.isStatic()
            && REQUIRE_NON_NULL.contains(method.getSimpleName().toString())
            && SameValue.same(call.getArguments().get(0), value);
      }
    }
    return false;
  }

  /**
   * True when {@code branch} never falls through, or ends by assigning {@code value} a replacement.
   */
  private static boolean exitsOrAssigns(StatementTree branch, ExpressionTree value) {
    StatementTree last = branch;
    if (branch instanceof BlockTree block) {
      List<? extends StatementTree> statements = block.getStatements();
      if (statements.isEmpty()) {
        return false;
      }
      last = statements.get(statements.size() - 1);
    }
    if (Guards.exits(last)) {
      return true;
    }
    return last instanceof ExpressionStatementTree e
        && e.getExpression() instanceof AssignmentTree assignment
        && !isNull(assignment.getExpression())
        && SameValue.same(assignment.getVariable(), value);
  }

  private static boolean isNull(ExpressionTree t) {
    return ASTHelpers.stripParentheses(t).getKind() == Tree.Kind.NULL_LITERAL;
  }
}
