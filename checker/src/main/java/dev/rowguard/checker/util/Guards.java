package dev.rowguard.checker.util;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import org.jspecify.annotations.Nullable;

/**
 * The one walk from a node up to its enclosing method that asks "is this node guarded by a check of
 * X": at each enclosing {@code if}, {@code ?:}, {@code &&} or {@code ||} whether the branch the
 * node is on is taken only when X holds, and in each enclosing block whether an earlier statement
 * established X. What counts as a check of X is the caller's {@link Guard}. No data flow.
 */
public final class Guards {

  /** What counts as a guard: a null check, an emptiness check, ... */
  public interface Guard {
    /**
     * True when the node is guarded on a branch taken only when {@code condition} is {@code
     * outcome}.
     */
    boolean whenConditionIs(ExpressionTree condition, boolean outcome);

    /** True when {@code statement}, completed before the node in an enclosing block, guards it. */
    boolean after(StatementTree statement);
  }

  private Guards() {}

  /** True when {@code guard} holds for the node at {@code path}, within its enclosing method. */
  public static boolean isGuarded(TreePath path, Guard guard) {
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree parent = p.getLeaf();
      if (parent instanceof MethodTree || parent instanceof ClassTree) {
        return false;
      }
      if (parent instanceof IfTree ifTree) {
        if ((child == ifTree.getThenStatement()
                && guard.whenConditionIs(ifTree.getCondition(), true))
            || (child == ifTree.getElseStatement()
                && guard.whenConditionIs(ifTree.getCondition(), false))) {
          return true;
        }
      } else if (parent instanceof ConditionalExpressionTree c) {
        if ((child == c.getTrueExpression() && guard.whenConditionIs(c.getCondition(), true))
            || (child == c.getFalseExpression()
                && guard.whenConditionIs(c.getCondition(), false))) {
          return true;
        }
      } else if (parent instanceof BinaryTree b && child == b.getRightOperand()) {
        if ((b.getKind() == Tree.Kind.CONDITIONAL_AND
                && guard.whenConditionIs(b.getLeftOperand(), true))
            || (b.getKind() == Tree.Kind.CONDITIONAL_OR
                && guard.whenConditionIs(b.getLeftOperand(), false))) {
          return true;
        }
      } else if (parent instanceof BlockTree block) {
        for (StatementTree s : block.getStatements()) {
          if (s == child) {
            break;
          }
          if (guard.after(s)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The path of the method enclosing {@code path} (not looking past a class), or null. */
  public static @Nullable TreePath enclosingMethod(TreePath path) {
    for (TreePath p = path;
        p != null && !(p.getLeaf() instanceof ClassTree);
        p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree) {
        return p;
      }
    }
    return null;
  }

  /**
   * True when {@code statement} ends in a throw, return, continue or break: what follows it is
   * skipped.
   */
  public static boolean exits(StatementTree statement) {
    StatementTree last = statement;
    while (last instanceof BlockTree block && !block.getStatements().isEmpty()) {
      last = block.getStatements().get(block.getStatements().size() - 1);
    }
    return last instanceof ThrowTree
        || last instanceof ReturnTree
        || last instanceof ContinueTree
        || last instanceof BreakTree;
  }
}
