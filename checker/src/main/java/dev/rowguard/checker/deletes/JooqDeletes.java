package dev.rowguard.checker.deletes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.rowguard.checker.util.Invocations;
import java.util.Optional;

/** jOOQ DELETE and TRUNCATE chains written in one expression. */
final class JooqDeletes {

  private JooqDeletes() {}

  /**
   * The call that started the unbounded DELETE or TRUNCATE that {@code execution} runs: the {@code
   * deleteFrom(T)}, {@code delete(T)} or {@code truncate(T)} of a chain without {@code where},
   * {@code whereExists} or {@code limit}. Empty for bounded chains and for queries built elsewhere.
   */
  static Optional<MethodInvocationTree> unboundedStart(
      MethodInvocationTree execution, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(execution);
    while (receiver instanceof MethodInvocationTree call) {
      String name = Invocations.name(call);
      if (DeleteApis.JOOQ_BOUNDING_STEPS.contains(name)) {
        return Optional.empty();
      }
      if (DeleteApis.JOOQ_DELETE_START.hasName(name)) {
        return DeleteApis.JOOQ_DELETE_START.matches(call, state)
            ? Optional.of(call)
            : Optional.empty();
      }
      receiver = ASTHelpers.getReceiver(call);
    }
    return Optional.empty();
  }
}
