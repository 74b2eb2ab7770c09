package dev.rowguard.checker.jpa;

import com.sun.tools.javac.code.Symbol;
import java.util.Locale;
import java.util.Optional;

/**
 * One persistent attribute of an entity, with the mapping facts the checks need. Annotations are
 * read from the field and, for property access, from its getter.
 *
 * @param symbol the Java field
 * @param explicitColumn the column name the mapping fixes: from {@code @Column(name)} or
 *     {@code @JoinColumn(name)}, or for the owning side of a to-one association without one, JPA's
 *     default join column {@code <field>_<target id column>} ({@code tenant_id})
 * @param nullable whether the column can hold NULL (false for to-many associations, which have no
 *     column)
 * @param uniqueColumn {@code @Column(unique = true)} or {@code @JoinColumn(unique = true)}
 * @param id {@code @Id} or {@code @EmbeddedId}
 * @param naturalId Hibernate {@code @NaturalId}
 * @param association the relationship kind, {@link Association#NONE} for basic columns
 * @param mappedBy the {@code mappedBy} of an inverse association side, if written
 * @param explicitlyNullable {@code nullable = true} written on {@code @Column} or
 *     {@code @JoinColumn}: the author chose NULL on purpose
 */
public record PersistentField(
    Symbol.VarSymbol symbol,
    Optional<String> explicitColumn,
    boolean nullable,
    boolean uniqueColumn,
    boolean id,
    boolean naturalId,
    Association association,
    Optional<String> mappedBy,
    boolean explicitlyNullable) {

  /** The Java name of the attribute. */
  public String name() {
    return symbol.getSimpleName().toString();
  }

  /**
   * The column name the database most likely uses: the mapped name (explicit, or the default join
   * column) or else the field name, through Spring Boot's default naming ({@code tenantId} becomes
   * {@code tenant_id}).
   */
  public String columnName() {
    return snakeCase(explicitColumn.orElseGet(this::name));
  }

  /**
   * True when a column name written in a constraint denotes this field: the explicit column name,
   * else the field name; either as written or as Spring Boot's naming strategy renders it;
   * case-insensitive like SQL.
   */
  public boolean hasColumnName(String column) {
    String c = column.trim().replace("\"", "").replace("`", "");
    String logical = explicitColumn.orElseGet(this::name);
    return logical.equalsIgnoreCase(c) || snakeCase(logical).equalsIgnoreCase(c);
  }

  /**
   * Spring Boot's default physical naming ({@code CamelCaseToUnderscoresNamingStrategy}): an
   * underscore before an upper-case letter only between two lower-case ones, so {@code tenantId}
   * becomes {@code tenant_id} but {@code externalID} becomes {@code externalid}; dots become
   * underscores; the result is lower case.
   */
  public static String snakeCase(String camel) {
    StringBuilder out = new StringBuilder(camel.replace('.', '_'));
    for (int i = 1; i < out.length() - 1; i++) {
      if (Character.isLowerCase(out.charAt(i - 1))
          && Character.isUpperCase(out.charAt(i))
          && Character.isLowerCase(out.charAt(i + 1))) {
        out.insert(i++, '_');
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
