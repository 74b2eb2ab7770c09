package dev.rowguard.checker.util;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;

/** Method calls read from the syntax alone: the cheap first filter, before any type work. */
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
}
