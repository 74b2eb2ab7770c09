package dev.rowguard.checker.jpa;

import java.util.List;

/**
 * The one place JPA and Hibernate names are spelled, in both JPA namespaces: {@code
 * jakarta.persistence} (JPA 3+) and {@code javax.persistence} (older applications still in
 * production). Checks ask here rather than writing the names again.
 */
public final class Jpa {

  /** The two JPA packages, newest first. */
  public static final String JAKARTA = "jakarta.persistence.";

  public static final String JAVAX = "javax.persistence.";

  public static final List<String> ENTITY = both("Entity");
  public static final List<String> MAPPED_SUPERCLASS = both("MappedSuperclass");
  public static final List<String> EMBEDDABLE = both("Embeddable");
  public static final List<String> TABLE = both("Table");
  public static final List<String> COLUMN = both("Column");
  public static final List<String> JOIN_COLUMN = both("JoinColumn");
  public static final List<String> ID = both("Id");
  public static final List<String> EMBEDDED_ID = both("EmbeddedId");
  public static final List<String> BASIC = both("Basic");
  public static final List<String> VERSION = both("Version");
  public static final List<String> TRANSIENT = both("Transient");
  public static final List<String> MANY_TO_MANY = both("ManyToMany");
  public static final List<String> ONE_TO_MANY = both("OneToMany");
  public static final List<String> MANY_TO_ONE = both("ManyToOne");
  public static final List<String> ONE_TO_ONE = both("OneToOne");
  public static final List<String> ELEMENT_COLLECTION = both("ElementCollection");
  public static final List<String> NATURAL_ID = List.of("org.hibernate.annotations.NaturalId");
  public static final List<String> NOT_NULL =
      List.of(
          "jakarta.validation.constraints.NotNull",
          "javax.validation.constraints.NotNull",
          "jakarta.validation.constraints.NotBlank",
          "javax.validation.constraints.NotBlank",
          "jakarta.validation.constraints.NotEmpty",
          "javax.validation.constraints.NotEmpty");

  /** {@code EntityManager} in both namespaces. */
  public static final List<String> ENTITY_MANAGER = both("EntityManager");

  /** {@code Query} (JPQL and native) in both namespaces. */
  public static final List<String> QUERY = both("Query");

  public static final List<String> CRITERIA_BUILDER = both("criteria.CriteriaBuilder");
  public static final List<String> CRITERIA_DELETE = both("criteria.CriteriaDelete");
  public static final List<String> ENTITY_EXISTS_EXCEPTION = both("EntityExistsException");
  public static final List<String> PERSISTENCE_EXCEPTION = both("PersistenceException");

  public static final String HIBERNATE_SESSION = "org.hibernate.Session";
  public static final String HIBERNATE_QUERY_PRODUCER = "org.hibernate.query.QueryProducer";
  public static final String HIBERNATE_COMMON_QUERY_CONTRACT =
      "org.hibernate.query.CommonQueryContract";
  public static final String HIBERNATE_SELECTION_QUERY = "org.hibernate.query.SelectionQuery";

  /** Hibernate's own {@code @Cascade}, beside the JPA {@code cascade} attribute. */
  public static final String HIBERNATE_CASCADE = "org.hibernate.annotations.Cascade";

  public static final String HIBERNATE_EXCEPTION = "org.hibernate.HibernateException";
  public static final String HIBERNATE_CONSTRAINT_VIOLATION =
      "org.hibernate.exception.ConstraintViolationException";

  private Jpa() {}

  /**
   * The JPA package ({@link #JAKARTA} or {@link #JAVAX}) of a qualified name, or jakarta for any
   * other name.
   */
  public static String namespaceOf(String qualifiedName) {
    return qualifiedName.startsWith(JAVAX) ? JAVAX : JAKARTA;
  }

  private static List<String> both(String simpleName) {
    return List.of(JAKARTA + simpleName, JAVAX + simpleName);
  }
}
