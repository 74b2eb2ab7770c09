package dev.rowguard.checker.deletes;

import dev.rowguard.checker.springdata.SpringData;
import dev.rowguard.checker.jpa.Jpa;
import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import java.util.Set;

/**
 * Which library calls delete rows, in Spring Data, JPA, Hibernate, JDBC, Spring JDBC and jOOQ.
 * Every check about deletes asks here; the name sets are cheap first filters to try before any
 * matcher does type work.
 */
final class DeleteApis {

  static final String JDBC_OPERATIONS = "org.springframework.jdbc.core.JdbcOperations";
  static final String NAMED_PARAMETER_JDBC_OPERATIONS =
      "org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations";
  static final String JDBC_STATEMENT = "java.sql.Statement";
  static final String JDBC_CONNECTION = "java.sql.Connection";
  static final String JOOQ_DSL_CONTEXT = "org.jooq.DSLContext";

  /** Spring Data methods that delete every row of the repository's table. */
  static final Set<String> EVERY_ROW_NAMES = Set.of("deleteAll", "deleteAllInBatch");

  static final Matcher<ExpressionTree> DELETE_EVERY_ROW =
      anyOf(
          instanceMethod().onDescendantOf(SpringData.CRUD_REPOSITORY).named("deleteAll").withNoParameters(),
          instanceMethod().onDescendantOf(SpringData.REACTIVE_CRUD_REPOSITORY).named("deleteAll").withNoParameters(),
          instanceMethod().onDescendantOf(SpringData.JPA_REPOSITORY).named("deleteAllInBatch").withNoParameters());

  /** {@code JpaSpecificationExecutor.delete(Specification)} (Spring Data JPA 3.3+). */
  static final Matcher<ExpressionTree> DELETE_BY_SPECIFICATION =
      instanceMethod().onDescendantOf(SpringData.SPECIFICATION_EXECUTOR).named("delete");

  /** Static factories whose result restricts nothing when given nothing. */
  static final Matcher<ExpressionTree> SPECIFICATION_COMBINATOR =
      staticMethod().onClass(SpringData.SPECIFICATION).namedAnyOf("where", "allOf", "anyOf");

  /** Calls that execute (or prepare) the statement text passed as their first argument. */
  static final Set<String> STATEMENT_TEXT_NAMES =
      Set.of(
          "createQuery", "createNativeQuery", "createMutationQuery", "createNativeMutationQuery",
          "update", "execute", "batchUpdate", "executeUpdate", "executeLargeUpdate", "addBatch",
          "prepareStatement");

  static final Matcher<ExpressionTree> STATEMENT_TEXT =
      anyOf(
          instanceMethod().onDescendantOfAny(Jpa.ENTITY_MANAGER).namedAnyOf("createQuery", "createNativeQuery"),
          instanceMethod()
              .onDescendantOf(Jpa.HIBERNATE_QUERY_PRODUCER)
              .namedAnyOf("createQuery", "createNativeQuery", "createMutationQuery", "createNativeMutationQuery"),
          instanceMethod().onDescendantOf(JDBC_OPERATIONS).namedAnyOf("update", "execute", "batchUpdate"),
          instanceMethod().onDescendantOf(NAMED_PARAMETER_JDBC_OPERATIONS).namedAnyOf("update", "batchUpdate"),
          instanceMethod()
              .onDescendantOf(JDBC_STATEMENT)
              .namedAnyOf("execute", "executeUpdate", "executeLargeUpdate", "addBatch"),
          instanceMethod().onDescendantOf(JDBC_CONNECTION).named("prepareStatement"),
          instanceMethod().onDescendantOf(JOOQ_DSL_CONTEXT).named("execute"));

  /** Calls that turn a criteria object into an executable query. */
  static final Matcher<ExpressionTree> CRITERIA_QUERY =
      anyOf(
          instanceMethod().onDescendantOfAny(Jpa.ENTITY_MANAGER).named("createQuery"),
          instanceMethod().onDescendantOf(Jpa.HIBERNATE_QUERY_PRODUCER).namedAnyOf("createQuery", "createMutationQuery"));

  /** Calls that bind a named or positional parameter of a JPA or Hibernate query. */
  static final Matcher<ExpressionTree> SET_QUERY_PARAMETER =
      anyOf(
          instanceMethod().onDescendantOfAny(Jpa.QUERY).named("setParameter"),
          instanceMethod()
              .onDescendantOf(Jpa.HIBERNATE_COMMON_QUERY_CONTRACT)
              .namedAnyOf("setParameter", "setParameterList"));

  /** jOOQ calls that start a DELETE or TRUNCATE of a whole table. */
  static final Set<String> JOOQ_DELETE_START_NAMES = Set.of("deleteFrom", "delete", "truncate", "truncateTable");

  static final Matcher<ExpressionTree> JOOQ_DELETE_START =
      instanceMethod().onDescendantOf(JOOQ_DSL_CONTEXT).namedAnyOf(JOOQ_DELETE_START_NAMES);

  /** jOOQ steps that bound the rows a DELETE removes; {@code where(noCondition())} is an explicit all-rows choice. */
  static final Set<String> JOOQ_BOUNDING_STEPS = Set.of("where", "whereExists", "whereNotExists", "limit");

  static final Set<String> JOOQ_EXECUTE_NAMES = Set.of("execute", "executeAsync", "fetch");

  static final Matcher<ExpressionTree> JOOQ_EXECUTE =
      anyOf(
          instanceMethod().onDescendantOf("org.jooq.Query").namedAnyOf("execute", "executeAsync"),
          instanceMethod().onDescendantOf("org.jooq.ResultQuery").named("fetch"));

  /** Spring Data methods that delete the rows (or ids) of an iterable argument. */
  static final Set<String> DELETE_COLLECTION_NAMES =
      Set.of("deleteAll", "deleteAllInBatch", "deleteAllById", "deleteAllByIdInBatch");

  static final Matcher<ExpressionTree> DELETE_COLLECTION =
      anyOf(
          instanceMethod().onDescendantOf(SpringData.CRUD_REPOSITORY).namedAnyOf("deleteAll", "deleteAllById"),
          instanceMethod().onDescendantOf(SpringData.REACTIVE_CRUD_REPOSITORY).namedAnyOf("deleteAll", "deleteAllById"),
          instanceMethod().onDescendantOf(SpringData.JPA_REPOSITORY).namedAnyOf("deleteAllInBatch", "deleteAllByIdInBatch"));

  /** Calls that delete the one entity passed to them. */
  static final Set<String> DELETE_ONE_NAMES = Set.of("delete", "remove");

  static final Matcher<ExpressionTree> DELETE_ONE =
      anyOf(
          instanceMethod().onDescendantOf(SpringData.CRUD_REPOSITORY).named("delete"),
          instanceMethod().onDescendantOfAny(Jpa.ENTITY_MANAGER).named("remove"),
          instanceMethod().onDescendantOf(Jpa.HIBERNATE_SESSION).namedAnyOf("remove", "delete"));

  private DeleteApis() {}
}
