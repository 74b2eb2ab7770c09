package dev.rowguard.checker.deletes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.rowguard.checker.collections.CollectionFactories;
import dev.rowguard.checker.jpa.Jpa;
import dev.rowguard.checker.springdata.SpringData;
import dev.rowguard.checker.springdata.SpringDataRepositories;
import dev.rowguard.checker.util.Api;
import dev.rowguard.checker.util.Invocations;
import dev.rowguard.checker.util.LocalValues;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * Collections that hold what the application's own table holds: the result of a repository's {@code
 * findAll}, of another query over the table, or a collection built from one. The minuend of the
 * sync-job incident ("everything we hold minus what the other side lists") is one; the caller's own
 * list of ids to delete is not.
 */
final class Inventories {

  private static final int MAX_DEPTH = 8;

  /** How much of the table an inventory holds. */
  enum Extent {
    /** Every row: {@code findAll()}, {@code findAll(Sort)}, a derived query with no condition. */
    EVERY_ROW,
    /** The rows a query with a condition returns. */
    QUERIED_ROWS,
    /** The rows a query returns that a {@code filter} (or {@code limit}, ...) after it keeps. */
    FILTERED_ROWS
  }

  /**
   * An inventory.
   *
   * @param extent how much of the table it holds
   * @param query the call that read the rows
   * @param locals the local variables it went through, from the one written outward
   */
  record Inventory(Extent extent, MethodInvocationTree query, Set<Symbol> locals) {}

  /** Calls on the JPA, Hibernate, JDBC and jOOQ APIs that return the rows a query selects. */
  private static final Api QUERY_RESULTS =
      Api.anyOf(
          Api.instance(Jpa.QUERY, "getResultList", "getResultStream"),
          Api.instance(
              Jpa.HIBERNATE_SELECTION_QUERY, "list", "getResultList", "stream", "getResultStream"),
          Api.instance(DeleteApis.JDBC_OPERATIONS, "query", "queryForList", "queryForStream"),
          Api.instance(
              DeleteApis.NAMED_PARAMETER_JDBC_OPERATIONS,
              "query",
              "queryForList",
              "queryForStream"),
          Api.instance(
              DeleteApis.JOOQ_RESULT_QUERY, "fetch", "fetchInto", "fetchSet", "fetchStream"),
          Api.instance(DeleteApis.JOOQ_DSL_CONTEXT, "fetch"));

  /** Spring Data's {@code findAll()} and {@code findAll(Sort)}: the whole table. */
  private static final Api FIND_ALL =
      Api.anyOf(
          Api.instance(SpringData.CRUD_REPOSITORY, "findAll"),
          Api.instance(SpringData.REACTIVE_CRUD_REPOSITORY, "findAll"));

  /** Calls on a collection or stream whose result holds the same elements, or derived values. */
  private static final Set<String> KEEPING =
      Set.of(
          "stream",
          "parallelStream",
          "map",
          "mapToObj",
          "mapToLong",
          "mapToInt",
          "boxed",
          "collect",
          "toList",
          "sorted",
          "distinct",
          "keySet",
          "values",
          "immutableCopy");

  /** Calls that keep only some of the elements: the inventory is no longer every row. */
  private static final Set<String> NARROWING =
      Set.of("filter", "limit", "skip", "takeWhile", "dropWhile");

  /** Repository methods that do not read rows. */
  private static final List<String> NOT_QUERIES =
      List.of("delete", "remove", "save", "exists", "count", "flush", "update", "insert");

  private static final Api STREAM_SUPPORT = Api.statics("java.util.stream.StreamSupport", "stream");

  private Inventories() {}

  /** The inventory {@code collection} holds, computed in the enclosing method; empty otherwise. */
  static Optional<Inventory> of(ExpressionTree collection, VisitorState state) {
    return of(collection, state, 0, false, new HashSet<>());
  }

