package dev.rowguard.checker.uuid;

import static com.google.errorprone.util.ASTHelpers.getType;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.suppliers.Suppliers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.TypeVariableSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Type.ArrayType;
import com.sun.tools.javac.code.Types;
import dev.rowguard.checker.collections.ComparedArguments.Side;
import java.util.Optional;

/**
 * Converts the String side of a comparison to UUIDs right where it is passed: {@code
 * UUID.fromString(s)} for one element, {@code strings.stream().map(UUID::fromString).toList()} (or
 * {@code .collect(Collectors.toSet())}) for a collection. Offered only when the call still compiles
 * with the same result type.
 */
final class StringSideFix {

  private static final Supplier<Type> COLLECTION = Suppliers.typeFromString("java.util.Collection");
  private static final Supplier<Type> LIST = Suppliers.typeFromString("java.util.List");
  private static final Supplier<Type> SET = Suppliers.typeFromString("java.util.Set");

  public static Optional<SuggestedFix> convert(
      MethodSymbol method, Side strings, VisitorState state) {
    if (changesResultType(method, strings.parameter())) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String uuid = SuggestedFixes.qualifyType(state, fix, "java.util.UUID");
    switch (strings.shape()) {
      case ELEMENT, VARARGS -> {
        if (getType(strings.tree()) instanceof ArrayType) {
          return Optional.empty(); // an array passed as the varargs
        }
        for (ExpressionTree tree : strings.trees()) {
          String source = state.getSourceForNode(tree);
          if (source == null) {
            return Optional.empty();
          }
          fix.replace(tree, uuid + ".fromString(" + source + ")");
        }
      }
      case CONTAINER -> {
        Types types = state.getTypes();
        Type argument = getType(strings.tree());
        Type parameter = types.erasure(method.getParameters().get(strings.parameter()).type);
        if (argument == null
            || !types.isSubtype(types.erasure(argument), types.erasure(COLLECTION.get(state)))) {
          return Optional.empty();
        }
        String source = state.getSourceForNode(strings.tree());
        if (source == null) {
          return Optional.empty();
        }
        String converted =
            receiver(strings.tree(), source) + ".stream().map(" + uuid + "::fromString)";
        if (types.isSubtype(types.erasure(LIST.get(state)), parameter)) {
          fix.replace(strings.tree(), converted + ".toList()");
        } else if (types.isSubtype(types.erasure(SET.get(state)), parameter)) {
          String collectors = SuggestedFixes.qualifyType(state, fix, "java.util.stream.Collectors");
          fix.replace(strings.tree(), converted + ".collect(" + collectors + ".toSet())");
        } else {
          return Optional.empty();
        }
      }
    }
    return Optional.of(fix.build());
  }

  /**
   * Whether converting the argument at {@code parameter} could change what the call returns: a type
   * variable of the method appears in both that parameter and the return type ({@code <O>
   * Collection<O> subtract(Iterable<? extends O>, Iterable<? extends O>)}).
   */
  private static boolean changesResultType(MethodSymbol method, int parameter) {
    Type parameterType = method.getParameters().get(parameter).type;
    Type returnType = method.getReturnType();
    for (TypeVariableSymbol variable : method.getTypeParameters()) {
      if (parameterType.contains(variable.type) && returnType.contains(variable.type)) {
        return true;
      }
    }
    return false;
  }

  private static String receiver(ExpressionTree tree, String source) {
    boolean primary =
        tree instanceof IdentifierTree
            || tree instanceof MemberSelectTree
            || tree instanceof MethodInvocationTree
            || tree instanceof ParenthesizedTree;
    return primary ? source : "(" + source + ")";
  }

  private StringSideFix() {}
}
