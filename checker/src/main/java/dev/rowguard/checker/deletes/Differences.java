package dev.rowguard.checker.deletes;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.collections.CollectionFactories;
import dev.rowguard.checker.springdata.SpringData;
import dev.rowguard.checker.util.Invocations;
import dev.rowguard.checker.util.LocalValues;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * Collections computed as "what we have that the other side no longer lists": the argument shape of
 * the sync job that deleted every tenant when the other side answered with nothing.
 */
final class Differences {

  private static final int MAX_DEPTH = 3;

  /** {@code f(minuend, subtrahend)}: library set differences. */
  private static final Matcher<ExpressionTree> DIFFERENCE =
      anyOf(
          staticMethod().onClass("com.google.common.collect.Sets").named("difference"),
          staticMethod()
              .onClass("org.apache.commons.collections4.CollectionUtils")
              .named("subtract"),
          staticMethod()
              .onClassAny(
                  "org.apache.commons.collections4.CollectionUtils",
                  "org.apache.commons.collections4.ListUtils")
              .named("removeAll"),
          staticMethod().onClass("org.apache.commons.collections4.ListUtils").named("subtract"),
          staticMethod().onClass("org.apache.commons.collections4.SetUtils").named("difference"));

  private static final Matcher<ExpressionTree> FIND_ALL_BY_ID =
      instanceMethod().onDescendantOf(SpringData.CRUD_REPOSITORY).named("findAllById");

  /**
   * Calls on a collection (or its stream) whose result holds the same elements: a chain of these
   * after a difference is still the difference. {@code filter} is not among them: it is read as a
   * difference of its own.
   */
  private static final Set<String> COPYING_CHAIN_NAMES =
      Set.of("immutableCopy", "stream", "toList", "collect", "sorted", "distinct", "boxed");

  private static final Matcher<ExpressionTree> PREDICATE_NOT =
      staticMethod().onClass("java.util.function.Predicate").named("not");

  private Differences() {}

  /**
   * A difference: the deleted collection and the collection subtracted from it.
   *
   * @param minuend what the difference is taken from: {@code ours} of {@code Sets.difference(ours,
   *     theirs)}, the stream before the filter, the local a {@code removeAll} changes
   * @param subtrahend what the other side listed; if it is empty or partial, the difference is
   *     everything
   * @param deletion the local holding the difference, if it has one
   */
  record Difference(ExpressionTree minuend, ExpressionTree subtrahend, Optional<Symbol> deletion) {}

  /** A minuend and a subtrahend. */
  private record Operands(ExpressionTree minuend, ExpressionTree subtrahend) {}

  /**
   * The difference {@code argument} holds, computed in the enclosing method; empty when it is not
   * one.
   */
  static Optional<Difference> of(ExpressionTree argument, VisitorState state) {
    return of(ASTHelpers.stripParentheses(argument), state, 0);
  }

  private static Optional<Difference> of(ExpressionTree e, VisitorState state, int depth) {
    if (depth > MAX_DEPTH) {
      return Optional.empty();
    }
    Optional<Operands> operands = operandsOf(e, state);
    if (operands.isPresent()) {
      return Optional.of(
          new Difference(operands.get().minuend(), operands.get().subtrahend(), Optional.empty()));
    }
    Optional<ExpressionTree> copied = copiedFrom(e, state);
    if (copied.isPresent()) {
      return of(copied.get(), state, depth + 1);
    }
    if (e instanceof MethodInvocationTree call
        && call.getArguments().size() == 1
        && FIND_ALL_BY_ID.matches(call, state)) {
      // deleteAll(findAllById(stale)) deletes the same rows as deleteAllById(stale).
      return of(ASTHelpers.stripParentheses(call.getArguments().get(0)), state, depth + 1);
    }
    if (!(e instanceof IdentifierTree)
        || !(ASTHelpers.getSymbol(e) instanceof Symbol.VarSymbol var)
        || var.getKind() != ElementKind.LOCAL_VARIABLE) {
      return Optional.empty();
    }
    Optional<ExpressionTree> removed = removedFrom(var, state);
    if (removed.isPresent()) {
      return Optional.of(new Difference(e, removed.get(), Optional.of(var)));
    }
    Optional<ExpressionTree> init = LocalValues.initializer(e, state);
    if (init.isPresent() && Inventories.isEmptyCollection(init.get(), state)) {
      return collectedBy(var, state)
          .map(o -> new Difference(o.minuend(), o.subtrahend(), Optional.of(var)));
    }
    return init.flatMap(i -> of(ASTHelpers.stripParentheses(i), state, depth + 1))
        .map(d -> new Difference(d.minuend(), d.subtrahend(), Optional.of(var)));
  }

