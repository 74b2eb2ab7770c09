package dev.rowguard.checker.schema;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import dev.rowguard.checker.jpa.Jpa;
import dev.rowguard.checker.jpa.PersistentField;
import dev.rowguard.checker.util.Annotations;
import dev.rowguard.checker.util.PerCompilation;
import dev.rowguard.sql.MigrationConfig;
import dev.rowguard.sql.MigrationHistory;
import dev.rowguard.sql.Migrations;
import dev.rowguard.sql.Schema;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.tools.JavaFileManager;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * The schema the application's migrations build (Flyway SQL scripts and Liquibase changelogs), read
 * once per compilation and set of locations: the database's own word on NOT NULL where the JPA
 * mapping says nothing.
 *
 * <p>The locations are the paths named by {@code -XepOpt:Rowguard:Migrations=PATH[,PATH...]} (read
 * as {@link Migrations#schema} reads them); without the flag, those the application's configuration
 * names ({@link MigrationConfig}: {@code spring.flyway.locations}, {@code
 * spring.liquibase.change-log}, {@code flyway.conf}, ..., else Flyway's default {@code
 * db/migration} and Spring Boot's default Liquibase master) under the class output and class path
 * directories (Maven copies {@code src/main/resources} there before compiling) and the {@code
 * src/main/resources} and {@code src/test/resources} beside the source file being compiled; when
 * they name several histories (profiles, {@code {vendor}} directories), what they agree on.
 */
public final class MigrationSchemas {

  /** The Error Prone flag that names the migration locations (comma-separated paths). */
  public static final String FLAG = "Rowguard:Migrations";

  private static final List<String> RESOURCE_ROOTS =
      List.of("src/main/resources", "src/test/resources");

  private MigrationSchemas() {}

  /** The schema of the migrations this compilation sees; {@link Schema#EMPTY} when it sees none. */
  public static Schema of(VisitorState state) {
    Cache cache = Cache.instance(state);
    List<MigrationHistory> histories = cache.flaggedHistories(state);
    if (histories.isEmpty()) {
      histories = besideSource(state.getPath().getCompilationUnit(), cache);
    }
    return cache.schemas.computeIfAbsent(histories, Migrations::agreed);
  }

  /**
   * The column of {@code entity}'s table that {@code field} maps, as the migrations declare it: the
   * table named by {@code @Table(name)} (its own or an entity superclass's), else the entity name
   * as written or in Spring Boot's snake case; the column likewise.
   */
  public static Optional<Schema.Column> column(
      Symbol.ClassSymbol entity, PersistentField field, VisitorState state) {
    Schema schema = of(state);
    if (schema.isEmpty()) {
      return Optional.empty();
    }
    String logicalColumn = field.explicitColumn().orElseGet(field::name);
    for (String table : tableNames(entity)) {
      for (String column : List.of(logicalColumn, PersistentField.snakeCase(logicalColumn))) {
        Optional<Schema.Column> found = schema.column(table, column);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * True when the migrations give {@code entity}'s table a unique key (primary key, unique
   * constraint or non-partial unique index) whose columns are all among {@code fields}' columns: a
   * lookup on those fields finds at most one row, whatever the mapping declares.
   */
  public static boolean hasUniqueKeyCoveredBy(
      Symbol.ClassSymbol entity, List<PersistentField> fields, VisitorState state) {
    Schema schema = of(state);
    if (schema.isEmpty()) {
      return false;
    }
    return uniqueKeys(entity, state).stream()
        .anyMatch(
            key ->
                key.columns().stream()
                    .allMatch(c -> fields.stream().anyMatch(f -> f.hasColumnName(c))));
  }

  /**
   * The unique keys the migrations give {@code entity}'s table (the first of its candidate names
   * that they create); empty when they create none of them.
   */
  public static List<Schema.UniqueKey> uniqueKeys(Symbol.ClassSymbol entity, VisitorState state) {
    Schema schema = of(state);
    return table(entity, schema).map(schema::uniqueKeys).orElse(List.of());
  }

  /**
   * True when the migrations create {@code entity}'s table and every statement that changed it was
   * understood ({@link Schema#isFullyRead}): only then is a column that looks nullable surely so.
   */
  public static boolean isFullyRead(Symbol.ClassSymbol entity, VisitorState state) {
    Schema schema = of(state);
    return table(entity, schema).map(schema::isFullyRead).orElse(false);
  }

  /**
   * The foreign key the migrations give {@code child}'s table over {@code field}'s join column into
   * {@code parent}'s table, if there is one (the first such).
   */
  public static Optional<Schema.ForeignKey> foreignKey(
      Symbol.ClassSymbol child,
      PersistentField field,
      Symbol.ClassSymbol parent,
      VisitorState state) {
    Schema schema = of(state);
    Optional<String> childTable = table(child, schema);
    Optional<String> parentTable = table(parent, schema);
    if (childTable.isEmpty() || parentTable.isEmpty()) {
      return Optional.empty();
    }
    String referenced = parentTable.get().replaceAll("[\"`\\[\\]]", "");
    return schema.foreignKeys(childTable.get()).stream()
        .filter(k -> k.referencedTable().equalsIgnoreCase(referenced))
        .filter(k -> k.columns().size() == 1 && field.hasColumnName(k.columns().get(0)))
        .findFirst();
  }

  private static Optional<String> table(Symbol.ClassSymbol entity, Schema schema) {
    if (schema.isEmpty()) {
      return Optional.empty();
    }
    return tableNames(entity).stream().filter(schema::hasTable).findFirst();
  }

  private static Set<String> tableNames(Symbol.ClassSymbol entity) {
    Set<String> names = new LinkedHashSet<>();
    for (Symbol.ClassSymbol c = entity; c != null; c = superclass(c)) {
      Optional<String> table =
          Annotations.find(c, Jpa.TABLE)
              .flatMap(a -> Annotations.stringValue(a, "name"))
              .filter(n -> !n.isBlank());
      table.ifPresent(names::add);
      if (Annotations.has(c, Jpa.ENTITY)) {
        String entityName =
            Annotations.find(c, Jpa.ENTITY)
                .flatMap(a -> Annotations.stringValue(a, "name"))
                .filter(n -> !n.isBlank())
                .orElse(c.getSimpleName().toString());
        names.add(entityName);
        names.add(PersistentField.snakeCase(entityName));
      }
    }
    return names;
  }

  private static Symbol.ClassSymbol superclass(Symbol.ClassSymbol c) {
    Type parent = c.getSuperclass();
    return parent != null && parent.tsym instanceof Symbol.ClassSymbol s && s != c ? s : null;
  }

  /**
   * The histories the configuration of the compilation unit's module names ({@link
   * MigrationConfig}): its class output and class path directories, then {@code src/main/resources}
   * and {@code src/test/resources} of the module ({@code <module>/src/main/java/...} gives {@code
   * <module>}), which is also where {@code filesystem:} locations and {@code flyway.conf} are
   * found.
   */
  private static List<MigrationHistory> besideSource(CompilationUnitTree unit, Cache cache) {
    Path module = null;
    if (unit != null && unit.getSourceFile() != null) {
      try {
        URI uri = unit.getSourceFile().toUri();
        if ("file".equals(uri.getScheme())) {
          module = moduleOf(Path.of(uri));
        }
      } catch (RuntimeException e) {
        // not a file system path (an in-memory source): nothing beside it
      }
    }
    Path key = module == null ? Path.of("") : module;
    Path moduleDir = module;
    return cache.besideSource.computeIfAbsent(
        key,
        m -> {
          List<Path> roots = new ArrayList<>(cache.classpathRoots);
          if (moduleDir != null) {
            RESOURCE_ROOTS.forEach(r -> roots.add(moduleDir.resolve(r)));
          }
          return MigrationConfig.histories(roots, moduleDir);
        });
  }

  /** The directory holding {@code src} for a file under {@code src/main/java} or the like. */
  private static Path moduleOf(Path source) {
    for (Path p = source.getParent(); p != null; p = p.getParent()) {
      Path name = p.getFileName();
      if (name != null && name.toString().equals("src")) {
        return p.getParent();
      }
    }
    return null;
  }

  /** Locations and schemas, once per compilation. */
  private static final class Cache {
    private static final Context.Key<Cache> KEY = new Context.Key<>();

    final Map<List<MigrationHistory>, Schema> schemas = new HashMap<>();
    final Map<Path, List<MigrationHistory>> besideSource = new HashMap<>();
    List<Path> classpathRoots = List.of();
    List<MigrationHistory> flagged;

    static Cache instance(VisitorState state) {
      return PerCompilation.get(state, KEY, Cache::new);
    }

    /**
     * The flag's locations as one history; empty without the flag, after noting the class output
     * and class path directories for {@link #besideSource}.
     */
    List<MigrationHistory> flaggedHistories(VisitorState state) {
      if (flagged != null) {
        return flagged;
      }
      List<Path> out = new ArrayList<>();
      String flag = state.errorProneOptions().getFlags().get(FLAG).orElse("");
      for (String location : flag.split(",")) {
        try {
          if (!location.isBlank()) {
            out.add(Path.of(location.strip()));
          }
        } catch (InvalidPathException e) {
          // a location that is no path names no migrations
        }
      }
      List<Path> roots = new ArrayList<>();
      if (out.isEmpty()
          && state.context.get(JavaFileManager.class) instanceof StandardJavaFileManager files) {
        for (StandardLocation l :
            List.of(StandardLocation.CLASS_OUTPUT, StandardLocation.CLASS_PATH)) {
          try {
            Iterable<? extends Path> paths = files.getLocationAsPaths(l);
            if (paths != null) {
              for (Path p : paths) {
                if (Files.isDirectory(p)) {
                  roots.add(p);
                }
              }
            }
          } catch (RuntimeException e) {
            // a file manager that cannot list paths: only the flag and the source tree count
          }
        }
      }
      classpathRoots = List.copyOf(roots);
      flagged = out.isEmpty() ? List.of() : List.of(MigrationHistory.of(out));
      return flagged;
    }
  }
}
