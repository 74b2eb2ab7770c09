package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.LogFiles;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.audit.log.ShippedLogSource;
import dev.rowguard.cli.InvalidInputException;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Logs read from a shipped source ({@code kafka://host:port/topic}, {@link ShippedLogSource}) for
 * verify, timeline and stats: the source is read once, to its end as of the start, and each
 * writer's records are copied, in their order, into a log file of their own in a temporary
 * directory (removed when the command ends), so the one verifier and the one reader judge them as
 * any log. A record delivered again (at least once: the same seq with the same hash as one already
 * copied) is dropped; another record at a seen seq is kept, so the verifier reports it.
 */
final class ShippedLogs {

  /** {@code scheme://...}: an argument that is a source, not a path. */
  private static final Pattern SOURCE = Pattern.compile("([a-z][a-z0-9+.-]*)://.+");

  /**
   * Seqs remembered per writer to recognise a record delivered again: far more than the shipper
   * sends again after a restart (one batch).
   */
  static final int REMEMBERED = 1 << 17;

  private static @Nullable Path root;

  private ShippedLogs() {}

  static boolean isSource(String argument) {
    return SOURCE.matcher(argument).matches();
  }

  /** The source on the class path that reads {@code uri}; one line saying what to do if none. */
  static ShippedLogSource source(String uri) {
    Matcher m = SOURCE.matcher(uri);
    String scheme = m.matches() ? m.group(1) : uri;
    return ShippedLogSource.forScheme(scheme)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    uri
                        + ": reading "
                        + scheme
                        + ":// sources needs module rowguard-audit-kafka on the class path: java -cp"
                        + " 'rowguard.jar:rowguard-audit-kafka.jar:lib/*' dev.rowguard.cli.Rowguard"
                        + " audit ... (docs/FLEET.md)"));
  }

  /** One log per writer of {@code uri}, from its first record at or after {@code from}. */
  static List<AuditLog> read(String uri, Map<String, String> properties, @Nullable Instant from)
      throws IOException {
    ShippedLogSource source = source(uri);
    Path dir = Files.createTempDirectory(root(), "source-");
    Map<String, Copy> copies = new LinkedHashMap<>();
    try {
      source.read(
          uri,
          properties,
          from,
          (writer, where, line) -> {
            Copy c = copies.get(writer);
            if (c == null) {
              c = new Copy(uri, writer, dir.resolve(Integer.toString(copies.size() + 1)));
              copies.put(writer, c);
            }
            c.add(where, line);
          });
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage());
    } finally {
      for (Copy c : copies.values()) {
        c.close();
      }
    }
    if (copies.isEmpty()) {
      throw new InvalidInputException(
          uri
              + " holds no audit records"
              + (from == null ? "" : " written at or after " + from)
              + ": is a shipper sending to it (docs/FLEET.md)?");
    }
    List<AuditLog> logs = new ArrayList<>();
    for (Copy c : copies.values()) {
      logs.add(c.log());
    }
    return logs;
  }

  /**
   * The checkpoint lines of every writer of {@code uri}, by writer key, for {@code verify --witness
   * URI}.
   */
  static Map<String, List<byte[]>> checkpoints(String uri, Map<String, String> properties)
      throws IOException {
    Map<String, List<byte[]>> byWriter = new LinkedHashMap<>();
    try {
      source(uri)
          .read(
              uri,
              properties,
              null,
              (writer, where, line) -> {
                LogRecord r = LogRecord.parse(new String(line, StandardCharsets.UTF_8));
                if (r != null && r.kind() == RecordKind.CHECKPOINT) {
                  byWriter.computeIfAbsent(writer, k -> new ArrayList<>()).add(line);
                }
              });
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage());
    }
    return byWriter;
  }

  /** A directory under the one this JVM removes when it exits. */
  static synchronized Path root() throws IOException {
    Path r = root;
    if (r == null) {
      Path created = Files.createTempDirectory("rowguard-shipped-");
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> deleteTree(created), "rowguard-shipped-cleanup"));
      root = created;
      r = created;
    }
    return r;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // A temporary directory: what cannot be removed now the system's cleanup removes.
    }
  }

  /** One writer's records, copied into a log file of their own. */
  private static final class Copy {
    private final String name;
    private final Path dir;
    private final Path file;
    private final Path wheres;
    private final OutputStream out;
    private final BufferedWriter whereOut;
    private final LinkedHashMap<Long, String> recent =
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > REMEMBERED;
          }
        };
    private long maxSeq;

    Copy(String uri, String writer, Path dir) throws IOException {
      this.name = uri + " " + writer;
      this.dir = Files.createDirectories(dir);
      this.file = LogFiles.file(dir, 1);
      this.wheres = dir.resolveSibling(dir.getFileName() + ".where");
      this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      this.whereOut = Files.newBufferedWriter(wheres, StandardCharsets.UTF_8);
    }

    void add(String where, byte[] line) throws IOException {
      LogRecord r = LogRecord.parse(new String(line, StandardCharsets.UTF_8));
      if (r != null && r.seq() <= maxSeq && r.hash().equals(recent.get(r.seq()))) {
        return; // delivered again
      }
      if (r != null) {
        recent.put(r.seq(), r.hash());
        maxSeq = Math.max(maxSeq, r.seq());
      }
      out.write(line);
      out.write('\n');
      whereOut.write(where);
      whereOut.newLine();
    }

    void close() throws IOException {
      try (out;
          whereOut) {
        out.flush();
      }
    }

    AuditLog log() {
      String prefix = file + ":";
      return new AuditLog(
          dir,
          List.of(file),
          name,
          w -> {
            if (!w.startsWith(prefix)) {
              return w.equals(file.toString()) || w.equals(dir.toString()) ? name : w;
            }
            try {
              return lineWhere(Long.parseLong(w.substring(prefix.length())));
            } catch (NumberFormatException e) {
              return w;
            }
          },
          true);
    }

    /** Where the record copied to line {@code n} is in the source. */
    private String lineWhere(long n) {
      try (BufferedReader in = Files.newBufferedReader(wheres, StandardCharsets.UTF_8)) {
        long i = 0;
        for (String l = in.readLine(); l != null; l = in.readLine()) {
          if (++i == n) {
            return l;
          }
        }
      } catch (IOException e) {
        // Fall through: the copy's own position still says which record.
      }
      return name + " record " + n;
    }
  }
}
