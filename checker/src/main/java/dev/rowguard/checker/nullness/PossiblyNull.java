package dev.rowguard.checker.nullness;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.jpa.EntityModel;
import dev.rowguard.checker.jpa.EntityModels;
import dev.rowguard.checker.jpa.PersistentField;
import dev.rowguard.checker.util.Invocations;
import dev.rowguard.checker.util.LocalValues;
import java.util.Optional;
import javax.lang.model.element.ElementKind;

/**
 * Tells whether an expression may evaluate to null, from what the code states rather than from data
 * flow: the {@code null} literal, {@code orElse(null)}, a {@code @Nullable} declaration, a read of
 * a nullable entity column, a conditional with such a branch, or an effectively final local
 * initialised with one of those. Everything else is assumed non-null.
 */
public final class PossiblyNull {

  /** How many effectively final locals are followed back to their initialisers. */
  private static final int MAX_LOCAL_HOPS = 3;

  private PossiblyNull() {}

  /**
   * Why {@code expression} may be null, for a diagnostic ("it is a @Nullable parameter"); empty
   * when it is not known to be.
   */
  public static Optional<String> reason(ExpressionTree expression, VisitorState state) {
    return reason(expression, state, MAX_LOCAL_HOPS);
  }

  private static Optional<String> reason(ExpressionTree expression, VisitorState state, int hops) {
    ExpressionTree e = ASTHelpers.stripParentheses(expression);
    switch (e.getKind()) {
      case NULL_LITERAL:
        return Optional.of("it is the null literal");
      case CONDITIONAL_EXPRESSION:
        ConditionalExpressionTree c = (ConditionalExpressionTree) e;
        return reason(c.getTrueExpression(), state, hops)
            .or(() -> reason(c.getFalseExpression(), state, hops))
            .map(r -> "it comes from a conditional whose branch may be null (" + r + ")");
      case IDENTIFIER:
      case MEMBER_SELECT:
        return variable(ASTHelpers.getSymbol(e), state, hops);
      case METHOD_INVOCATION:
        return method((MethodInvocationTree) e, state);
      default:
        return Optional.empty();
    }
  }

  private static Optional<String> variable(Symbol symbol, VisitorState state, int hops) {
    if (!(symbol instanceof Symbol.VarSymbol var) || var.type.isPrimitive()) {
      return Optional.empty();
    }
    String name = var.getSimpleName().toString();
    if (NullableAnnotations.isNullable(var)) {
      String kind =
          switch (var.getKind()) {
            case PARAMETER -> "parameter";
            case FIELD -> "field";
            default -> "variable";
          };
      return Optional.of("it is the @Nullable " + kind + " " + name);
    }
    if (var.getKind() == ElementKind.FIELD && var.owner instanceof Symbol.ClassSymbol owner) {
      Optional<EntityModel> model = EntityModels.instance(state).of(owner);
      if (model.flatMap(m -> m.field(var)).filter(PersistentField::nullable).isPresent()) {
        return Optional.of("it reads the nullable column " + owner.getSimpleName() + "." + name);
      }
    }
    if (var.getKind() == ElementKind.LOCAL_VARIABLE
        && hops > 0
        && (var.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0) {
      // A check of the initialiser's own expression (if (a.getUri() != null) { var uri =
      // a.getUri(); ...}) counts too.
      return LocalValues.initializer(var, state)
          .filter(init -> !NullChecks.isCheckedNonNull(init, state))
          .flatMap(init -> reason(init, state, hops - 1));
    }
    return Optional.empty();
  }

  private static Optional<String> method(MethodInvocationTree call, VisitorState state) {
    Symbol.MethodSymbol method = Invocations.symbol(call);
    if (method == null || method.getReturnType().isPrimitive()) {
      return Optional.empty();
    }
    String name = method.getSimpleName().toString();
    if (name.equals("orElse")
        && call.getArguments().size() == 1
        && call.getArguments().get(0).getKind() == Tree.Kind.NULL_LITERAL) {
      return Optional.of("it is orElse(null)");
    }
    if (NullableAnnotations.isNullable(method)) {
      return Optional.of("it is returned by the @Nullable method " + name + "()");
    }
    if (call.getArguments().isEmpty() && method.owner instanceof Symbol.ClassSymbol owner) {
      Optional<PersistentField> field =
          EntityModels.instance(state)
              .of(owner)
              .flatMap(m -> m.fieldForGetter(method))
              .filter(PersistentField::nullable);
      if (field.isPresent()
          && state.getTypes().isSameType(field.get().symbol().type, method.getReturnType())) {
        return Optional.of(
            "it reads the nullable column " + owner.getSimpleName() + "." + field.get().name());
      }
    }
    return Optional.empty();
  }
}
