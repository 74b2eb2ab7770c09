package dev.rowguard.sql;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Where an application's migrations are, as its configuration says, each configuration read as the
 * history of one database ({@link MigrationHistory}):
 *
 * <ul>
 *   <li>Spring Boot: {@code spring.flyway.locations} (default {@code classpath:db/migration}),
 *       {@code spring.flyway.enabled}, {@code spring.flyway.placeholders.*}, {@code
 *       spring.liquibase.change-log} (default Spring Boot's master, {@link
 *       LiquibaseChangelogs#DEFAULT_MASTERS}), {@code spring.liquibase.enabled}, {@code
 *       spring.liquibase.parameters.*}, in {@code application.properties}, {@code
 *       application.yml}/{@code .yaml} and {@code application-<profile>.*}, at a class path root or
 *       in its {@code config/}. Each root's application files are one configuration, and the same
 *       with each profile's file (or YAML document with {@code spring.config.activate.on-profile})
 *       on top another;
 *   <li>Flyway's own {@code flyway.conf} in the module directory or its {@code conf/}: {@code
 *       flyway.locations}, {@code flyway.placeholders.*};
 *   <li>Liquibase's own {@code liquibase.properties} in the module directory or at a class path
 *       root: {@code changeLogFile}, and {@code parameter.*} for every configuration.
 * </ul>
 *
 * <p>A location is {@code classpath:x} (or without prefix) under every class path root, {@code
 * filesystem:x} (Spring's {@code file:}) relative to the module directory; {@code {vendor}} (Spring
 * Boot's) stands for each directory present there, one history each. Property names are matched as
 * Spring Boot's relaxed binding does ({@code change-log} = {@code changeLog}); a value {@code
 * ${NAME:default}} takes its default; a location with any other {@code ${...}} is left out.
 */
public final class MigrationConfig {

