package dev.rowguard.checker.util;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The bodies of loops and lambdas, read the one way every check reads them. */
public final class Bodies {

  private Bodies() {}

  /** The statements of a loop body: a block's statements, or the one statement without braces. */
  public static List<? extends StatementTree> statements(StatementTree body) {
    return body instanceof BlockTree block ? block.getStatements() : List.of(body);
  }

  /**
   * The one call a lambda makes: {@code x -> repo.delete(x)} or {@code x -> { repo.delete(x); }};
   * null for any other body.
   */
  public static @Nullable MethodInvocationTree singleCall(LambdaExpressionTree lambda) {
    Tree body = lambda.getBody();
    if (body instanceof BlockTree block
        && block.getStatements().size() == 1
        && block.getStatements().get(0) instanceof ExpressionStatementTree statement) {
      body = statement.getExpression();
    }
    return body instanceof MethodInvocationTree call ? call : null;
  }
}
