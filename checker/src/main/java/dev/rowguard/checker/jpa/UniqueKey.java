package dev.rowguard.checker.jpa;

import java.util.List;

/**
 * A set of columns the database keeps unique for an entity.
 *
 * @param columns the column names as written (or the field names for keys declared on fields)
 * @param fields the persistent fields those columns resolve to, in the same order; a column that
 *     matches no field is left out, so {@code fields.size() < columns.size()} means "not fully
 *     resolved"
 * @param source where the key is declared
 */
public record UniqueKey(List<String> columns, List<PersistentField> fields, Source source) {

  public UniqueKey {
    columns = List.copyOf(columns);
    fields = List.copyOf(fields);
  }

  /** Where a unique key is declared. */
  public enum Source {
    /** {@code @Id} or {@code @EmbeddedId}. */
    PRIMARY_KEY,
    /** {@code @Column(unique = true)} or {@code @JoinColumn(unique = true)}. */
    COLUMN,
    /** {@code @Table(uniqueConstraints = @UniqueConstraint(columnNames = ...))}. */
    UNIQUE_CONSTRAINT,
    /** {@code @Table(indexes = @Index(unique = true, columnList = ...))}. */
    UNIQUE_INDEX,
    /** Hibernate {@code @NaturalId} (all natural-id fields of the entity form one key). */
    NATURAL_ID
  }

  /** True when every column resolved to a field. */
  public boolean isResolved() {
    return fields.size() == columns.size();
  }

  /**
   * True when the key's columns are all among {@code fieldsInLookup}: a lookup on them finds at
   * most one row.
   */
  public boolean isCoveredBy(List<PersistentField> fieldsInLookup) {
    if (!isResolved()) {
      return false;
    }
    for (PersistentField f : fields) {
      if (fieldsInLookup.stream().noneMatch(l -> l.symbol() == f.symbol())) {
        return false;
      }
    }
    return true;
  }
}
