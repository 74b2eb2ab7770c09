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
 * Liquibase changelogs (XML, YAML and formatted SQL) read into the {@link Schema} their changes
 * build, in Liquibase's order: the changeSets of a changelog as written, an {@code include} where
 * it stands, an {@code includeAll} directory's changelogs by path. The changes that shape tables
 * are applied ({@code createTable} with its columns' {@code constraints}, {@code addColumn}, {@code
 * dropColumn}, {@code addNotNullConstraint}, {@code dropNotNullConstraint}, {@code
 * addUniqueConstraint}, {@code dropUniqueConstraint}, {@code addPrimaryKey}, {@code createIndex}
 * with {@code unique="true"}, {@code dropIndex}, {@code addForeignKeyConstraint} with {@code
 * onDelete}, {@code dropForeignKeyConstraint}, {@code renameColumn}, {@code renameTable}, {@code
 * dropTable}, and {@code sql}/{@code sqlFile} through {@link Schema}'s SQL reading); changes that
 * touch data only ({@code insert}, {@code loadData}, views, sequences, remarks, defaults) change
 * nothing; any other change, and any change of a changeSet limited to some databases ({@code
 * dbms}), marks the table it names only partly read. Property substitution ({@code ${...}}),
 * preconditions and contexts are not evaluated: every changeSet counts.
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
  private static final Pattern DBMS = Pattern.compile("(?i)\\bdbms\\s*:\\s*(\\S+)");

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
      read |= new ChangelogReader(builder).changelog(changelog);
    }
    return read ? builder.build() : Schema.EMPTY;
  }

  /** Applies {@code changelog} to {@code builder}; false when it could not be read at all. */
  static boolean apply(Path changelog, Schema.Builder builder) {
    return new ChangelogReader(builder).changelog(changelog);
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
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
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

    ChangelogReader(Schema.Builder builder) {
      this.builder = builder;
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

    private void changes(Path file, Node root) {
      for (Node child : root.children()) {
        String name = child.name().toLowerCase(Locale.ROOT);
        switch (name) {
          case "changeset" -> changeSet(file, child);
          case "include" -> include(file, child);
          case "includeall" -> includeAll(file, child);
          default -> {}
        }
      }
    }

    private void include(Path file, Node include) {
      String target = include.attribute("file");
      if (target != null) {
        resolve(file, target, include.isTrue("relativeToChangelogFile")).ifPresent(this::changelog);
      }
    }

    private void includeAll(Path file, Node includeAll) {
      String target = includeAll.attribute("path");
      if (target == null) {
        return;
      }
      Optional<Path> dir = resolve(file, target, includeAll.isTrue("relativeToChangelogFile"));
      if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
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
     * search root (the class path root), else beside the including file as a fallback.
     */
    private Optional<Path> resolve(Path file, String target, boolean relativeToFile) {
      String path = target.replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", "");
      Path dir = file.toAbsolutePath().getParent();
      List<Path> candidates = new ArrayList<>();
      if (relativeToFile && dir != null) {
        candidates.add(dir.resolve(path));
      } else {
        roots.forEach(r -> candidates.add(r.resolve(path)));
        if (dir != null) {
          candidates.add(dir.resolve(path));
        }
      }
      try {
        return candidates.stream().filter(Files::exists).findFirst().map(Path::normalize);
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }

    private void changeSet(Path file, Node changeSet) {
      String dbms = changeSet.attribute("dbms");
      boolean limited = dbms != null && !dbms.equalsIgnoreCase("all");
      for (Node change : changeSet.children()) {
        String name = change.name().toLowerCase(Locale.ROOT);
        if (NOT_CHANGES.contains(name)) {
          continue;
        }
        builder.at(new Schema.Origin(file.toString(), change.line()));
        change(file, change, name, limited);
      }
      builder.at(null);
    }

    private void change(Path file, Node change, String name, boolean changeSetLimited) {
      String table = change.attribute("tableName");
      String dbms = change.attribute("dbms");
      boolean limited = changeSetLimited || (dbms != null && !dbms.equalsIgnoreCase("all"));
      apply(file, change, name, table);
      if (limited) {
        // Runs on some databases only: what it leaves depends on which one.
        markTables(change);
        if (name.equals("sql")) {
          markNamedTables(sqlText(change));
        } else if (name.equals("sqlfile")) {
          sqlFileText(file, change).ifPresent(s -> markNamedTables(s.text()));
        }
      }
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
        case "sqlfile" ->
            sqlFileText(file, change)
                .ifPresent(s -> builder.applyScript(s.file().toString(), s.text(), 1));
        default -> {
          if (!DATA_ONLY.contains(name)) {
            // modifyDataType (MySQL drops NOT NULL with it), mergeColumns, customChange, ...
            markTables(change);
          }
        }
      }
    }

    private void markTables(Node change) {
      for (String key : List.of("tableName", "baseTableName", "oldTableName", "newTableName")) {
        String table = change.attribute(key);
        if (table != null) {
          builder.partlyRead(table);
        }
      }
    }

    private void createTable(String table, Node change) {
      List<Schema.Column> columns = new ArrayList<>();
      for (Node column : change.children("column")) {
        String name = column.attribute("name");
        if (name != null) {
          columns.add(new Schema.Column(name, notNull(column), column.attribute("type")));
        }
      }
      builder.createTable(table, columns);
      List<String> primaryKey = new ArrayList<>();
      String primaryKeyName = null;
      for (Node column : change.children("column")) {
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
      for (Node column : change.children("column")) {
        columnConstraints(table, column);
      }
    }

    private void addColumn(String table, Node column) {
      String name = column.attribute("name");
      if (name == null) {
        return;
      }
      builder.putColumn(table, new Schema.Column(name, notNull(column), column.attribute("type")));
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
              new Script(script.get(), Files.readString(script.get(), StandardCharsets.UTF_8)));
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
      Matcher changeSets = CHANGESET.matcher(text);
      List<int[]> bounds = new ArrayList<>();
      List<Boolean> limited = new ArrayList<>();
      while (changeSets.find()) {
        bounds.add(new int[] {changeSets.start(), changeSets.end()});
        Matcher dbms = DBMS.matcher(changeSets.group(1));
        limited.add(dbms.find() && !dbms.group(1).equalsIgnoreCase("all"));
      }
      for (int i = 0; i < bounds.size(); i++) {
        int from = bounds.get(i)[1];
        int to = i + 1 < bounds.size() ? bounds.get(i + 1)[0] : text.length();
        String body = text.substring(from, to);
        int line = 1 + (int) text.substring(0, from).chars().filter(c -> c == '\n').count();
        builder.applyScript(file.toString(), body, line);
        if (limited.get(i)) {
          markNamedTables(body);
        }
      }
    }

    /** Marks every table a statement of {@code script} creates or alters as partly read. */
    private void markNamedTables(String script) {
      Matcher named = TABLE_NAMED.matcher(script);
      while (named.find()) {
        builder.partlyRead(named.group(1));
      }
    }
  }

  private record Script(Path file, String text) {}

  private static final Pattern TABLE_NAMED =
      Pattern.compile(
          "(?i)\\b(?:create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?|alter\\s+table\\s+"
              + "(?:if\\s+exists\\s+)?|\\bon\\s+)([\\w.\"`\\[\\]]+)");

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
            items(node, sequence);
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
