package dev.rowguard.checker.util;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;

/**
 * Method calls read without ever throwing: the name straight from the syntax (the cheap first
 * filter, before any type work), the symbol only when javac attributed one.
 */
public final class Invocations {

  private Invocations() {}

  /** The called method's simple name as written; empty for shapes that have none. */
  public static String name(MethodInvocationTree call) {
    ExpressionTree select = call.getMethodSelect();
    if (select instanceof MemberSelectTree member) {
      return member.getIdentifier().toString();
    }
    if (select instanceof IdentifierTree identifier) {
      return identifier.getName().toString();
    }
    return "";
  }

  /** The called method, or null where javac attributed none (erroneous code). */
  public static Symbol.MethodSymbol symbol(MethodInvocationTree call) {
    return ASTHelpers.getSymbol(call.getMethodSelect()) instanceof Symbol.MethodSymbol method
        ? method
        : null;
  }
}
