package dev.rowguard.cli.schema;

import dev.rowguard.annotations.RowguardDocs;
import dev.rowguard.cli.InvalidInputException;
import dev.rowguard.cli.OutputOption;
import dev.rowguard.cli.findings.Finding;
import dev.rowguard.cli.findings.Fingerprints;
import dev.rowguard.cli.findings.Severity;
import dev.rowguard.cli.report.Report;
import dev.rowguard.cli.report.ReportOptions;
import dev.rowguard.sql.MigrationConfig;
import dev.rowguard.sql.Migrations;
import dev.rowguard.sql.MysqlKeyLength;
import dev.rowguard.sql.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rowguard schema check PATH...}: findings on the schema the migrations build, at the
 * migration's file and line, in the formats of {@code rowguard report}.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Reads Flyway migrations and Liquibase changelogs and reports unique keys over nullable",
      "columns and, for MySQL, unique keys longer than InnoDB's 3072 bytes, at the migration's",
      "file and line. Exit 0 when checked; with --fail-on, 1 when a finding is at or above it;",
      "2 on a usage or I/O error, or when a PATH holds no migrations."
    })
public final class SchemaCheckCommand implements Callable<Integer> {

  /** The check whose rule the nullable-key finding is, at the entity; its docs say both. */
  static final String NULLABLE_UNIQUE = "NullableUniqueColumn";

  static final String MYSQL_KEY_TOO_LONG = "MysqlKeyTooLong";

  /** Where a project directory's class path resources are. */
  private static final String PROJECT_RESOURCES = "src/main/resources";

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description =
          "The migrations of one database each: a project directory (with src/main/resources:"
              + " the locations its application.properties/yml or flyway.conf configure), a"
              + " directory (Flyway scripts under it, and a Liquibase db.changelog-master.* in it"
              + " or in db/changelog/), a Liquibase changelog or a Flyway script.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--dialect",
      paramLabel = "DIALECT",
      defaultValue = "auto",
      description =
          "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: MySQL for migrations in a mysql or"
              + " mariadb directory).")
  Dialect dialect;

  @Mixin ReportOptions reporting;

  @Mixin OutputOption output;

  private final Map<Path, List<String>> lines = new HashMap<>();

  @Override
  public Integer call() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    List<Finding> findings = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new InvalidInputException(
            path + " does not exist: give a migration directory or a Liquibase changelog");
      }
      List<Schema> schemas = schemas(path);
      if (schemas.isEmpty()) {
        throw new InvalidInputException(
            "no Flyway migrations (V*__*.sql) or Liquibase changelog found in "
                + path
                + ": give the directory of the scripts or the master changelog");
      }
      for (Schema schema : schemas) {
        for (Finding f : check(schema, root)) {
          if (!findings.contains(f)) { // PATHs that overlap read the same file twice
            findings.add(f);
          }
        }
      }
    }
    Report report = new Report(Fingerprints.track(findings), 0, List.of(), root);
    try (Writer out = output.open()) {
      reporting.write(report, out);
    }
    return reporting.exitCode(findings, spec);
  }

  /**
   * The schemas {@code path} holds: for a project directory (with {@code src/main/resources} or a
   * {@code flyway.conf}), one per database its configuration names ({@link MigrationConfig}: each
   * profile's and each {@code {vendor}} directory's history); else the one its migrations build.
   * Empty when none reads anything.
   */
  private static List<Schema> schemas(Path path) {
    Path resources = path.resolve(PROJECT_RESOURCES);
    if (Files.isDirectory(path)
        && (Files.isDirectory(resources)
            || Files.isRegularFile(path.resolve("flyway.conf"))
            || Files.isRegularFile(path.resolve("conf/flyway.conf")))) {
      return MigrationConfig.histories(List.of(resources), path).stream()
          .map(Migrations::schema)
          .filter(s -> !s.isEmpty())
          .toList();
    }
    Schema schema = Migrations.schema(List.of(path));
    return schema.isEmpty() ? List.of() : List.of(schema);
  }

  private List<Finding> check(Schema schema, Path root) {
    List<Finding> out = new ArrayList<>();
    for (String table : schema.tables().stream().sorted().toList()) {
      for (Schema.UniqueKey key : schema.uniqueKeys(table)) {
        Schema.Origin origin = key.origin();
        if (origin == null) {
          continue;
        }
        nullableColumns(schema, table, key)
            .ifPresent(
                nullable ->
                    out.add(
                        finding(
                            NULLABLE_UNIQUE,
                            Severity.WARNING,
                            origin,
                            root,
                            describe(table, key)
                                + " covers nullable column"
                                + (nullable.size() == 1 ? " " : "s ")
                                + String.join(", ", nullable)
                                + ": NULL is never equal to NULL, so any number of rows may hold"
                                + " NULL there and the key does not stop duplicates. Make "
                                + (nullable.size() == 1 ? "it" : "them")
                                + " NOT NULL in a migration (after filling the NULL rows), or keep"
                                + " the NULLs if several such rows are intended.",
                            RowguardDocs.CHECKS + NULLABLE_UNIQUE + ".md")));
        if (dialect.isMysql(origin.file())) {
          long bytes = MysqlKeyLength.bytes(schema, table, key);
          if (bytes > MysqlKeyLength.INNODB_LIMIT) {
            out.add(
                finding(
                    MYSQL_KEY_TOO_LONG,
                    Severity.ERROR,
                    origin,
                    root,
                    describe(table, key)
                        + " takes "
                        + bytes
                        + " bytes, more than InnoDB's limit of "
                        + MysqlKeyLength.INNODB_LIMIT
                        + " (a utf8mb4 VARCHAR(n) counts 4n bytes): MySQL refuses it with"
                        + " 'Specified key was too long'. Shorten the columns, or index a prefix"
                        + " of the longest one (column(100)).",
                    RowguardDocs.SCHEMA + "#mysqlkeytoolong"));
          }
        }
      }
    }
    return out;
  }

  /**
   * The key's columns that allow NULL, when the table was fully read (a statement not understood
   * may have made them NOT NULL) and there is one.
   */
  private static Optional<List<String>> nullableColumns(
      Schema schema, String table, Schema.UniqueKey key) {
    if (!schema.isFullyRead(table)) {
      return Optional.empty();
    }
    List<String> nullable =
        key.columns().stream()
            .filter(c -> schema.column(table, c).map(col -> !col.notNull()).orElse(false))
            .toList();
    return nullable.isEmpty() ? Optional.empty() : Optional.of(nullable);
  }

  private static String describe(String table, Schema.UniqueKey key) {
    return "The unique key "
        + (key.name() == null ? "" : key.name() + " ")
        + "on "
        + table
        + " ("
        + String.join(", ", key.columns())
        + ")";
  }

  private Finding finding(
      String check,
      Severity severity,
      Schema.Origin origin,
      Path root,
      String message,
      String link) {
    Path file = Path.of(origin.file());
    Path absolute = file.toAbsolutePath().normalize();
    String path = absolute.startsWith(root) ? root.relativize(absolute).toString() : origin.file();
    return new Finding(
        check,
        severity,
        path,
        origin.line(),
        0,
        false,
        message,
        link,
        null,
        sourceLine(absolute, origin.line()));
  }

  private @Nullable String sourceLine(Path file, int line) {
    List<String> text =
        lines.computeIfAbsent(
            file,
            f -> {
              try {
                return Files.readAllLines(f, StandardCharsets.UTF_8);
              } catch (IOException | UncheckedIOException e) {
                return List.of();
              }
            });
    return line >= 1 && line <= text.size() ? text.get(line - 1) : null;
  }
}
