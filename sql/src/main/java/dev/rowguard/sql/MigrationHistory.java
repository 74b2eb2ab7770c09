package dev.rowguard.sql;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The migrations of one database: the paths, read as {@link Migrations#schema(List)} reads them,
 * and the values of the {@code ${name}} placeholders in them.
 *
 * @param paths Flyway locations (directories or scripts) and Liquibase changelogs
 * @param flywayPlaceholders Flyway's placeholders ({@code spring.flyway.placeholders.*}, {@code
 *     flyway.placeholders.*})
 * @param liquibaseParameters Liquibase's changelog parameters ({@code
 *     spring.liquibase.parameters.*}, {@code parameter.*} in {@code liquibase.properties}); the
 *     changelogs' own {@code <property>}s come after them, as in Liquibase (the first value wins)
 */
public record MigrationHistory(
    List<Path> paths,
    Map<String, String> flywayPlaceholders,
    Map<String, String> liquibaseParameters) {

  public MigrationHistory {
    paths = List.copyOf(paths);
    flywayPlaceholders = Map.copyOf(flywayPlaceholders);
    liquibaseParameters = Map.copyOf(liquibaseParameters);
  }

  /** The paths, without placeholder values. */
  public static MigrationHistory of(List<Path> paths) {
    return new MigrationHistory(paths, Map.of(), Map.of());
  }
}
