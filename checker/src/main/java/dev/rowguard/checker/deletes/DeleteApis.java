package dev.rowguard.checker.deletes;

import dev.rowguard.checker.jpa.Jpa;
import dev.rowguard.checker.springdata.SpringData;
import dev.rowguard.checker.util.Api;
import java.util.Set;

/**
 * Which library calls delete rows, in Spring Data, JPA, Hibernate, JDBC, Spring JDBC and jOOQ.
 * Every check about deletes asks here; each API is declared once, and its cheap name filter and its
 * matcher both come from that declaration.
 */
final class DeleteApis {

  static final String JDBC_OPERATIONS = "org.springframework.jdbc.core.JdbcOperations";
  static final String NAMED_PARAMETER_JDBC_OPERATIONS =
      "org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations";
  static final String JDBC_STATEMENT = "java.sql.Statement";
  static final String JDBC_CONNECTION = "java.sql.Connection";
  static final String JOOQ_DSL_CONTEXT = "org.jooq.DSLContext";
  static final String JOOQ_RESULT_QUERY = "org.jooq.ResultQuery";

  /** Spring Data methods that delete every row of the repository's table. */
  static final Api DELETE_EVERY_ROW =
      Api.anyOf(
          Api.instanceWithNoParameters(SpringData.CRUD_REPOSITORY, "deleteAll"),
          Api.instanceWithNoParameters(SpringData.REACTIVE_CRUD_REPOSITORY, "deleteAll"),
          Api.instanceWithNoParameters(SpringData.JPA_REPOSITORY, "deleteAllInBatch"));

  /** {@code JpaSpecificationExecutor.delete(Specification)} (Spring Data JPA 3.3+). */
  static final Api DELETE_BY_SPECIFICATION =
      Api.instance(SpringData.SPECIFICATION_EXECUTOR, "delete");

  /** Static factories whose result restricts nothing when given nothing. */
  static final Api SPECIFICATION_COMBINATOR =
      Api.statics(SpringData.SPECIFICATION, "where", "allOf", "anyOf");

  /** Calls that execute (or prepare) the statement text passed as their first argument. */
  static final Api STATEMENT_TEXT =
      Api.anyOf(
          Api.instance(Jpa.ENTITY_MANAGER, "createQuery", "createNativeQuery"),
          Api.instance(
              Jpa.HIBERNATE_QUERY_PRODUCER,
              "createQuery",
              "createNativeQuery",
              "createMutationQuery",
              "createNativeMutationQuery"),
          Api.instance(JDBC_OPERATIONS, "update", "execute", "batchUpdate"),
          Api.instance(NAMED_PARAMETER_JDBC_OPERATIONS, "update", "batchUpdate"),
          Api.instance(
              JDBC_STATEMENT, "execute", "executeUpdate", "executeLargeUpdate", "addBatch"),
          Api.instance(JDBC_CONNECTION, "prepareStatement"),
          Api.instance(JOOQ_DSL_CONTEXT, "execute"));

  /** Calls that turn a criteria object into an executable query. */
  static final Api CRITERIA_QUERY =
      Api.anyOf(
          Api.instance(Jpa.ENTITY_MANAGER, "createQuery"),
          Api.instance(Jpa.HIBERNATE_QUERY_PRODUCER, "createQuery", "createMutationQuery"));

  /** Calls that bind a named or positional parameter of a JPA or Hibernate query. */
  static final Api SET_QUERY_PARAMETER =
      Api.anyOf(
          Api.instance(Jpa.QUERY, "setParameter"),
          Api.instance(Jpa.HIBERNATE_COMMON_QUERY_CONTRACT, "setParameter", "setParameterList"));

  /** jOOQ calls that start a DELETE or TRUNCATE of a whole table. */
  static final Api JOOQ_DELETE_START =
      Api.instance(JOOQ_DSL_CONTEXT, "deleteFrom", "delete", "truncate", "truncateTable");

  /**
   * jOOQ steps that bound the rows a DELETE removes; {@code where(noCondition())} is an explicit
   * all-rows choice.
   */
  static final Set<String> JOOQ_BOUNDING_STEPS =
      Set.of("where", "whereExists", "whereNotExists", "limit");

  static final Api JOOQ_EXECUTE =
      Api.anyOf(
          Api.instance("org.jooq.Query", "execute", "executeAsync"),
          Api.instance(JOOQ_RESULT_QUERY, "fetch"));

  /** Spring Data methods that delete the rows (or ids) of an iterable argument. */
  static final Api DELETE_COLLECTION =
      Api.anyOf(
          Api.instance(SpringData.CRUD_REPOSITORY, "deleteAll", "deleteAllById"),
          Api.instance(SpringData.REACTIVE_CRUD_REPOSITORY, "deleteAll", "deleteAllById"),
          Api.instance(SpringData.JPA_REPOSITORY, "deleteAllInBatch", "deleteAllByIdInBatch"));

  /** Calls that delete the one entity passed to them. */
  static final Api DELETE_ONE =
      Api.anyOf(
          Api.instance(SpringData.CRUD_REPOSITORY, "delete"),
          Api.instance(Jpa.ENTITY_MANAGER, "remove"),
          Api.instance(Jpa.HIBERNATE_SESSION, "remove", "delete"));

  /** Spring Data's delete of the one row whose id is passed. */
  static final Api DELETE_BY_ID =
      Api.anyOf(
          Api.instance(SpringData.CRUD_REPOSITORY, "deleteById"),
          Api.instance(SpringData.REACTIVE_CRUD_REPOSITORY, "deleteById"));

  private DeleteApis() {}
}
