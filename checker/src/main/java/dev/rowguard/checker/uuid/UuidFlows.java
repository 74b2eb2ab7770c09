package dev.rowguard.checker.uuid;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.rowguard.checker.collections.ElementReceivingMethods;
import dev.rowguard.checker.collections.ElementTypes;

/**
 * Finds where UUIDs reach a loosely typed collection or map variable anywhere in the compilation
 * unit: its initializer, an assignment, or an element, bulk or lookup call on it. Only runs once a
 * String made from a UUID has been seen going into that same variable, so it rarely runs.
 */
final class UuidFlows {

  /** Where UUIDs reach the variable, and whether that is a lookup (compared, not just stored). */
  public record UuidFlow(ExpressionTree uuids, boolean lookup) {}

  /**
   * Where UUIDs reach {@code target}: a lookup if there is one (it compares even in a List), else
   * the first place; null if they never do.
   */
  public static UuidFlow firstInto(Symbol target, VisitorState state) {
    return new TreeScanner<UuidFlow, Void>() {
      @Override
      public UuidFlow visitVariable(VariableTree tree, Void unused) {
        ExpressionTree initializer = tree.getInitializer();
        if (initializer != null
            && getSymbol((Tree) tree) == target
            && bringsUuids(initializer, state)) {
          return new UuidFlow(initializer, false);
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public UuidFlow visitAssignment(AssignmentTree tree, Void unused) {
        if (getSymbol(tree.getVariable()) == target && bringsUuids(tree.getExpression(), state)) {
          return new UuidFlow(tree.getExpression(), false);
        }
        return super.visitAssignment(tree, null);
      }

      @Override
      public UuidFlow visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        ExpressionTree receiver = getReceiver(tree);
        if (receiver != null
            && getSymbol(receiver) == target
            && getSymbol(tree.getMethodSelect()) instanceof MethodSymbol method) {
          String name = method.getSimpleName().toString();
          ExpressionTree element = ElementReceivingMethods.elementArgument(tree, name, state);
          if (element != null && ElementTypes.isUuid(getType(element), state)) {
            return new UuidFlow(element, ElementReceivingMethods.isLookup(name));
          }
          ExpressionTree bulk = ElementReceivingMethods.bulkArgument(tree, name, state);
          if (bulk != null && holdsUuids(bulk, state)) {
            return new UuidFlow(bulk, ElementReceivingMethods.isLookup(name));
          }
        }
        return super.visitMethodInvocation(tree, null);
      }

      @Override
      public UuidFlow reduce(UuidFlow first, UuidFlow second) {
        return first == null || (second != null && second.lookup() && !first.lookup())
            ? second
            : first;
      }
    }.scan(state.getPath().getCompilationUnit(), null);
  }

  /**
   * Whether a value assigned to the variable holds UUIDs: a UUID collection, or a constructor or
   * collection factory given UUIDs ({@code new HashSet<Object>(ids)}, {@code List.of(id, n)}).
   */
  private static boolean bringsUuids(ExpressionTree value, VisitorState state) {
    if (holdsUuids(value, state)) {
      return true;
    }
    boolean builds =
        value instanceof NewClassTree
            || (value instanceof MethodInvocationTree call
                && getSymbol(call.getMethodSelect()) instanceof MethodSymbol method
                && ElementReceivingMethods.isFactory(
                    call, method.getSimpleName().toString(), state));
    if (!builds) {
      return false;
    }
    var arguments =
        value instanceof NewClassTree created
            ? created.getArguments()
            : ((MethodInvocationTree) value).getArguments();
    return arguments.stream()
        .anyMatch(a -> ElementTypes.isUuid(getType(a), state) || holdsUuids(a, state));
  }

  private static boolean holdsUuids(ExpressionTree tree, VisitorState state) {
    Type type = getType(tree);
    return type != null && ElementTypes.isUuid(ElementTypes.elementType(type, state), state);
  }

  private UuidFlows() {}
}
