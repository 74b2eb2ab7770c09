package dev.rowguard.checker.jpa;

import com.sun.tools.javac.code.Symbol;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One persistent attribute of an entity, with the mapping facts the checks need. Annotations are
 * read from the field and, for property access, from its getter.
 *
 * @param symbol the Java field
 * @param explicitColumn the name from {@code @Column(name)} or {@code @JoinColumn(name)}, if written
 * @param nullable whether the column can hold NULL (false for to-many associations, which have no column)
 * @param uniqueColumn {@code @Column(unique = true)} or {@code @JoinColumn(unique = true)}
 * @param id {@code @Id} or {@code @EmbeddedId}
 * @param naturalId Hibernate {@code @NaturalId}
 * @param association the relationship kind, {@link Association#NONE} for basic columns
 * @param cascade the {@code cascade} constants written on the association ({@code ALL}, {@code REMOVE}, ...)
 * @param orphanRemoval {@code orphanRemoval = true} on a one-to-many or one-to-one
 * @param mappedBy the {@code mappedBy} of an inverse association side, if written
 */
public record PersistentField(
    Symbol.VarSymbol symbol,
    Optional<String> explicitColumn,
    boolean nullable,
    boolean uniqueColumn,
    boolean id,
    boolean naturalId,
    Association association,
    List<String> cascade,
    boolean orphanRemoval,
    Optional<String> mappedBy) {

  public PersistentField {
    cascade = List.copyOf(cascade);
  }

  /** The Java name of the attribute. */
  public String name() {
    return symbol.getSimpleName().toString();
  }

  /**
   * The column name the database most likely uses: the explicit one, else Spring Boot's default
   * naming ({@code tenantId} becomes {@code tenant_id}).
   */
  public String columnName() {
    return explicitColumn.orElseGet(() -> snakeCase(name()));
  }

  /**
   * True when a column name written in a constraint denotes this field: the explicit column name,
   * else the field name as written or in Spring Boot's snake_case; case-insensitive like SQL.
   */
  public boolean hasColumnName(String column) {
    String c = column.trim().replace("\"", "").replace("`", "");
    if (explicitColumn.isPresent()) {
      return explicitColumn.get().equalsIgnoreCase(c);
    }
    return name().equalsIgnoreCase(c) || snakeCase(name()).equalsIgnoreCase(c);
  }

  /** True when removing the owner also removes this association's targets. */
  public boolean cascadesRemove() {
    return cascade.contains("ALL") || cascade.contains("REMOVE");
  }

  static String snakeCase(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        out.append('_');
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