  /**
   * The collection {@code e} copies without dropping elements: {@code d.immutableCopy()}, {@code
   * ImmutableSet.copyOf(d)}, {@code new HashSet<>(d)}, {@code d.stream().toList()}. A copy of a
   * difference is that difference.
   */
  private static Optional<ExpressionTree> copiedFrom(ExpressionTree e, VisitorState state) {
    if (e instanceof NewClassTree created
        && created.getArguments().size() == 1
        && ASTHelpers.isSubtype(
            ASTHelpers.getType(created), state.getTypeFromString("java.util.Collection"), state)) {
      return Optional.of(ASTHelpers.stripParentheses(created.getArguments().get(0)));
    }
    if (!(e instanceof MethodInvocationTree call)) {
      return Optional.empty();
    }
    if (CollectionFactories.COPIES.matches(call, state) && call.getArguments().size() == 1) {
      return Optional.of(ASTHelpers.stripParentheses(call.getArguments().get(0)));
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver == null || !COPYING_CHAIN_NAMES.contains(Invocations.name(call))) {
      return Optional.empty();
    }
    return Optional.of(ASTHelpers.stripParentheses(receiver));
  }

  /**
   * {@code Sets.difference(a, b)}, or a stream of a filtered by {@code !b.contains(x)}: a and b.
   */
  private static Optional<Operands> operandsOf(ExpressionTree e, VisitorState state) {
    if (e instanceof MethodInvocationTree call
        && call.getArguments().size() == 2
        && DIFFERENCE.matches(call, state)) {
      return Optional.of(new Operands(call.getArguments().get(0), call.getArguments().get(1)));
    }
    ExpressionTree link = e;
    while (link instanceof MethodInvocationTree call) {
      if (call.getArguments().size() == 1
          && Invocations.name(call).equals("filter")
          && ASTHelpers.getReceiver(call) != null) {
        Optional<ExpressionTree> excluded = excludedBy(call.getArguments().get(0), state);
        if (excluded.isPresent()) {
          return Optional.of(new Operands(ASTHelpers.getReceiver(call), excluded.get()));
        }
      }
      link = ASTHelpers.getReceiver(call);
    }
    return Optional.empty();
  }

  /** The collection of {@code x -> !b.contains(x)} or {@code Predicate.not(b::contains)}. */
  private static Optional<ExpressionTree> excludedBy(ExpressionTree predicate, VisitorState state) {
    ExpressionTree p = ASTHelpers.stripParentheses(predicate);
    if (p instanceof LambdaExpressionTree lambda) {
      Tree body = lambda.getBody();
      if (body instanceof BlockTree block
          && block.getStatements().size() == 1
          && block.getStatements().get(0) instanceof ReturnTree ret) {
        body = ret.getExpression();
      }
      return body instanceof ExpressionTree expression
          ? notContained(expression)
          : Optional.empty();
    }
    if (p instanceof MethodInvocationTree call
        && call.getArguments().size() == 1
        && PREDICATE_NOT.matches(call, state)
        && ASTHelpers.stripParentheses(call.getArguments().get(0))
            instanceof MemberReferenceTree reference
        && reference.getName().toString().startsWith("contains")) {
      return Optional.of(reference.getQualifierExpression());
    }
    return Optional.empty();
  }

