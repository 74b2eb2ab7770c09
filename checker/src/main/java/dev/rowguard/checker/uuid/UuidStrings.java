package dev.rowguard.checker.uuid;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.rowguard.checker.collections.ElementTypes;
import dev.rowguard.checker.util.LocalValues;
import javax.lang.model.element.ElementKind;

/** Recognizes Strings made from a UUID: {@code id.toString()}, {@code String.valueOf(id)}. */
final class UuidStrings {

  private static final Matcher<ExpressionTree> UUID_TO_STRING =
      instanceMethod().onExactClass("java.util.UUID").named("toString");

  private static final Matcher<ExpressionTree> ONE_ARGUMENT_TO_STRING =
      anyOf(
          staticMethod().onClass("java.lang.String").named("valueOf"),
          staticMethod().onClass("java.util.Objects").named("toString"));

  /**
   * The UUID expression {@code tree} is the text of, or null. A String local counts when its
   * initializer is such an expression.
   */
  public static ExpressionTree uuidBehind(ExpressionTree tree, VisitorState state) {
    ExpressionTree stripped = stripParentheses(tree);
    if (stripped instanceof IdentifierTree
        && getSymbol(stripped) instanceof VarSymbol local
        && local.getKind() == ElementKind.LOCAL_VARIABLE
        && ElementTypes.isString(local.type, state)) {
      Tree initializer = LocalValues.initializer(local, state).orElse(null);
      return initializer instanceof ExpressionTree expression ? direct(expression, state) : null;
    }
    return direct(stripped, state);
  }

  /** The UUID {@code tree} converts, when {@code tree} itself is the conversion. */
  public static ExpressionTree direct(ExpressionTree tree, VisitorState state) {
    if (!(stripParentheses(tree) instanceof MethodInvocationTree call)) {
      return null;
    }
    if (call.getArguments().isEmpty() && UUID_TO_STRING.matches(call, state)) {
      return getReceiver(call);
    }
    if (call.getArguments().size() == 1
        && ElementTypes.isUuid(getType(call.getArguments().get(0)), state)
        && ONE_ARGUMENT_TO_STRING.matches(call, state)) {
      return call.getArguments().get(0);
    }
    return null;
  }

  private UuidStrings() {}
}
