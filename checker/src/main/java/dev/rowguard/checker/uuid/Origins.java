package dev.rowguard.checker.uuid;

import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.Signatures;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.rowguard.checker.util.LocalValues;

/** Says in a message where a value comes from: "`liveIds` (List<String> from `dir.list()`)". */
final class Origins {

  private static final int MAX_SOURCE = 70;

  public static String describe(ExpressionTree tree, VisitorState state) {
    ExpressionTree expression = stripParentheses(tree);
    String source = quote(expression, state);
    if ((expression instanceof IdentifierTree || expression instanceof MemberSelectTree)
        && getSymbol(expression) instanceof VarSymbol variable) {
      String type = pretty(variable.type);
      switch (variable.getKind()) {
        case PARAMETER:
          return "parameter " + source + " (" + type + ")";
        case FIELD:
          return "field " + source + " (" + type + ")";
        case LOCAL_VARIABLE:
          Tree initializer = LocalValues.initializer(variable, state).orElse(null);
          return initializer == null
              ? source + " (" + type + ")"
              : source + " (" + type + " from " + quote(initializer, state) + ")";
        default:
          return source + " (" + type + ")";
      }
    }
    return source + " (" + pretty(getType(expression)) + ")";
  }

  /** The line {@code tree} starts on, for pointing at the other half of a mix. */
  public static long line(Tree tree, VisitorState state) {
    return state
        .getPath()
        .getCompilationUnit()
        .getLineMap()
        .getLineNumber(ASTHelpers.getStartPosition(tree));
  }

  public static String quote(Tree tree, VisitorState state) {
    String source = state.getSourceForNode(tree);
    String text = (source == null ? tree.toString() : source).replaceAll("\\s+", " ");
    return "`"
        + (text.length() > MAX_SOURCE ? text.substring(0, MAX_SOURCE - 3) + "..." : text)
        + "`";
  }

  private static String pretty(Type type) {
    return type == null ? "?" : Signatures.prettyType(type);
  }

  private Origins() {}
}
