package dev.rowguard.checker.jpa;

import java.util.List;

/**
 * Names of the JPA mapping annotations, in both namespaces: {@code jakarta.persistence} (JPA 3+)
 * and {@code javax.persistence} (older applications still in production).
 */
final class Jpa {

  static final List<String> ENTITY = both("Entity");
  static final List<String> MAPPED_SUPERCLASS = both("MappedSuperclass");
  static final List<String> EMBEDDABLE = both("Embeddable");
  static final List<String> TABLE = both("Table");
  static final List<String> COLUMN = both("Column");
  static final List<String> JOIN_COLUMN = both("JoinColumn");
  static final List<String> ID = both("Id");
  static final List<String> EMBEDDED_ID = both("EmbeddedId");
  static final List<String> BASIC = both("Basic");
  static final List<String> VERSION = both("Version");
  static final List<String> TRANSIENT = both("Transient");
  static final List<String> MANY_TO_MANY = both("ManyToMany");
  static final List<String> ONE_TO_MANY = both("OneToMany");
  static final List<String> MANY_TO_ONE = both("ManyToOne");
  static final List<String> ONE_TO_ONE = both("OneToOne");
  static final List<String> ELEMENT_COLLECTION = both("ElementCollection");
  static final List<String> NATURAL_ID = List.of("org.hibernate.annotations.NaturalId");
  static final List<String> NOT_NULL =
      List.of(
          "jakarta.validation.constraints.NotNull",
          "javax.validation.constraints.NotNull",
          "jakarta.validation.constraints.NotBlank",
          "javax.validation.constraints.NotBlank",
          "jakarta.validation.constraints.NotEmpty",
          "javax.validation.constraints.NotEmpty");

  private Jpa() {}

  private static List<String> both(String simpleName) {
    return List.of("jakarta.persistence." + simpleName, "javax.persistence." + simpleName);
  }
}
