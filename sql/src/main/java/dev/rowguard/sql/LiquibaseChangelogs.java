package dev.rowguard.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Liquibase changelogs (XML, YAML, JSON and formatted SQL) read into the {@link Schema} their
 * changes build, in Liquibase's order: the changeSets of a changelog as written, an {@code include}
 * where it stands, an {@code includeAll} directory's changelogs by path. The changes that shape
 * tables are applied ({@code createTable} with its columns' {@code constraints}, {@code addColumn},
 * {@code dropColumn}, {@code addNotNullConstraint}, {@code dropNotNullConstraint}, {@code
 * addUniqueConstraint}, {@code dropUniqueConstraint}, {@code addPrimaryKey}, {@code createIndex}
 * with {@code unique="true"}, {@code dropIndex}, {@code addForeignKeyConstraint} with {@code
 * onDelete}, {@code dropForeignKeyConstraint}, {@code renameColumn}, {@code renameTable}, {@code
 * dropTable}, and {@code sql}/{@code sqlFile} through {@link Schema}'s SQL reading); changes that
 * touch data only ({@code insert}, {@code loadData}, views, sequences, remarks, defaults) change
 * nothing; any other change marks the table it names only partly read.
 *
 * <p>Properties {@code ${name}} take the parameters given from outside first, then the changelogs'
 * {@code <property>}s (and {@code --property} lines, and {@code <property file>}), the first value
 * of a name winning; a property defined only for some contexts, labels or databases has no value. A
 * change that still holds a {@code ${...}} where it shapes the schema is unknown: the tables it
 * names are {@link Schema.Builder#forget forgotten} (a column of {@code createTable} is left out),
 * and a {@code ${...}} in a type makes the type unknown. A changeSet, include or change that may
 * not run ({@link Runs}: {@code dbms}, contexts, labels, skipping preconditions) is kept only where
 * the model with and without it agrees ({@link Schema.Builder#keepAgreed}): it neither makes nor
 * silences a finding. {@code ignore="true"} changeSets are skipped.
 */
public final class LiquibaseChangelogs {

  /**
   * Spring Boot's default master changelog ({@code spring.liquibase.change-log}), relative to a
   * class path root, in the formats read here.
   */
  public static final List<String> DEFAULT_MASTERS =
      List.of(
          "db/changelog/db.changelog-master.yaml",
          "db/changelog/db.changelog-master.yml",
          "db/changelog/db.changelog-master.xml",
          "db/changelog/db.changelog-master.sql");

  private static final Pattern FORMATTED_SQL =
      Pattern.compile("\\A\\s*--\\s*liquibase\\s+formatted\\s+sql", Pattern.CASE_INSENSITIVE);
  private static final Pattern CHANGESET =
      Pattern.compile("(?im)^\\s*--\\s*changeset\\s+\\S+(.*)$");

  /** Changes that leave every table's columns, nullability and keys as they were. */
  private static final Set<String> DATA_ONLY =
      Set.of(
          "insert",
          "update",
          "delete",
          "loaddata",
          "loadupdatedata",
          "createview",
          "dropview",
          "renameview",
          "createsequence",
          "dropsequence",
          "altersequence",
          "renamesequence",
          "tagdatabase",
          "output",
          "empty",
          "stop",
          "adddefaultvalue",
          "dropdefaultvalue",
          "settableremarks",
          "setcolumnremarks",
          "createprocedure",
          "dropprocedure",
          "createfunction",
          "dropfunction",
          "createtrigger",
          "droptrigger",
          "enabletrigger",
          "disabletrigger",
          "addautoincrement",
          "executecommand",
          "addlookuptable",
          "createsynonym",
          "dropsynonym");

  /** Elements of a changeSet that are not changes. */
  private static final Set<String> NOT_CHANGES =
      Set.of("comment", "preconditions", "rollback", "validchecksum", "tagdatabase", "property");

  /** Keys whose YAML sequence is one element (its items inside), not items of its parent. */
  private static final Set<String> YAML_ELEMENTS = Set.of("preconditions", "rollback");

  private static final int MAX_DEPTH = 8;
  private static final int MAX_FILES = 10_000;
  private static final long MAX_FILE_BYTES = 8L << 20;

  private LiquibaseChangelogs() {}

  /**
   * Spring Boot's default master changelog under a class path root: the first of {@link
   * #DEFAULT_MASTERS} there.
   */
  public static Optional<Path> defaultMaster(Path root) {
    for (String master : DEFAULT_MASTERS) {
      Path candidate = root.resolve(master);
      if (isChangelog(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** True when {@code file} is a changelog this class reads (by name, and for SQL by header). */
  public static boolean isChangelog(Path file) {
    Format format = format(file);
    return format != null && format != Format.RAW_SQL;
  }

  /**
   * The schema the changelogs build, applied in the order given; {@link Schema#EMPTY} when none can
   * be read. Files that cannot be read or parsed, or larger than 8 MiB, are skipped.
   */
  public static Schema schema(List<Path> changelogs) {
    Schema.Builder builder = new Schema.Builder();
    boolean read = false;
    for (Path changelog : changelogs) {
      read |= new ChangelogReader(builder, Map.of()).changelog(changelog);
    }
    return read ? builder.build() : Schema.EMPTY;
  }

  /**
   * Applies {@code changelog} to {@code builder}, {@code parameters} (given from outside, so they
   * win over the changelogs' own properties) substituted; false when it could not be read at all.
   */
  static boolean apply(Path changelog, Schema.Builder builder, Map<String, String> parameters) {
    return new ChangelogReader(builder, parameters).changelog(changelog);
  }

  private enum Format {
    XML,
    YAML,
    SQL,
    /** A plain SQL script included by a changelog: one changeSet of its statements. */
    RAW_SQL
  }

  private static @Nullable Format format(Path file) {
    Path name = file.getFileName();
    if (name == null || !Files.isRegularFile(file)) {
      return null;
    }
    String lower = name.toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".xml")) {
      return Format.XML;
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) {
      // JSON is read as YAML, as Liquibase's own JSON parser does
      return Format.YAML;
    }
    if (lower.endsWith(".sql")) {
      try (InputStream in = Files.newInputStream(file)) {
        String head = new String(in.readNBytes(256), StandardCharsets.UTF_8);
        return FORMATTED_SQL.matcher(head).find() ? Format.SQL : Format.RAW_SQL;
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * A changelog element, the same for XML and YAML: its name, scalar attributes, child elements and
   * text, with the line it starts on.
   */
  private record Node(
      String name, Map<String, String> attributes, List<Node> children, String text, int line) {

    @Nullable String attribute(String key) {
      String value = attributes.get(key);
      return value == null || value.isBlank() ? null : value.strip();
    }

    boolean isTrue(String key) {
      return "true".equalsIgnoreCase(attribute(key));
    }

    boolean isFalse(String key) {
      return "false".equalsIgnoreCase(attribute(key));
    }

    List<Node> children(String childName) {
      return children.stream().filter(c -> c.name().equalsIgnoreCase(childName)).toList();
    }
  }

  /** Reads changelogs into one builder, following includes once each. */
  private static final class ChangelogReader {
    private final Schema.Builder builder;
    private final Set<Path> seen = new HashSet<>();
    private final Deque<Path> roots = new ArrayDeque<>();

    /** Property values, the first definition of a name winning, as in Liquibase. */
    private final Map<String, String> properties = new LinkedHashMap<>();

    /** Names already defined, including those defined only in some contexts (no value then). */
    private final Set<String> defined = new HashSet<>();

    ChangelogReader(Schema.Builder builder, Map<String, String> parameters) {
      this.builder = builder;
      properties.putAll(parameters);
      defined.addAll(parameters.keySet());
    }

    boolean changelog(Path file) {
      Path real = file.toAbsolutePath().normalize();
      Format format = format(file);
      if (format == null || !seen.add(real) || seen.size() > MAX_FILES) {
        return false;
      }
      if (roots.isEmpty()) {
        roots.push(searchRoot(real));
      }
      try {
        if (Files.size(file) > MAX_FILE_BYTES) {
          return false;
        }
        switch (format) {
          case SQL -> formattedSql(file, Files.readString(file, StandardCharsets.UTF_8));
          case RAW_SQL -> {
            if (roots.size() == 1 && seen.size() == 1) {
              return false; // a master changelog is never a plain script
            }
            builder.applyScript(file.toString(), Files.readString(file, StandardCharsets.UTF_8), 1);
          }
          case XML -> changes(file, Xml.parse(file));
          case YAML -> {
            Optional<Node> root = Yaml.parse(file);
            if (root.isEmpty()) {
              return false;
            }
            changes(file, root.get());
          }
        }
        return true;
      } catch (IOException | SAXException | RuntimeException e) {
        // Not a changelog we can read (malformed, not UTF-8, SnakeYAML missing): what was applied
        // before the failure stays, the rest is unknown.
        return false;
      } catch (NoClassDefFoundError e) {
        return false; // SnakeYAML is not on the class path
      } finally {
        builder.at(null);
      }
    }

    /**
     * The directory Liquibase resolves a changelog's non-relative includes against: the class path
     * root, i.e. the directory above {@code db/changelog/} when the file is there, else the file's
     * own directory.
     */
    private static Path searchRoot(Path file) {
      Path dir = file.getParent();
      for (Path p = dir; p != null; p = p.getParent()) {
        Path name = p.getFileName();
        Path parent = p.getParent();
        if (name != null
            && name.toString().equals("changelog")
            && parent != null
            && parent.getFileName() != null
            && parent.getFileName().toString().equals("db")) {
          return parent.getParent() == null ? parent : parent.getParent();
        }
      }
      return dir == null ? Path.of("") : dir;
    }

    private void changes(Path file, Node unexpanded) {
      for (Node property : unexpanded.children("property")) {
        property(file, property);
      }
      Node root = expand(unexpanded);
      for (Node child : root.children()) {
        String name = child.name().toLowerCase(Locale.ROOT);
        switch (name) {
          case "changeset" -> maybe(Runs.of(child), () -> changeSet(file, child));
          case "include" -> maybe(Runs.of(child), () -> include(file, child));
          case "includeall" -> maybe(Runs.of(child), () -> includeAll(file, child));
          default -> {}
        }
      }
    }

    /**
     * An included changelog; one that cannot be found (on a jar of the class path, or named with an
     * unresolved {@code ${...}}) or read may have changed any table known so far.
     */
    private void include(Path file, Node include) {
      String target = include.attribute("file");
      if (target == null) {
        return;
      }
      Optional<Path> found = resolve(file, target, include.isTrue("relativeToChangelogFile"));
      if (found.isEmpty()) {
        builder.partlyReadAll();
      } else if (!seen.contains(found.get().toAbsolutePath().normalize())
          && !changelog(found.get())) {
        builder.partlyReadAll();
      }
    }

    private void includeAll(Path file, Node includeAll) {
      String target = includeAll.attribute("path");
      if (target == null) {
        return;
      }
      Optional<Path> dir = resolve(file, target, includeAll.isTrue("relativeToChangelogFile"));
      if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
        builder.partlyReadAll(); // not found here: what it changes is unknown
        return;
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(dir.get(), MAX_DEPTH)) {
        files =
            walk.filter(f -> format(f) != null)
                .limit(MAX_FILES)
                .sorted((a, b) -> a.toString().compareTo(b.toString()))
                .toList();
      } catch (IOException | UncheckedIOException e) {
        return;
      }
      files.forEach(this::changelog);
    }

    /**
     * Where an include names: beside the including file when relative to it, else against the
     * search root (the class path root), else beside the including file, else against each
     * directory above it, nearest first: a master outside {@code db/changelog/} (Keycloak's {@code
     * META-INF/jpa-changelog-master.xml} includes {@code META-INF/jpa-changelog-1.0.0.Final.xml})
     * names its includes from a class path root this reader cannot otherwise tell.
     */
    private Optional<Path> resolve(Path file, String target, boolean relativeToFile) {
      String path = target.replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", "");
      Path dir = file.toAbsolutePath().getParent();
      List<Path> candidates = new ArrayList<>();
      if (relativeToFile && dir != null) {
        candidates.add(dir.resolve(path));
      } else {
        roots.forEach(r -> candidates.add(r.resolve(path)));
        for (Path d = dir; d != null; d = d.getParent()) {
          candidates.add(d.resolve(path));
        }
      }
      try {
        return candidates.stream().filter(Files::exists).findFirst().map(Path::normalize);
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }

    /**
     * Applies {@code changes} as they stand when they surely run; when they may not ({@link Runs}),
     * keeps only what the model with and without them agrees on ({@link
     * Schema.Builder#keepAgreed}); when they never run, nothing.
     */
    private void maybe(Runs conditions, Runnable changes) {
      if (conditions == Runs.NEVER) {
        return;
      }
      if (conditions == Runs.ALWAYS) {
        changes.run();
        return;
      }
      Schema.Builder without = builder.copy();
      changes.run();
      builder.keepAgreed(without);
    }

    private void changeSet(Path file, Node changeSet) {
      for (Node change : changeSet.children()) {
        String name = change.name().toLowerCase(Locale.ROOT);
        if (NOT_CHANGES.contains(name)) {
          continue;
        }
        builder.at(new Schema.Origin(file.toString(), change.line()));
        maybe(Runs.ofChange(change), () -> change(file, change, name));
      }
      builder.at(null);
    }

    /** A {@code <property>}: its value, unless the name has one already (or is conditional). */
    private void property(Path file, Node property) {
      String fromFile = property.attribute("file");
      if (fromFile != null) {
        resolve(file, fromFile, property.isTrue("relativeToChangelogFile"))
            .ifPresent(
                f -> {
                  try (Reader in = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
                    java.util.Properties values = new java.util.Properties();
                    values.load(in);
                    values.stringPropertyNames().stream()
                        .sorted()
                        .forEach(
                            n -> {
                              String v = values.getProperty(n);
                              if (v != null) {
                                define(n, v, Runs.of(property));
                              }
                            });
                  } catch (IOException | IllegalArgumentException e) {
                    // unreadable: its names stay unresolved
                  }
                });
      }
      String name = property.attribute("name");
      String value = property.attributes().get("value");
      if (name != null && value != null) {
        define(name, value, Runs.of(property));
      }
    }

    private void define(String name, String value, Runs conditions) {
      if (defined.add(name) && conditions == Runs.ALWAYS) {
        properties.put(name, value);
      } // a value for some contexts or databases only: the name stays unresolved
    }

    /** {@code node} with the properties' values substituted in its attributes and text. */
    private Node expand(Node node) {
      if (properties.isEmpty()) {
        return node;
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      node.attributes().forEach((k, v) -> attributes.put(k, Placeholders.expand(v, properties)));
      List<Node> children = new ArrayList<>();
      node.children().forEach(c -> children.add(expand(c)));
      return new Node(
          node.name(),
          attributes,
          children,
          Placeholders.expand(node.text(), properties),
          node.line());
    }

    private void change(Path file, Node change, String name) {
      String table = change.attribute("tableName");
      if (!name.equals("sql") && unresolved(change)) {
        // a value no property gives: the tables it names are unknown from here
        if (name.equals("createtable") || name.equals("addcolumn")) {
          if (table != null && !Placeholders.isUnresolved(table)) {
            apply(file, change, name, table); // its unresolved columns are left out
          }
          return;
        }
        for (String key : TABLE_ATTRIBUTES) {
          String named = change.attribute(key);
          if (named != null && !Placeholders.isUnresolved(named)) {
            builder.forget(named);
          }
        }
        return;
      }
      apply(file, change, name, table);
    }

    private void apply(Path file, Node change, String name, @Nullable String table) {
      switch (name) {
        case "createtable" -> {
          if (table != null) {
            createTable(table, change);
          }
        }
        case "addcolumn" -> {
          if (table != null) {
            for (Node column : change.children("column")) {
              addColumn(table, column);
            }
          }
        }
        case "dropcolumn" -> {
          if (table != null) {
            String column = change.attribute("columnName");
            if (column != null) {
              builder.dropColumn(table, column);
            }
            change
                .children("column")
                .forEach(
                    c -> {
                      String n = c.attribute("name");
                      if (n != null) {
                        builder.dropColumn(table, n);
                      }
                    });
          }
        }
        case "addnotnullconstraint", "dropnotnullconstraint" -> {
          String column = change.attribute("columnName");
          if (table != null && column != null) {
            builder.setNotNull(table, column, name.equals("addnotnullconstraint"));
          }
        }
        case "adduniqueconstraint" -> {
          String columns = change.attribute("columnNames");
          if (table != null && columns != null) {
            builder.uniqueKey(table, change.attribute("constraintName"), split(columns));
          }
        }
        case "dropuniqueconstraint" -> {
          String constraint = change.attribute("constraintName");
          if (table != null && constraint != null) {
            builder.dropKey(table, constraint);
          } else if (table != null) {
            builder.partlyRead(table);
          }
        }
        case "addprimarykey" -> {
          String columns = change.attribute("columnNames");
          if (table != null && columns != null) {
            split(columns).forEach(c -> builder.setNotNull(table, c, true));
            builder.uniqueKey(table, change.attribute("constraintName"), split(columns));
          }
        }
        case "createindex" -> createIndex(table, change);
        case "dropindex" -> {
          String index = change.attribute("indexName");
          if (index != null) {
            builder.dropKey(table, index);
          }
        }
        case "addforeignkeyconstraint" -> {
          String child = change.attribute("baseTableName");
          String columns = change.attribute("baseColumnNames");
          String parent = change.attribute("referencedTableName");
          if (child != null && columns != null && parent != null) {
            builder.foreignKey(
                child,
                change.attribute("constraintName"),
                split(columns),
                parent,
                onDelete(change.attribute("onDelete")));
          }
        }
        case "dropforeignkeyconstraint" -> {
          String child = change.attribute("baseTableName");
          String constraint = change.attribute("constraintName");
          if (child != null && constraint != null) {
            builder.dropForeignKey(child, constraint);
          }
        }
        case "renamecolumn" -> {
          String from = change.attribute("oldColumnName");
          String to = change.attribute("newColumnName");
          if (table != null && from != null && to != null) {
            builder.renameColumn(table, from, to);
          }
        }
        case "renametable" -> {
          String from = change.attribute("oldTableName");
          String to = change.attribute("newTableName");
          if (from != null && to != null) {
            builder.renameTable(from, to);
          }
        }
        case "droptable" -> {
          if (table != null) {
            builder.dropTable(table);
          }
        }
        case "sql" -> builder.applyScript(file.toString(), sqlText(change), change.line());
        case "sqlfile" -> {
          Optional<Script> script = sqlFileText(file, change);
          if (script.isPresent()) {
            builder.applyScript(script.get().file().toString(), script.get().text(), 1);
          } else {
            builder.partlyReadAll(); // a script not found or not read may change any table
          }
        }
        default -> {
          if (!DATA_ONLY.contains(name)) {
            // modifyDataType (MySQL drops NOT NULL with it), mergeColumns, customChange, ...
            markTables(change);
          }
        }
      }
    }

    private void markTables(Node change) {
      for (String key : TABLE_ATTRIBUTES) {
        String table = change.attribute(key);
        if (table != null) {
          builder.partlyRead(table);
        }
      }
    }

    private void createTable(String table, Node change) {
      List<Schema.Column> columns = new ArrayList<>();
      List<Node> known = new ArrayList<>();
      for (Node column : change.children("column")) {
        String name = column.attribute("name");
        if (name != null && !unresolved(column)) {
          columns.add(new Schema.Column(name, notNull(column), type(column)));
          known.add(column);
        }
      }
      builder.createTable(table, columns);
      if (known.size() < change.children("column").size()) {
        builder.partlyRead(table); // a column with an unresolved ${...} is unknown
      }
      List<String> primaryKey = new ArrayList<>();
      String primaryKeyName = null;
      for (Node column : known) {
        String name = column.attribute("name");
        for (Node constraints : column.children("constraints")) {
          if (name != null && constraints.isTrue("primaryKey")) {
            primaryKey.add(name);
            if (constraints.attribute("primaryKeyName") != null) {
              primaryKeyName = constraints.attribute("primaryKeyName");
            }
          }
        }
      }
      if (!primaryKey.isEmpty()) {
        builder.uniqueKey(table, primaryKeyName, primaryKey);
      }
      for (Node column : known) {
        columnConstraints(table, column);
      }
    }

    private void addColumn(String table, Node column) {
      String name = column.attribute("name");
      if (name == null) {
        return;
      }
      if (unresolved(column)) {
        builder.forget(table); // a column with an unresolved ${...}: which one is unknown
        return;
      }
      builder.putColumn(table, new Schema.Column(name, notNull(column), type(column)));
      for (Node constraints : column.children("constraints")) {
        if (constraints.isTrue("primaryKey")) {
          builder.uniqueKey(table, constraints.attribute("primaryKeyName"), List.of(name));
        }
      }
      columnConstraints(table, column);
    }

    /** A column's {@code unique} and {@code references}/{@code referencedTableName}. */
    private void columnConstraints(String table, Node column) {
      String name = column.attribute("name");
      if (name == null) {
        return;
      }
      for (Node constraints : column.children("constraints")) {
        if (constraints.isTrue("unique")) {
          builder.uniqueKey(table, constraints.attribute("uniqueConstraintName"), List.of(name));
        }
        String parent = constraints.attribute("referencedTableName");
        String references = constraints.attribute("references");
        if (parent == null && references != null) {
          int paren = references.indexOf('(');
          parent = paren >= 0 ? references.substring(0, paren) : references;
        }
        if (parent != null && !parent.isBlank()) {
          builder.foreignKey(
              table,
              constraints.attribute("foreignKeyName"),
              List.of(name),
              parent,
              constraints.isTrue("deleteCascade") ? "CASCADE" : null);
        }
      }
    }

    /** {@code nullable="false"} or {@code primaryKey="true"} in a column's constraints. */
    private static boolean notNull(Node column) {
      return column.children("constraints").stream()
          .anyMatch(c -> c.isFalse("nullable") || c.isTrue("primaryKey"));
    }

    private void createIndex(@Nullable String table, Node change) {
      if (table == null || !change.isTrue("unique")) {
        return;
      }
      List<String> columns = new ArrayList<>();
      for (Node column : change.children("column")) {
        String name = column.attribute("name");
        if (name == null || column.isTrue("computed")) {
          return; // an expression index: not a key over columns
        }
        columns.add(name);
      }
      builder.uniqueKey(table, change.attribute("indexName"), columns);
    }

    private static String sqlText(Node change) {
      String text = change.attribute("sql");
      return text != null ? text : change.text();
    }

    /** The script an {@code sqlFile} change names, when it can be read. */
    private Optional<Script> sqlFileText(Path file, Node change) {
      String path = change.attribute("path");
      if (path == null) {
        return Optional.empty();
      }
      Optional<Path> script = resolve(file, path, change.isTrue("relativeToChangelogFile"));
      try {
        if (script.isPresent() && Files.size(script.get()) <= MAX_FILE_BYTES) {
          return Optional.of(
              new Script(
                  script.get(),
                  Placeholders.expand(
                      Files.readString(script.get(), StandardCharsets.UTF_8), properties)));
        }
      } catch (IOException | UncheckedIOException e) {
        // unreadable: the tables it changes are unknown, as for any other unread script
      }
      return Optional.empty();
    }

    /**
     * A formatted SQL changelog: each {@code --changeset author:id [dbms:x]} starts a changeSet
     * whose statements run as written ({@code --rollback} lines are comments).
     */
    private void formattedSql(Path file, String text) {
      Matcher declared = SQL_PROPERTY.matcher(text);
      while (declared.find()) {
        Map<String, String> attributes = sqlAttributes(declared.group(1));
        String name = attributes.get("name");
        String value = attributes.get("value");
        if (name != null && value != null) {
          define(name, value, Runs.of(new Node("property", attributes, List.of(), "", 0)));
        }
      }
      Matcher changeSets = CHANGESET.matcher(text);
      List<int[]> bounds = new ArrayList<>();
      List<String> headers = new ArrayList<>();
      while (changeSets.find()) {
        bounds.add(new int[] {changeSets.start(), changeSets.end()});
        headers.add(changeSets.group(1));
      }
      for (int i = 0; i < bounds.size(); i++) {
        int from = bounds.get(i)[1];
        int to = i + 1 < bounds.size() ? bounds.get(i + 1)[0] : text.length();
        String body = text.substring(from, to);
        int line = 1 + (int) text.substring(0, from).chars().filter(c -> c == '\n').count();
        maybe(
            Runs.ofSqlHeader(headers.get(i), body),
            () ->
                builder.applyScript(file.toString(), Placeholders.expand(body, properties), line));
      }
    }
  }

  private record Script(Path file, String text) {}

  /**
   * Whether a changeSet, an include or a change runs wherever the migrations run. {@code MAYBE}
   * when Liquibase may skip it: limited by {@code dbms} (other than {@code all}), {@code context}/
   * {@code contextFilter} or {@code labels}, preconditions with {@code onFail} or {@code onError}
   * {@code MARK_RAN} or {@code CONTINUE}, or {@code failOnError="false"}; {@code NEVER} with {@code
   * ignore="true"}. Preconditions that {@code HALT} (the default) or {@code WARN} do not count:
   * where the migrations succeeded, the change ran.
   */
  private enum Runs {
    ALWAYS,
    MAYBE,
    NEVER;

    private static final Pattern SKIPPING = Pattern.compile("(?i)^(MARK_RAN|CONTINUE)$");
    private static final Pattern SQL_PRECONDITIONS =
        Pattern.compile(
            "(?im)^\\s*--\\s*preconditions\\b.*\\bon(?:Fail|Error)\\s*:\\s*(?:MARK_RAN|CONTINUE)\\b");

    static Runs of(Node node) {
      if (node.isTrue("ignore")) {
        return NEVER;
      }
      String dbms = node.attribute("dbms");
      boolean maybe =
          (dbms != null && !dbms.equalsIgnoreCase("all"))
              || node.attribute("context") != null
              || node.attribute("contexts") != null
              || node.attribute("contextFilter") != null
              || node.attribute("labels") != null
              || node.isFalse("failOnError");
      for (Node preconditions : node.children("preConditions")) {
        maybe |=
            skips(preconditions.attribute("onFail")) || skips(preconditions.attribute("onError"));
        for (Node item : preconditions.children()) {
          if (item.name().equalsIgnoreCase("onFail") || item.name().equalsIgnoreCase("onError")) {
            maybe |= skips(item.text().strip()); // YAML: - onFail: MARK_RAN
          }
        }
      }
      return maybe ? MAYBE : ALWAYS;
    }

    /** A change's own {@code dbms} ({@code <sql dbms="postgresql">}). */
    static Runs ofChange(Node change) {
      String dbms = change.attribute("dbms");
      return dbms != null && !dbms.equalsIgnoreCase("all") ? MAYBE : ALWAYS;
    }

    /** A formatted SQL changeSet: its {@code --changeset} line's attributes and its body. */
    static Runs ofSqlHeader(String header, String body) {
      Runs runs = of(new Node("changeSet", sqlAttributes(header), List.of(), "", 0));
      return runs == ALWAYS && SQL_PRECONDITIONS.matcher(body).find() ? MAYBE : runs;
    }

    private static boolean skips(@Nullable String onFail) {
      return onFail != null && SKIPPING.matcher(onFail.strip()).matches();
    }
  }

  /** {@code name:value} on a formatted SQL {@code --changeset} or {@code --property} line. */
  private static final Pattern SQL_ATTRIBUTE = Pattern.compile("\\b([A-Za-z]+)\\s*:\\s*(\\S+)");

  private static Map<String, String> sqlAttributes(String line) {
    Map<String, String> attributes = new LinkedHashMap<>();
    Matcher m = SQL_ATTRIBUTE.matcher(line);
    while (m.find()) {
      attributes.put(m.group(1), m.group(2));
    }
    return attributes;
  }

  /** The attributes of a change that name the tables it changes. */
  private static final List<String> TABLE_ATTRIBUTES =
      List.of("tableName", "baseTableName", "oldTableName", "newTableName");

  private static final Pattern SQL_PROPERTY = Pattern.compile("(?im)^\\s*--\\s*property\\s+(.*)$");

  /**
   * True when an attribute or text of {@code node} that shapes the schema still holds an unresolved
   * {@code ${...}}: a schema or catalog name, a type, a default, a remark or a value does not count
   * (the model leaves them out, or {@link #type} makes the type unknown).
   */
  private static boolean unresolved(Node node) {
    for (Map.Entry<String, String> e : node.attributes().entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      boolean shapes =
          !(key.equals("type")
              || key.endsWith("schemaname")
              || key.endsWith("catalogname")
              || key.endsWith("datatype")
              || key.startsWith("defaultvalue")
              || key.startsWith("value")
              || key.equals("remarks")
              || key.equals("tablespace")
              || key.equals("encoding"));
      if (shapes && Placeholders.isUnresolved(e.getValue())) {
        return true;
      }
    }
    if (Placeholders.isUnresolved(node.text()) && !node.name().equalsIgnoreCase("comment")) {
      return true;
    }
    for (Node child : node.children()) {
      if (unresolved(child)) {
        return true;
      }
    }
    return false;
  }

  /** A column's type, unknown when it holds an unresolved {@code ${...}}. */
  private static @Nullable String type(Node column) {
    String type = column.attribute("type");
    return type == null || Placeholders.isUnresolved(type) ? null : type;
  }

  /** Liquibase's {@code onDelete} values as the SQL ones ({@code SET NULL}). */
  private static @Nullable String onDelete(@Nullable String value) {
    return value == null ? null : value.strip().replace('_', ' ');
  }

  private static List<String> split(String columns) {
    List<String> out = new ArrayList<>();
    for (String c : columns.split(",")) {
      if (!c.isBlank()) {
        out.add(c.strip());
      }
    }
    return out;
  }

  /** XML changelogs through the JDK's SAX parser, without DTDs or external entities. */
  private static final class Xml extends DefaultHandler {
    private final Deque<Node> open = new ArrayDeque<>();
    private final Deque<StringBuilder> texts = new ArrayDeque<>();
    private @Nullable Locator locator;
    private @Nullable Node root;
    private final String source;
    private final List<Integer> lineStarts = new ArrayList<>();

    private Xml(String source) {
      this.source = source;
      lineStarts.add(0);
      for (int i = 0; i < source.length(); i++) {
        if (source.charAt(i) == '\n') {
          lineStarts.add(i + 1);
        }
      }
    }

    /**
     * The line an element's start tag begins on: the locator stands at the tag's end, so look back
     * from there for {@code <name}.
     */
    private int startLine(String qName) {
      if (locator == null || locator.getLineNumber() <= 0) {
        return 0;
      }
      int line = locator.getLineNumber();
      if (line > lineStarts.size()) {
        return line;
      }
      int end =
          Math.min(
              source.length(),
              lineStarts.get(line - 1) + Math.max(0, locator.getColumnNumber() - 1));
      int start = source.lastIndexOf("<" + qName, end);
      if (start < 0) {
        return line;
      }
      int found = Collections.binarySearch(lineStarts, start);
      return found >= 0 ? found + 1 : -found - 1;
    }

    static Node parse(Path file) throws IOException, SAXException {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      Xml handler = new Xml(Files.readString(file, StandardCharsets.UTF_8));
      try {
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        try (InputStream in = Files.newInputStream(file)) {
          factory.newSAXParser().parse(new InputSource(in), handler);
        }
      } catch (ParserConfigurationException e) {
        throw new SAXException(e);
      }
      if (handler.root == null) {
        throw new SAXException("no root element");
      }
      return handler.root;
    }

    @Override
    public void setDocumentLocator(Locator l) {
      locator = l;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < attributes.getLength(); i++) {
        String name = attributes.getLocalName(i);
        values.put(
            name == null || name.isEmpty() ? attributes.getQName(i) : name, attributes.getValue(i));
      }
      String name = localName == null || localName.isEmpty() ? qName : localName;
      Node node = new Node(name, values, new ArrayList<>(), "", startLine(qName));
      Node parent = open.peek();
      if (parent != null) {
        parent.children().add(node);
      } else {
        root = node;
      }
      open.push(node);
      texts.push(new StringBuilder());
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      StringBuilder text = texts.peek();
      if (text != null) {
        text.append(ch, start, length);
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      Node node = open.pop();
      String text = texts.pop().toString();
      if (!text.isBlank()) {
        Node withText =
            new Node(node.name(), node.attributes(), node.children(), text, node.line());
        Node parent = open.peek();
        if (parent != null) {
          parent.children().set(parent.children().size() - 1, withText);
        } else {
          root = withText;
        }
      }
    }
  }

  /**
   * YAML changelogs through SnakeYAML's node tree (for the lines): a mapping's scalar values are
   * attributes, its mapping values child elements; a sequence's items, each a one-key mapping, are
   * children of the element that holds the sequence.
   */
  private static final class Yaml {
    static Optional<Node> parse(Path file) throws IOException {
      org.yaml.snakeyaml.nodes.Node document;
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        document =
            new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(options))
                .compose(in);
      }
      if (document == null) {
        return Optional.empty();
      }
      return Optional.of(element("", document));
    }

    private static Node element(String name, org.yaml.snakeyaml.nodes.Node value) {
      Node node =
          new Node(
              name,
              new LinkedHashMap<>(),
              new ArrayList<>(),
              "",
              value.getStartMark().getLine() + 1);
      fill(node, value);
      return node;
    }

    private static void fill(Node node, org.yaml.snakeyaml.nodes.Node value) {
      if (value instanceof org.yaml.snakeyaml.nodes.MappingNode mapping) {
        for (org.yaml.snakeyaml.nodes.NodeTuple tuple : mapping.getValue()) {
          if (!(tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key)) {
            continue;
          }
          org.yaml.snakeyaml.nodes.Node entry = tuple.getValueNode();
          if (entry instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar) {
            node.attributes().put(key.getValue(), scalar.getValue());
          } else if (entry instanceof org.yaml.snakeyaml.nodes.MappingNode) {
            node.children().add(element(key.getValue(), entry));
          } else if (entry instanceof org.yaml.snakeyaml.nodes.SequenceNode sequence) {
            if (YAML_ELEMENTS.contains(key.getValue().toLowerCase(Locale.ROOT))) {
              Node element =
                  new Node(
                      key.getValue(),
                      new LinkedHashMap<>(),
                      new ArrayList<>(),
                      "",
                      key.getStartMark().getLine() + 1);
              items(element, sequence);
              node.children().add(element);
            } else {
              items(node, sequence);
            }
          }
        }
      } else if (value instanceof org.yaml.snakeyaml.nodes.SequenceNode sequence) {
        items(node, sequence);
      }
    }

    /** Each item a one-key mapping {@code {changeSet: {...}}} or {@code {sql: "text"}}. */
    private static void items(Node node, org.yaml.snakeyaml.nodes.SequenceNode sequence) {
      for (org.yaml.snakeyaml.nodes.Node item : sequence.getValue()) {
        if (!(item instanceof org.yaml.snakeyaml.nodes.MappingNode mapping)) {
          continue;
        }
        for (org.yaml.snakeyaml.nodes.NodeTuple tuple : mapping.getValue()) {
          if (!(tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key)) {
            continue;
          }
          org.yaml.snakeyaml.nodes.Node entry = tuple.getValueNode();
          if (entry instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar) {
            node.children()
                .add(
                    new Node(
                        key.getValue(),
                        new LinkedHashMap<>(),
                        new ArrayList<>(),
                        scalar.getValue(),
                        key.getStartMark().getLine() + 1));
          } else {
            Node child = element(key.getValue(), entry);
            node.children()
                .add(
                    new Node(
                        child.name(),
                        child.attributes(),
                        child.children(),
                        child.text(),
                        key.getStartMark().getLine() + 1));
          }
        }
      }
    }
  }
}
