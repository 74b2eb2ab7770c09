package dev.rowguard.checker.springdata;

import java.util.List;

/** The one place Spring Data names are spelled. Checks ask here rather than writing them again. */
public final class SpringData {

  /** The package prefix of Spring Data's own types. */
  public static final String PACKAGE = "org.springframework.data.";

  public static final String REPOSITORY = PACKAGE + "repository.Repository";
  public static final String CRUD_REPOSITORY = PACKAGE + "repository.CrudRepository";
  public static final String REACTIVE_CRUD_REPOSITORY =
      PACKAGE + "repository.reactive.ReactiveCrudRepository";
  public static final String JPA_REPOSITORY = PACKAGE + "jpa.repository.JpaRepository";
  public static final String SPECIFICATION_EXECUTOR =
      PACKAGE + "jpa.repository.JpaSpecificationExecutor";
  public static final String SPECIFICATION = PACKAGE + "jpa.domain.Specification";
  public static final String SORT = PACKAGE + "domain.Sort";

  /** Spring Data JPA's {@code @Query}. */
  public static final List<String> JPA_QUERY = List.of(PACKAGE + "jpa.repository.Query");

  public static final List<String> MODIFYING = List.of(PACKAGE + "jpa.repository.Modifying");
  public static final List<String> PARAM = List.of(PACKAGE + "repository.query.Param");

  private SpringData() {}
}