  private static final List<String> CONFIG_DIRS = List.of("", "config/");
  private static final List<String> BASE_FILES =
      List.of("application.properties", "application.yaml", "application.yml");
  private static final Pattern PROFILE_FILE =
      Pattern.compile("application-([^.]+)\\.(?:properties|ya?ml)");
  private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[^:}]*:([^}]*)}");
  private static final String VENDOR = "{vendor}";

  private MigrationConfig() {}

  /**
   * The histories the configuration under {@code classpathRoots} (directories, in class path order)
   * and in {@code moduleDir} names, without duplicates and without those naming nothing that
   * exists; when none names any, the defaults: Flyway's {@code db/migration} under every root and
   * the first of Spring Boot's default masters.
   */
  public static List<MigrationHistory> histories(
      List<Path> classpathRoots, @Nullable Path moduleDir) {
    List<Path> roots = classpathRoots.stream().filter(Files::isDirectory).toList();
    Map<String, String> liquibaseProperties = new LinkedHashMap<>();
    List<Path> liquibaseFiles = new ArrayList<>();
    if (moduleDir != null) {
      liquibaseFiles.add(moduleDir.resolve("liquibase.properties"));
    }
    roots.forEach(r -> liquibaseFiles.add(r.resolve("liquibase.properties")));
    Set<MigrationHistory> out = new LinkedHashSet<>();
    for (Path file : liquibaseFiles) {
      Map<String, String> properties = properties(file);
      properties.forEach(liquibaseProperties::putIfAbsent);
      String changeLog = get(properties, "changeLogFile");
      if (changeLog != null) {
        changelog(changeLog, roots, moduleDir)
            .ifPresent(
                c ->
                    out.add(
                        new MigrationHistory(
                            List.of(c), Map.of(), prefixed(properties, "parameter."))));
      }
    }
    Map<String, String> parameters = prefixed(liquibaseProperties, "parameter.");
    for (Map<String, String> configuration : springConfigurations(roots)) {
      out.addAll(spring(configuration, roots, moduleDir, parameters));
    }
    if (moduleDir != null) {
      for (Path file :
          List.of(moduleDir.resolve("flyway.conf"), moduleDir.resolve("conf/flyway.conf"))) {
        Map<String, String> conf = properties(file);
        List<String> locations = list(conf, "flyway.locations");
        if (!locations.isEmpty()) {
          Map<String, String> placeholders = prefixed(conf, "flyway.placeholders.");
          for (List<Path> paths : flywayLocations(locations, roots, moduleDir)) {
            out.add(new MigrationHistory(paths, placeholders, Map.of()));
          }
        }
      }
    }
    out.removeIf(h -> h.paths().isEmpty());
    if (out.isEmpty()) {
      out.addAll(spring(Map.of(), roots, moduleDir, parameters));
      out.removeIf(h -> h.paths().isEmpty());
    }
    return List.copyOf(out);
  }

  /** Each root's application files, then the same with each profile on top. */
  private static List<Map<String, String>> springConfigurations(List<Path> roots) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Path root : roots) {
      Map<String, String> base = new LinkedHashMap<>();
      Map<String, Map<String, String>> profiles = new TreeMap<>();
      boolean found = false;
      for (String dir : CONFIG_DIRS) {
        for (String name : BASE_FILES) {
          found |= read(root.resolve(dir + name), base, profiles);
        }
        Path directory = root.resolve(dir.isEmpty() ? "." : dir).normalize();
        if (!Files.isDirectory(directory)) {
          continue;
        }
        try (Stream<Path> files = Files.list(directory)) {
          for (Path file : files.sorted().toList()) {
            Path fileName = file.getFileName();
            Matcher profile = PROFILE_FILE.matcher(fileName == null ? "" : fileName.toString());
            if (profile.matches()) {
              Map<String, String> values =
                  profiles.computeIfAbsent(profile.group(1), p -> new LinkedHashMap<>());
              found |= read(file, values, profiles);
            }
          }
        } catch (IOException | UncheckedIOException e) {
          // an unlistable directory holds no configuration we can read
        }
      }
      if (found) {
        out.add(base);
        for (Map<String, String> profile : profiles.values()) {
          Map<String, String> merged = new LinkedHashMap<>(base);
          merged.putAll(profile);
          out.add(merged);
        }
      }
    }
    return out;
  }

  private static List<MigrationHistory> spring(
      Map<String, String> configuration,
      List<Path> roots,
      @Nullable Path moduleDir,
      Map<String, String> liquibaseParameters) {
    List<List<Path>> flyway = List.of(List.of());
    if (!"false".equalsIgnoreCase(get(configuration, "spring.flyway.enabled"))) {
      List<String> locations = list(configuration, "spring.flyway.locations");
      flyway =
          flywayLocations(
              locations.isEmpty()
                  ? List.of("classpath:" + FlywayMigrations.DEFAULT_LOCATION)
                  : locations,
              roots,
              moduleDir);
    }
    Optional<Path> changelog = Optional.empty();
    if (!"false".equalsIgnoreCase(get(configuration, "spring.liquibase.enabled"))) {
      String changeLog = get(configuration, "spring.liquibase.change-log");
      changelog =
          changeLog == null
              ? roots.stream()
                  .map(LiquibaseChangelogs::defaultMaster)
                  .flatMap(Optional::stream)
                  .findFirst()
              : changelog(changeLog, roots, moduleDir);
    }
    Map<String, String> parameters =
        new LinkedHashMap<>(prefixed(configuration, "spring.liquibase.parameters."));
    liquibaseParameters.forEach(parameters::putIfAbsent);
    Map<String, String> placeholders = prefixed(configuration, "spring.flyway.placeholders.");
    List<MigrationHistory> out = new ArrayList<>();
    for (List<Path> locations : flyway) {
      List<Path> paths = new ArrayList<>(locations);
      changelog.ifPresent(paths::add);
      out.add(new MigrationHistory(paths, placeholders, parameters));
    }
    return out;
  }

  /**
   * The directories Flyway reads for {@code locations}: one list, or one per vendor directory when
   * a location holds {@code {vendor}}.
   */
  private static List<List<Path>> flywayLocations(
      List<String> locations, List<Path> roots, @Nullable Path moduleDir) {
    List<Path> plain = new ArrayList<>();
    List<Path> withVendor = new ArrayList<>();
    for (String location : locations) {
      for (Path path : resolve(location, roots, moduleDir, false)) {
        (path.toString().contains(VENDOR) ? withVendor : plain).add(path);
      }
    }
    Set<String> vendors = new TreeSet<>();
    for (Path path : withVendor) {
      String text = path.toString();
      Path parent = Path.of(text.substring(0, text.indexOf(VENDOR)));
      if (Files.isDirectory(parent)) {
        try (Stream<Path> dirs = Files.list(parent)) {
          dirs.filter(Files::isDirectory)
              .map(Path::getFileName)
              .filter(n -> n != null)
              .forEach(n -> vendors.add(n.toString()));
        } catch (IOException | UncheckedIOException e) {
          // no vendor directories to read
        }
      }
    }
    if (vendors.isEmpty()) {
      return List.of(existing(plain));
    }
    List<List<Path>> out = new ArrayList<>();
    for (String vendor : vendors) {
      List<Path> paths = new ArrayList<>(plain);
      for (Path path : withVendor) {
        try {
          paths.add(Path.of(path.toString().replace(VENDOR, vendor)));
        } catch (InvalidPathException e) {
          // a vendor name that is no path segment: not a location
        }
      }
      out.add(existing(paths));
    }
    return out;
  }

  private static List<Path> existing(List<Path> paths) {
    return paths.stream().filter(Files::exists).distinct().toList();
  }

  /**
   * The changelog a {@code change-log}/{@code changeLogFile} value names: the first that exists.
   */
  private static Optional<Path> changelog(
      String value, List<Path> roots, @Nullable Path moduleDir) {
    return resolve(value, roots, moduleDir, true).stream()
        .filter(LiquibaseChangelogs::isChangelog)
        .findFirst();
  }

  /**
   * Where a location names: {@code classpath:x} (or {@code x}) under each root, or for a changelog
   * file also under the module directory (Liquibase's search path); {@code filesystem:x}/{@code
   * file:x} under the module directory unless absolute. Empty for anything else (cloud storage, an
   * unresolved {@code ${...}}).
   */
  private static List<Path> resolve(
      String location, List<Path> roots, @Nullable Path moduleDir, boolean changelog) {
    String value =
        DEFAULTED.matcher(location.strip()).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    if (value.isEmpty() || value.contains("${")) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try {
      String lower = value.toLowerCase(Locale.ROOT);
      if (lower.startsWith("filesystem:") || lower.startsWith("file:")) {
        Path path = Path.of(value.substring(value.indexOf(':') + 1));
        if (path.isAbsolute()) {
          out.add(path.normalize());
        } else if (moduleDir != null) {
          out.add(moduleDir.resolve(path).normalize());
        }
        return out;
      }
      String relative = value;
      if (lower.startsWith("classpath*:") || lower.startsWith("classpath:")) {
        relative = value.substring(value.indexOf(':') + 1);
      } else if (value.matches("(?i)[a-z][a-z0-9+.-]+:.*")
          && !value.matches("(?i)[a-z]:[\\\\/].*")) {
        return List.of(); // s3:, gcs:, ...: not on this file system
      }
      relative = relative.replaceFirst("^/+", "");
      for (Path root : roots) {
        out.add(root.resolve(relative).normalize());
      }
      if (changelog && moduleDir != null) {
        out.add(moduleDir.resolve(relative).normalize());
      }
    } catch (InvalidPathException e) {
      return List.of();
    }
    return out;
  }

  /** Reads an application file into {@code base}, YAML documents for a profile into it. */
  private static boolean read(
      Path file, Map<String, String> base, Map<String, Map<String, String>> profiles) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    Path fileName = file.getFileName();
    String name = fileName == null ? "" : fileName.toString();
    if (name.endsWith(".properties")) {
      properties(file).forEach(base::put);
      return true;
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
      options.setAllowRecursiveKeys(false);
      options.setMaxAliasesForCollections(50);
      for (Object document :
          new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(options))
              .loadAll(in)) {
        Map<String, String> values = new LinkedHashMap<>();
        flatten("", document, values);
        String profile = get(values, "spring.config.activate.on-profile");
        if (profile == null) {
          profile = get(values, "spring.profiles");
        }
        if (profile == null) {
          base.putAll(values);
        } else {
          profiles.computeIfAbsent(profile.strip(), p -> new LinkedHashMap<>()).putAll(values);
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false; // malformed or not UTF-8: configures nothing
    } catch (NoClassDefFoundError e) {
      return false; // SnakeYAML is not on the class path
    }
  }

  /** A YAML value as Spring Boot's flat keys: {@code a.b}, lists as {@code a.b[0]}. */
  private static void flatten(String prefix, @Nullable Object value, Map<String, String> out) {
    if (value instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        flatten(prefix + "[" + i + "]", list.get(i), out);
      }
    } else if (value != null && !prefix.isEmpty()) {
      out.put(prefix, String.valueOf(value));
    }
  }

  private static Map<String, String> properties(Path file) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      Properties properties = new Properties();
      properties.load(in);
      properties.stringPropertyNames().stream()
          .sorted()
          .forEach(k -> out.put(k, properties.getProperty(k)));
    } catch (IOException | IllegalArgumentException e) {
      // unreadable: configures nothing
    }
    return out;
  }

  /** Spring Boot's relaxed form of a key: lower case, without dashes and underscores. */
  private static String canonical(String key) {
    return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  private static @Nullable String get(Map<String, String> values, String key) {
    String wanted = canonical(key);
    String found = null;
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (canonical(e.getKey()).equals(wanted)) {
        found = e.getValue(); // the last one written wins, as a later file overrides
      }
    }
    return found == null || found.isBlank() ? null : found.strip();
  }

  /** A comma-separated value, or the indexed entries {@code key[0]}, {@code key[1]}, .... */
  private static List<String> list(Map<String, String> values, String key) {
    List<String> out = new ArrayList<>();
    String single = get(values, key);
    if (single != null) {
      for (String part : single.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
      return out;
    }
    TreeMap<Integer, String> indexed = new TreeMap<>();
    Pattern item = Pattern.compile(Pattern.quote(canonical(key)) + "\\[(\\d+)]");
    values.forEach(
        (k, v) -> {
          Matcher m = item.matcher(canonical(k));
          if (m.matches() && !v.isBlank()) {
            indexed.put(Integer.parseInt(m.group(1)), v.strip());
          }
        });
    out.addAll(indexed.values());
    return out;
  }

  /**
   * The entries under {@code prefix} (a map property such as {@code spring.flyway.placeholders.}),
   * by the rest of their key as written.
   */
  private static Map<String, String> prefixed(Map<String, String> values, String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    String wanted = canonical(prefix);
    long dots = prefix.chars().filter(c -> c == '.').count();
    values.forEach(
        (k, v) -> {
          if (canonical(k).startsWith(wanted)) {
            int at = -1;
            for (long i = 0; i < dots && (i == 0 || at >= 0); i++) {
              at = k.indexOf('.', at + 1); // to the dot that ends the prefix
            }
            if (at >= 0 && at + 1 < k.length()) {
              out.put(k.substring(at + 1), v);
            }
          }
        });
    return out;
  }
}
