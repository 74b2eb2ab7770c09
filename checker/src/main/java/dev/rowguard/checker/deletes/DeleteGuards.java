package dev.rowguard.checker.deletes;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.collections.CollectionFactories;
import dev.rowguard.checker.util.Guards;
import dev.rowguard.checker.util.Invocations;
import dev.rowguard.checker.util.LocalValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * Visible checks that a collection deciding what gets deleted is not empty (or not suspiciously
 * small), dominating the delete in the same method: an enclosing {@code if} on it, an earlier
 * {@code if} on it that throws or returns, or a precondition call on it. A null check alone is not
 * a guard.
 */
final class DeleteGuards {

  /** Precondition calls: the condition (or collection) is their first argument. */
  private static final Matcher<ExpressionTree> PRECONDITION =
      anyOf(
          staticMethod()
              .onClass("com.google.common.base.Preconditions")
              .namedAnyOf("checkState", "checkArgument"),
          staticMethod().onClass("com.google.common.base.Verify").named("verify"),
          staticMethod()
              .onClass("org.springframework.util.Assert")
              .namedAnyOf("isTrue", "state", "notEmpty"));

  /** {@code CollectionUtils.isEmpty(c)} and friends. */
  private static final Matcher<ExpressionTree> STATIC_EMPTINESS =
      staticMethod()
          .onClassAny(
              "org.springframework.util.CollectionUtils",
              "org.apache.commons.collections4.CollectionUtils",
              "com.google.common.collect.Iterables")
          .namedAnyOf("isEmpty", "isNotEmpty", "size");

  private DeleteGuards() {}

  /** True for collections written out with at least one element: {@code List.of("archived")}. */
  static boolean isProvenNonEmpty(ExpressionTree collection, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(collection);
    ExpressionTree value =
        LocalValues.initializer(e, state).map(ASTHelpers::stripParentheses).orElse(e);
    return value instanceof MethodInvocationTree call
        && !call.getArguments().isEmpty()
        && CollectionFactories.OF_ELEMENTS.matches(call, state);
  }

  /**
   * True when a guard on {@code subtrahend} (the collection whose emptiness makes the delete remove
   * everything), or on the size of {@code deletion} compared with something else, dominates the
   * node at {@code state}'s path.
   */
  static boolean isGuarded(
      ExpressionTree subtrahend, Optional<Symbol> deletion, VisitorState state) {
    List<Symbol> references = references(subtrahend, state);
    return isGuardedHere(new Watched(references, deletion, state), state.getPath())
        || isGuardedByEveryCaller(references, state);
  }