  private static Optional<Inventory> of(
      ExpressionTree tree, VisitorState state, int depth, boolean narrowed, Set<Symbol> locals) {
    if (depth > MAX_DEPTH) {
      return Optional.empty();
    }
    ExpressionTree e = ASTHelpers.stripParentheses(tree);
    if (e instanceof NewClassTree created
        && created.getArguments().size() == 1
        && isSubtype(ASTHelpers.getType(created), "java.util.Collection", state)) {
      return of(created.getArguments().get(0), state, depth + 1, narrowed, locals);
    }
    if (e instanceof IdentifierTree
        && ASTHelpers.getSymbol(e) instanceof Symbol.VarSymbol var
        && var.getKind() == ElementKind.LOCAL_VARIABLE) {
      locals.add(var);
      Optional<ExpressionTree> init = LocalValues.initializer(var, state);
      if (init.isPresent() && isEmptyCollection(init.get(), state)) {
        Optional<ExpressionTree> added = addedTo(var, state);
        return added.flatMap(a -> of(a, state, depth + 1, narrowed, locals));
      }
      return init.flatMap(i -> of(i, state, depth + 1, narrowed, locals));
    }
    if (!(e instanceof MethodInvocationTree call)) {
      return Optional.empty();
    }
    Optional<Extent> read = readsRows(call, state);
    if (read.isPresent()) {
      return Optional.of(
          new Inventory(narrowed ? Extent.FILTERED_ROWS : read.get(), call, Set.copyOf(locals)));
    }
    if (call.getArguments().size() == 1 && CollectionFactories.COPIES.matches(call, state)) {
      return of(call.getArguments().get(0), state, depth + 1, narrowed, locals);
    }
    if (call.getArguments().size() == 2
        && STREAM_SUPPORT.matches(call, state)
        && ASTHelpers.stripParentheses(call.getArguments().get(0))
            instanceof MethodInvocationTree spliterator
        && Invocations.name(spliterator).equals("spliterator")
        && ASTHelpers.getReceiver(spliterator) != null) {
      return of(ASTHelpers.getReceiver(spliterator), state, depth + 1, narrowed, locals);
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    String name = Invocations.name(call);
    if (receiver == null) {
      return Optional.empty();
    }
    if (KEEPING.contains(name)) {
      return of(receiver, state, depth + 1, narrowed, locals);
    }
    if (NARROWING.contains(name)) {
      return of(receiver, state, depth + 1, true, locals);
    }
    return Optional.empty();
  }

  /**
   * True when {@code subtrahend} is a query of the application's own tables that takes one of
   * {@code minuendLocals}: {@code assigned = repo.findAssigned(ids)} subtracted from {@code ids}
   * selects among the minuend in the same database, it is no other side's answer.
   */
  static boolean isQueryOver(
      ExpressionTree subtrahend, Set<Symbol> minuendLocals, VisitorState state) {
    if (minuendLocals.isEmpty()) {
      return false;
    }
    ExpressionTree e = ASTHelpers.stripParentheses(subtrahend);
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      if (e instanceof MethodInvocationTree call) {
        if (isQuery(call, state)) {
          return mentions(call, minuendLocals);
        }
        ExpressionTree receiver = ASTHelpers.getReceiver(call);
        if (receiver == null) {
          return false;
        }
        e = ASTHelpers.stripParentheses(receiver);
      } else if (e instanceof NewClassTree created && created.getArguments().size() == 1) {
        e = ASTHelpers.stripParentheses(created.getArguments().get(0));
      } else {
        Optional<ExpressionTree> init = LocalValues.initializer(e, state);
        if (init.isEmpty()) {
          return false;
        }
        e = ASTHelpers.stripParentheses(init.get());
      }
    }
    return false;
  }

  private static boolean isQuery(MethodInvocationTree call, VisitorState state) {
    return QUERY_RESULTS.matches(call, state) || isRepositoryQuery(call, state);
  }

  /** The extent of the rows {@code call} reads, when it reads rows of the application's tables. */
  private static Optional<Extent> readsRows(MethodInvocationTree call, VisitorState state) {
    if (FIND_ALL.matches(call, state)) {
      List<? extends ExpressionTree> args = call.getArguments();
      boolean everyRow =
          args.isEmpty()
              || (args.size() == 1
                  && isSubtype(ASTHelpers.getType(args.get(0)), SpringData.SORT, state));
      return everyRow
          ? Optional.of(Extent.EVERY_ROW)
          : takesCollection(call, state) ? Optional.empty() : Optional.of(Extent.QUERIED_ROWS);
    }
    if (QUERY_RESULTS.matches(call, state)) {
      return takesCollection(call, state) ? Optional.empty() : Optional.of(Extent.QUERIED_ROWS);
    }
    if (!isRepositoryQuery(call, state) || takesCollection(call, state)) {
      return Optional.empty();
    }
    return Optional.of(
        SpringDataRepositories.findsEveryRow(Invocations.symbol(call), state)
            ? Extent.EVERY_ROW
            : Extent.QUERIED_ROWS);
  }