  private static boolean isContains(MemberReferenceTree reference) {
    String name = reference.getName().toString();
    return reference.getMode() == MemberReferenceTree.ReferenceMode.INVOKE
        && (name.equals("contains") || name.equals("containsKey"));
  }

  private static boolean isContains(MethodInvocationTree call) {
    String name = Invocations.name(call);
    return call.getArguments().size() == 1
        && (name.equals("contains") || name.equals("containsKey"));
  }

  /**
   * A difference collected by hand into {@code var}: {@code for (T x : a) { if (!b.contains(x)) {
   * var.add(x); } }} in the enclosing method gives a and b.
   */
  private static Optional<Operands> collectedBy(Symbol var, VisitorState state) {
    MethodTree method = state.findEnclosing(MethodTree.class);
    if (method == null || method.getBody() == null) {
      return Optional.empty();
    }
    Operands[] found = new Operands[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree loop, Void unused) {
        if (found[0] == null
            && only(loop.getStatement()) instanceof IfTree test
            && test.getElseStatement() == null
            && only(test.getThenStatement()) instanceof ExpressionStatementTree statement
            && statement.getExpression() instanceof MethodInvocationTree add
            && add.getArguments().size() == 1
            && Invocations.name(add).equals("add")
            && ASTHelpers.getReceiver(add) instanceof IdentifierTree receiver
            && ASTHelpers.getSymbol(receiver) == var) {
          notContained(test.getCondition())
              .ifPresent(b -> found[0] = new Operands(loop.getExpression(), b));
        }
        return super.visitEnhancedForLoop(loop, unused);
      }
    }.scan(method.getBody(), null);
    return Optional.ofNullable(found[0]);
  }

  /** The one statement of a block of one, or the statement itself. */
  private static StatementTree only(StatementTree statement) {
    return statement instanceof BlockTree block && block.getStatements().size() == 1
        ? block.getStatements().get(0)
        : statement;
  }

  /** b of {@code !b.contains(x)}. */
  private static Optional<ExpressionTree> notContained(ExpressionTree condition) {
    if (ASTHelpers.stripParentheses(condition) instanceof UnaryTree not
        && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT
        && ASTHelpers.stripParentheses(not.getExpression()) instanceof MethodInvocationTree contains
        && isContains(contains)) {
      return Optional.ofNullable(ASTHelpers.getReceiver(contains));
    }
    return Optional.empty();
  }

  /**
   * The argument of {@code var.removeAll(b)} (or {@code var.removeIf(x -> b.contains(x))}, {@code
   * var.removeIf(b::contains)}) in the enclosing method.
   */
  private static Optional<ExpressionTree> removedFrom(Symbol var, VisitorState state) {
    MethodTree method = state.findEnclosing(MethodTree.class);
    if (method == null || method.getBody() == null) {
      return Optional.empty();
    }
    ExpressionTree[] found = new ExpressionTree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitExpressionStatement(ExpressionStatementTree node, Void unused) {
        if (node.getExpression() instanceof MethodInvocationTree call
            && call.getArguments().size() == 1
            && ASTHelpers.getReceiver(call) instanceof IdentifierTree receiver
            && ASTHelpers.getSymbol(receiver) == var) {
          String name = Invocations.name(call);
          ExpressionTree argument = call.getArguments().get(0);
          if (name.equals("removeAll")) {
            found[0] = argument;
          } else if (name.equals("removeIf")
              && ASTHelpers.stripParentheses(argument) instanceof LambdaExpressionTree lambda
              && lambda.getBody() instanceof MethodInvocationTree contains
              && isContains(contains)) {
            found[0] = ASTHelpers.getReceiver(contains);
          } else if (name.equals("removeIf")
              && ASTHelpers.stripParentheses(argument) instanceof MemberReferenceTree reference
              && isContains(reference)) {
            // stale.removeIf(listed::contains)
            found[0] = reference.getQualifierExpression();
          }
        }
        return super.visitExpressionStatement(node, unused);
      }
    }.scan(method.getBody(), null);
    return Optional.ofNullable(found[0]);
  }
}
