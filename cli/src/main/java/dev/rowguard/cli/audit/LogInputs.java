package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.LogFiles;
import dev.rowguard.cli.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Turns the LOG arguments into logs: a directory stands for all its {@code audit-NNNNNN.jsonl}
 * files in rotation order; files named on the command line are grouped by directory and put in
 * rotation order, so {@code DIR} and {@code DIR/audit-*.jsonl} mean the same. Files the writer does
 * not name as log files (its {@code audit.lock}, notes beside the log) are skipped, so {@code
 * DIR/*} means the same too; a file argument that is the only one and not a log file is an error.
 */
final class LogInputs {

  private LogInputs() {}

  /**
   * An argument with a URI scheme ({@code kafka://host:port/topic}) is a shipped source, read
   * through {@link ShippedLogs} from {@code from} (all when null) with the client {@code
   * properties}, giving one log per writer.
   */
  static List<AuditLog> resolve(
      List<String> arguments, Map<String, String> properties, @Nullable Instant from)
      throws IOException {
    if (arguments == null || arguments.isEmpty()) {
      throw new InvalidInputException(
          "no log given: pass an audit log directory (or its audit-NNNNNN.jsonl files)");
    }
    Map<Path, Set<Path>> byDir = new LinkedHashMap<>();
    List<AuditLog> shipped = new ArrayList<>();
    Path skipped = null;
    for (String argument : arguments) {
      if (ShippedLogs.isSource(argument)) {
        shipped.addAll(ShippedLogs.read(argument, properties, from));
        continue;
      }
      Path arg = Path.of(argument);
      if (Files.isDirectory(arg)) {
        List<Path> files = LogFiles.list(arg);
        if (files.isEmpty()) {
          throw new InvalidInputException(
              arg
                  + " holds no audit-NNNNNN.jsonl files: pass the directory the audit logger writes to");
        }
        byDir.computeIfAbsent(key(arg), k -> files()).addAll(files);
      } else if (Files.isRegularFile(arg)) {
        if (!LogFiles.isLogFile(arg)) {
          skipped = arg;
          continue;
        }
        byDir.computeIfAbsent(key(arg.toAbsolutePath().getParent()), k -> files()).add(arg);
      } else {
        throw new InvalidInputException(
            arg
                + (Files.exists(arg)
                    ? " is not a file or directory (a device, pipe or socket)"
                    : " does not exist")
                + ": pass an audit log directory or file");
      }
    }
    if (byDir.isEmpty() && shipped.isEmpty() && skipped != null) {
      throw new InvalidInputException(
          skipped + " is not an audit log file: audit logs are named audit-NNNNNN.jsonl");
    }
    List<AuditLog> logs = new ArrayList<>();
    byDir.forEach((dir, files) -> logs.add(new AuditLog(dir, List.copyOf(files))));
    logs.addAll(shipped);
    return logs;
  }

  private static Set<Path> files() {
    return new TreeSet<>(Comparator.comparingLong(LogFiles::number).thenComparing(Path::toString));
  }

  private static Path key(Path dir) {
    return dir.toAbsolutePath().normalize();
  }

  /**
   * What every command says about a log that holds no record (empty files, or only a torn line).
   */
  static InvalidInputException noRecords(AuditLog log) {
    return new InvalidInputException(
        "no audit records in "
            + log.name()
            + ": its files are empty or hold only a torn line; pass the directory the audit logger writes to");
  }

  /** How many lines end in the first {@code bytes} bytes of {@code file}. */
  static long newlines(Path file, long bytes) throws IOException {
    long n = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      long left = bytes;
      while (left > 0) {
        int got = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (got < 0) {
          break;
        }
        for (int i = 0; i < got; i++) {
          if (buf[i] == '\n') {
            n++;
          }
        }
        left -= got;
      }
    }
    return n;
  }
}
