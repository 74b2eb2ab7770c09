package dev.rowguard.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Flyway SQL migrations: which files under the migration locations Flyway would apply, in its order
 * (versioned {@code V<version>__<description>.sql} by version, then repeatable {@code
 * R__<description>.sql} by description), and the {@link Schema} they build. Undo ({@code U}) and
 * baseline ({@code B}) scripts and other files are left out, as Flyway leaves them out of a normal
 * migrate.
 */
public final class FlywayMigrations {

  /** The default location, {@code classpath:db/migration}, relative to a class path root. */
  public static final String DEFAULT_LOCATION = "db/migration";

  private static final Pattern VERSIONED =
      Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql", Pattern.CASE_INSENSITIVE);
  private static final Pattern REPEATABLE =
      Pattern.compile("R__(.*)\\.sql", Pattern.CASE_INSENSITIVE);

  /** Bounds on what is read: a location is a directory of scripts, not a file system. */
  private static final int MAX_DEPTH = 8;

  private static final int MAX_FILES = 10_000;
  private static final long MAX_FILE_BYTES = 8L << 20;

  private FlywayMigrations() {}

  /**
   * The migration scripts under {@code locations} (directories, searched recursively, or single
   * files), in the order Flyway applies them; locations that do not exist are skipped, and a file
   * name seen in two locations counts once.
   */
  public static List<Path> scripts(List<Path> locations) throws IOException {
    List<Migration> found = new ArrayList<>();
    for (Path location : locations) {
      if (Files.isRegularFile(location)) {
        migration(location).ifPresent(found::add);
      } else if (Files.isDirectory(location)) {
        try (Stream<Path> files = Files.walk(location, MAX_DEPTH)) {
          files
              .filter(Files::isRegularFile)
              .limit(MAX_FILES)
              .forEach(f -> migration(f).ifPresent(found::add));
        }
      }
    }
    found.sort(Comparator.naturalOrder());
    // The same script seen twice (src/main/resources and the copy in target/classes) is one
    // migration: Flyway itself refuses two scripts of one version.
    Set<String> names = new HashSet<>();
    List<Path> out = new ArrayList<>();
    for (Migration m : found) {
      Path name = m.file().getFileName();
      if (name != null && names.add(name.toString())) {
        out.add(m.file());
      }
    }
    return out;
  }

  /**
   * The schema the migrations under {@code locations} build; {@link Schema#EMPTY} when there are
   * none. Scripts that cannot be read are skipped, as are scripts larger than 8 MiB.
   */
  public static Schema schema(List<Path> locations) {
    Schema.Builder builder = new Schema.Builder();
    return apply(locations, builder, Map.of()) ? builder.build() : Schema.EMPTY;
  }

  /**
   * Applies the scripts under {@code locations} to {@code builder}, each statement with its file
   * and line as origin, {@code placeholders} replaced (a statement with one left is unknown); false
   * when there were none it could read.
   */
  static boolean apply(
      List<Path> locations, Schema.Builder builder, Map<String, String> placeholders) {
    boolean read = false;
    try {
      for (Path script : scripts(locations)) {
        try {
          if (Files.size(script) <= MAX_FILE_BYTES) {
            String text = Files.readString(script, StandardCharsets.UTF_8);
            builder.applyScript(script.toString(), Placeholders.expand(text, placeholders), 1);
            read = true;
          }
        } catch (IOException | UncheckedIOException e) {
          // unreadable or not UTF-8: the schema is built from the others
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return read;
    }
    return read;
  }

  private static Optional<Migration> migration(Path file) {
    Path fileName = file.getFileName();
    if (fileName == null) {
      return Optional.empty();
    }
    String name = fileName.toString();
    Matcher versioned = VERSIONED.matcher(name);
    if (versioned.matches()) {
      List<BigInteger> version = new ArrayList<>();
      for (String part : versioned.group(1).split("[._]")) {
        version.add(new BigInteger(part));
      }
      return Optional.of(new Migration(file, version, ""));
    }
    Matcher repeatable = REPEATABLE.matcher(name);
    if (repeatable.matches()) {
      return Optional.of(new Migration(file, null, repeatable.group(1).toLowerCase(Locale.ROOT)));
    }
    return Optional.empty();
  }

  /** A script and where Flyway orders it: by version, repeatable ones (no version) last. */
  private record Migration(Path file, @Nullable List<BigInteger> version, String description)
      implements Comparable<Migration> {

    @Override
    public int compareTo(Migration other) {
      List<BigInteger> a = version;
      List<BigInteger> b = other.version;
      if (a == null || b == null) {
        if (a != null) {
          return -1;
        }
        if (b != null) {
          return 1;
        }
        int byDescription = description.compareTo(other.description);
        return byDescription != 0 ? byDescription : file.compareTo(other.file);
      }
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
        BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
        int c = x.compareTo(y);
        if (c != 0) {
          return c;
        }
      }
      return file.compareTo(other.file);
    }
  }
}
