package dev.rowguard.checker.collections;

import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Type.ArrayType;
import java.util.List;

/** The two sides of an element comparison: what each argument contributes as elements. */
public record ComparedArguments(Side first, Side second) {

  /** How an argument supplies elements to the comparison. */
  public enum Shape {
    /** The argument is itself the element ({@code Iterables.contains(ids, id)}). */
    ELEMENT,
    /** The argument is an Iterable, Iterator or Enumeration of elements. */
    CONTAINER,
    /** The trailing varargs are the elements ({@code CollectionUtils.containsAny(ids, a, b)}). */
    VARARGS
  }

  /**
   * One side: the argument tree(s), their element type and the index of the method parameter they
   * are passed to.
   */
  public record Side(
      List<? extends ExpressionTree> trees, Type elementType, Shape shape, int parameter) {
    /** The argument as written, for messages and fixes; for varargs the first of them. */
    public ExpressionTree tree() {
      return trees.get(0);
    }
  }

  static ComparedArguments of(MethodInvocationTree tree, VisitorState state) {
    MethodSymbol method = getSymbol(tree);
    if (method.getParameters().size() != 2) {
      return null;
    }
    Side first = side(tree, method, 0, state);
    Side second = first == null ? null : side(tree, method, 1, state);
    return second == null ? null : new ComparedArguments(first, second);
  }

  private static Side side(
      MethodInvocationTree tree, MethodSymbol method, int parameter, VisitorState state) {
    List<? extends ExpressionTree> arguments = tree.getArguments();
    if (method.isVarArgs() && parameter == method.getParameters().size() - 1) {
      List<? extends ExpressionTree> varargs = arguments.subList(parameter, arguments.size());
      if (varargs.isEmpty()) {
        return null;
      }
      Type type = getType(varargs.get(0));
      if (varargs.size() == 1 && type instanceof ArrayType array) {
        return new Side(varargs, array.getComponentType(), Shape.VARARGS, parameter);
      }
      return varargs.stream().allMatch(a -> sameType(getType(a), type, state))
          ? new Side(varargs, type, Shape.VARARGS, parameter)
          : null;
    }
    ExpressionTree argument = arguments.get(parameter);
    Type argumentType = getType(argument);
    if (argumentType == null) {
      return null;
    }
    Type declared = state.getTypes().erasure(method.getParameters().get(parameter).type);
    if (state.getTypes().isSameType(declared, state.getSymtab().objectType)) {
      return new Side(List.of(argument), argumentType, Shape.ELEMENT, parameter);
    }
    Type element = ElementTypes.elementType(argumentType, state);
    return element == null
        ? null
        : new Side(List.of(argument), element, Shape.CONTAINER, parameter);
  }

  private static boolean sameType(Type a, Type b, VisitorState state) {
    return a != null && b != null && state.getTypes().isSameType(a, b);
  }
}
