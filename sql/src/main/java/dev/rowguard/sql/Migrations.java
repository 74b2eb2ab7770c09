package dev.rowguard.sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The schema of an application's migrations, Flyway or Liquibase, from the paths that hold them: a
 * directory is a Flyway location (its {@code V*__*.sql}/{@code R__*.sql} scripts, searched
 * recursively) and holds a Liquibase master changelog when it has one ({@code
 * db.changelog-master.(yaml|yml|xml|sql)} in it or Spring Boot's {@code
 * db/changelog/db.changelog-master.*} under it); a file is a Liquibase changelog when it is one
 * ({@link LiquibaseChangelogs#isChangelog}), else a Flyway script. Flyway's scripts are applied
 * first, then the changelogs in the order given.
 */
public final class Migrations {

  private Migrations() {}

  /** The schema the migrations at {@code paths} build; {@link Schema#EMPTY} when none is read. */
  public static Schema schema(List<Path> paths) {
    return schema(MigrationHistory.of(paths));
  }

  /** The schema one database's migrations build; {@link Schema#EMPTY} when none is read. */
  public static Schema schema(MigrationHistory history) {
    return agreed(List.of(history));
  }

  /**
   * What the histories of several databases (or configurations) agree on ({@link
   * Schema.Builder#keepAgreed}): a fact one of them does not share is unknown, so it neither makes
   * nor silences a finding. Histories that read nothing are left out; {@link Schema#EMPTY} when all
   * are.
   */
  public static Schema agreed(List<MigrationHistory> histories) {
    Schema.Builder agreed = null;
    for (MigrationHistory history : histories) {
      Schema.Builder builder = new Schema.Builder();
      if (apply(history, builder)) {
        if (agreed == null) {
          agreed = builder;
        } else {
          agreed.keepAgreed(builder);
        }
      }
    }
    return agreed == null ? Schema.EMPTY : agreed.build();
  }

  private static boolean apply(MigrationHistory history, Schema.Builder builder) {
    List<Path> flyway = new ArrayList<>();
    Set<Path> changelogs = new LinkedHashSet<>();
    for (Path path : history.paths()) {
      if (Files.isDirectory(path)) {
        flyway.add(path);
        changelogs.addAll(masterChangelogs(path));
      } else if (LiquibaseChangelogs.isChangelog(path)) {
        changelogs.add(path);
      } else {
        flyway.add(path);
      }
    }
    boolean read = FlywayMigrations.apply(flyway, builder, history.flywayPlaceholders());
    for (Path changelog : changelogs) {
      read |= LiquibaseChangelogs.apply(changelog, builder, history.liquibaseParameters());
    }
    return read;
  }

  /**
   * The Liquibase master changelogs of a directory: {@code db.changelog-master.*} in it, else
   * Spring Boot's default under it ({@link LiquibaseChangelogs#defaultMaster}).
   */
  public static List<Path> masterChangelogs(Path directory) {
    for (String master : LiquibaseChangelogs.DEFAULT_MASTERS) {
      Path name = Path.of(master).getFileName();
      if (name != null && LiquibaseChangelogs.isChangelog(directory.resolve(name))) {
        return List.of(directory.resolve(name));
      }
    }
    return LiquibaseChangelogs.defaultMaster(directory).map(List::of).orElse(List.of());
  }
}
