package dev.rowguard.sql;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a statement text does, as far as data loss is concerned.
 *
 * @param kind whether the text deletes rows
 * @param where for a DELETE, what bounds it; {@link Where#UNKNOWN} for anything else
 * @param tables the tables rows are deleted from, as written (JPQL entity names for JPQL)
 * @param notInParameters bind parameters used as {@code x NOT IN :param} in the WHERE clause, as
 *     written ({@code :ids}, {@code ?1}, {@code ?}); an empty binding of any of them makes the
 *     condition true for every row on Hibernate 6.4.2+ and several drivers
 */
public record Classification(
    Kind kind, Where where, List<String> tables, List<String> notInParameters) {

  /** The classification of every statement that deletes nothing. */
  public static final Classification OTHER =
      new Classification(Kind.OTHER, Where.UNKNOWN, List.of(), List.of());

  public Classification {
    tables = List.copyOf(tables);
    notInParameters = List.copyOf(notInParameters);
  }

  /** What the statement does to rows. */
  public enum Kind {
    DELETE,
    TRUNCATE,
    OTHER
  }

  /** What restricts the rows a DELETE removes. */
  public enum Where {
    /** No WHERE clause and no join condition: every row goes. */
    NONE,
    /** A WHERE clause that is true for every row ({@code 1=1}, {@code true}, {@code x = x}). */
    TAUTOLOGY,
    /** A WHERE clause or join condition that restricts the rows. */
    PRESENT,
    /** Not a DELETE, or the text could not be parsed far enough to tell. */
    UNKNOWN
  }

  /** True for a TRUNCATE and for a DELETE with no WHERE or a tautological one. */
  public boolean removesEveryRow() {
    return kind == Kind.TRUNCATE
        || (kind == Kind.DELETE && (where == Where.NONE || where == Where.TAUTOLOGY));
  }

  /** True for DELETE and TRUNCATE. */
  public boolean deletes() {
    return kind != Kind.OTHER;
  }

  /** The OpenTelemetry {@code db.operation.name}: {@code DELETE} or {@code TRUNCATE}, else null. */
  public @Nullable String operationName() {
    return kind == Kind.OTHER ? null : kind.name();
  }
}