  /**
   * A method of a Spring Data repository that returns several rows: not a delete, save, count or
   * exists, and typed as a collection, stream or array.
   */
  private static boolean isRepositoryQuery(MethodInvocationTree call, VisitorState state) {
    Symbol.MethodSymbol method = Invocations.symbol(call);
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (method == null || receiver == null) {
      return false;
    }
    String name = method.getSimpleName().toString();
    for (String prefix : NOT_QUERIES) {
      if (name.startsWith(prefix)) {
        return false;
      }
    }
    Type returned = method.getReturnType();
    boolean several =
        returned != null
            && (returned.getKind() == javax.lang.model.type.TypeKind.ARRAY
                || isSubtype(returned, "java.lang.Iterable", state)
                || isSubtype(returned, "java.util.stream.Stream", state));
    return several && SpringDataRepositories.isRepository(ASTHelpers.getType(receiver), state);
  }

  /**
   * True when the query mentions a variable holding a collection: {@code findAllById(ids)}, {@code
   * setParameter("ids", ids)}, {@code ID.in(ids)}. Such a query looks up given rows; it is no
   * inventory of the table.
   */
  private static boolean takesCollection(MethodInvocationTree call, VisitorState state) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        check(node);
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        check(node);
        return super.visitMemberSelect(node, unused);
      }

      private void check(ExpressionTree node) {
        if (ASTHelpers.getSymbol(node) instanceof Symbol.VarSymbol var) {
          Type type = var.asType();
          if (type.getKind() == javax.lang.model.type.TypeKind.ARRAY
              || isSubtype(type, "java.lang.Iterable", state)) {
            found[0] = true;
          }
        }
      }
    }.scan(call, null);
    return found[0];
  }

  private static boolean mentions(ExpressionTree tree, Set<Symbol> symbols) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        if (symbols.contains(ASTHelpers.getSymbol(node))) {
          found[0] = true;
        }
        return null;
      }
    }.scan(tree, null);
    return found[0];
  }

  /** {@code new HashSet<>()}, {@code Sets.newHashSet()}, {@code new ArrayList<>(16)}. */
  static boolean isEmptyCollection(ExpressionTree init, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(init);
    if (e instanceof NewClassTree created) {
      return isSubtype(ASTHelpers.getType(created), "java.util.Collection", state)
          && (created.getArguments().isEmpty()
              || (created.getArguments().size() == 1
                  && !isSubtype(
                      ASTHelpers.getType(created.getArguments().get(0)),
                      "java.util.Collection",
                      state)));
    }
    return e instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && CollectionFactories.COPIES.matches(call, state);
  }

  /** The argument of the one {@code var.addAll(x)} statement in the enclosing method. */
  private static Optional<ExpressionTree> addedTo(Symbol var, VisitorState state) {
    MethodTree method = state.findEnclosing(MethodTree.class);
    if (method == null || method.getBody() == null) {
      return Optional.empty();
    }
    ExpressionTree[] found = new ExpressionTree[1];
    int[] count = new int[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitExpressionStatement(ExpressionStatementTree node, Void unused) {
        if (node.getExpression() instanceof MethodInvocationTree call
            && call.getArguments().size() == 1
            && Invocations.name(call).equals("addAll")
            && ASTHelpers.getReceiver(call) instanceof IdentifierTree receiver
            && ASTHelpers.getSymbol(receiver) == var) {
          found[0] = call.getArguments().get(0);
          count[0]++;
        }
        return super.visitExpressionStatement(node, unused);
      }
    }.scan(method.getBody(), null);
    return count[0] == 1 ? Optional.of(found[0]) : Optional.empty();
  }

  private static boolean isSubtype(Type type, String name, VisitorState state) {
    Type target = state.getTypeFromString(name);
    return type != null
        && target != null
        && state
            .getTypes()
            .isSubtype(state.getTypes().erasure(type), state.getTypes().erasure(target));
  }
}