  /**
   * True when the subtrahend is a parameter of a private method and every call of that method in
   * its class guards the argument: {@code sync()} checks the directory's answer, then calls {@code
   * removeDeparted(liveIds)}.
   */
  private static boolean isGuardedByEveryCaller(List<Symbol> references, VisitorState state) {
    TreePath methodPath = Guards.enclosingMethod(state.getPath());
    if (methodPath == null || methodPath.getParentPath() == null) {
      return false;
    }
    Symbol.MethodSymbol method = ASTHelpers.getSymbol((MethodTree) methodPath.getLeaf());
    if (method == null || !method.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    int index = -1;
    for (Symbol reference : references) {
      index = Math.max(index, method.getParameters().indexOf(reference));
    }
    if (index < 0) {
      return false;
    }
    int parameter = index;
    int[] calls = new int[2];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Invocations.symbol(call) == method && call.getArguments().size() > parameter) {
          calls[0]++;
          ExpressionTree argument = call.getArguments().get(parameter);
          VisitorState atCall = state.withPath(getCurrentPath());
          if (isGuardedHere(
              new Watched(references(argument, atCall), Optional.empty(), atCall),
              getCurrentPath())) {
            calls[1]++;
          }
        }
        return super.visitMethodInvocation(call, unused);
      }
    }.scan(methodPath.getParentPath(), null);
    return calls[0] > 0 && calls[0] == calls[1];
  }

  private static boolean isGuardedHere(Watched watched, TreePath start) {
    return Guards.isGuarded(
        start,
        new Guards.Guard() {
          @Override
          public boolean whenConditionIs(ExpressionTree condition, boolean outcome) {
            // Either branch: "if (keep.isEmpty()) ... else delete" and "if (!keep.isEmpty())
            // delete".
            return watched.guards(condition);
          }

          @Override
          public boolean after(StatementTree statement) {
            return isGuardStatement(statement, watched);
          }
        });
  }

  /** An earlier {@code if} on the watched collection that exits, or a precondition call on it. */
  private static boolean isGuardStatement(StatementTree statement, Watched watched) {
    if (statement instanceof IfTree ifTree
        && Guards.exits(ifTree.getThenStatement())
        && watched.guards(ifTree.getCondition())) {
      return true;
    }
    if (statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        && !call.getArguments().isEmpty()
        && PRECONDITION.matches(call, watched.state)) {
      ExpressionTree first = call.getArguments().get(0);
      boolean notEmpty = Invocations.name(call).equals("notEmpty");
      return notEmpty ? watched.isSubtrahend(first) : watched.guards(first);
    }
    return false;
  }

  /**
   * The variables whose emptiness a guard may test for {@code expression}: itself, and the local or
   * parameter it was computed from, whether through a local's initializer ({@code ids =
   * remote.stream()...}: remote) or in place ({@code
   * removeAll(remote.stream().map(UUID::fromString).collect(toSet()))}: remote).
   */
  private static List<Symbol> references(ExpressionTree expression, VisitorState state) {
    List<Symbol> out = new ArrayList<>();
    Symbol direct = variable(expression);
    if (direct != null) {
      out.add(direct);
      LocalValues.initializer(ASTHelpers.stripParentheses(expression), state)
          .map(DeleteGuards::root)
          .map(DeleteGuards::variable)
          .filter(DeleteGuards::isLocalOrParameter)
          .ifPresent(out::add);
    } else {
      Symbol source = variable(root(expression));
      if (source != null && isLocalOrParameter(source)) {
        out.add(source);
      }
    }
    return out;
  }

  private static boolean isLocalOrParameter(Symbol s) {
    return s.getKind() == ElementKind.LOCAL_VARIABLE || s.getKind() == ElementKind.PARAMETER;
  }

  private static ExpressionTree root(ExpressionTree chain) {
    ExpressionTree e = ASTHelpers.stripParentheses(chain);
    while (e instanceof MethodInvocationTree call && ASTHelpers.getReceiver(call) != null) {
      e = ASTHelpers.stripParentheses(ASTHelpers.getReceiver(call));
    }
    return e;
  }

  private static Symbol variable(ExpressionTree e) {
    ExpressionTree x = ASTHelpers.stripParentheses(e);
    if (x instanceof IdentifierTree || x instanceof MemberSelectTree) {
      Symbol s = ASTHelpers.getSymbol(x);
      return s instanceof Symbol.VarSymbol ? s : null;
    }
    return null;
  }

  /** What a condition must test to count as a guard. */
  private static final class Watched {
    final List<Symbol> subtrahend;
    final Optional<Symbol> deletion;
    final VisitorState state;

    Watched(List<Symbol> subtrahend, Optional<Symbol> deletion, VisitorState state) {
      this.subtrahend = subtrahend;
      this.deletion = deletion;
      this.state = state;
    }

    boolean isSubtrahend(ExpressionTree e) {
      Symbol s = variable(e);
      return s != null && subtrahend.contains(s);
    }

    /**
     * True when {@code condition} tests {@code isEmpty()}/{@code size()} of the subtrahend, or
     * compares the deletion's {@code size()} with another size or count.
     */
    boolean guards(ExpressionTree condition) {
      boolean[] subtrahendTested = new boolean[1];
      boolean[] deletionSized = new boolean[1];
      boolean[] otherSized = new boolean[1];
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          String name = Invocations.name(call);
          boolean sizing =
              name.equals("isEmpty") || name.equals("size") || name.equals("isNotEmpty");
          ExpressionTree subject =
              STATIC_EMPTINESS.matches(call, state) && call.getArguments().size() == 1
                  ? call.getArguments().get(0)
                  : ASTHelpers.getReceiver(call);
          if (sizing && subject != null) {
            Symbol s = variable(subject);
            if (s != null && subtrahend.contains(s)) {
              subtrahendTested[0] = true;
            } else if (s != null
                && deletion.isPresent()
                && deletion.get() == s
                && name.equals("size")) {
              deletionSized[0] = true;
            } else if (name.equals("size")) {
              otherSized[0] = true;
            }
          } else if (name.equals("count") || name.equals("size")) {
            otherSized[0] = true;
          }
          return super.visitMethodInvocation(call, unused);
        }
      }.scan(condition, null);
      return subtrahendTested[0] || (deletionSized[0] && otherSized[0]);
    }
  }
}
