package dev.rowguard.checker.nullness;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;

/**
 * Whether two expressions read the same value: the same local, parameter or field ({@code uri},
 * {@code this.uri}), or the same getter on the same receiver ({@code account.getUri()}). Writes in
 * between are not tracked; callers use this only to recognise null checks.
 */
final class SameValue {

  private SameValue() {}

  static boolean same(ExpressionTree a, ExpressionTree b) {
    ExpressionTree x = ASTHelpers.stripParentheses(a);
    ExpressionTree y = ASTHelpers.stripParentheses(b);
    if (x instanceof MethodInvocationTree mx && y instanceof MethodInvocationTree my) {
      return mx.getArguments().isEmpty()
          && my.getArguments().isEmpty()
          && same(mx.getMethodSelect(), my.getMethodSelect());
    }
    if (!isAccess(x) || !isAccess(y)) {
      return false;
    }
    Symbol sx = ASTHelpers.getSymbol(x);
    Symbol sy = ASTHelpers.getSymbol(y);
    if (sx == null || sx != sy) {
      return false;
    }
    ExpressionTree rx = receiver(x);
    ExpressionTree ry = receiver(y);
    if (rx == null || ry == null) {
      return isThisOrAbsent(rx) && isThisOrAbsent(ry);
    }
    return isThisOrAbsent(rx) && isThisOrAbsent(ry) || same(rx, ry);
  }

  private static boolean isAccess(ExpressionTree t) {
    return t instanceof IdentifierTree || t instanceof MemberSelectTree;
  }

  private static ExpressionTree receiver(ExpressionTree t) {
    return t instanceof MemberSelectTree select ? select.getExpression() : null;
  }

  private static boolean isThisOrAbsent(ExpressionTree receiver) {
    return receiver == null
        || (receiver.getKind() == Tree.Kind.IDENTIFIER
            && ((IdentifierTree) receiver).getName().contentEquals("this"));
  }
}
