package dev.rowguard.audit.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * File layout of a log directory: {@code audit-000001.jsonl}, {@code audit-000002.jsonl}, ... in
 * rotation order (the number, not the modification time), plus the lock file {@code audit.lock}.
 */
public final class LogFiles {

  /** The lock file every writer holds while it appends. */
  public static final String LOCK_FILE = "audit.lock";

  private static final Pattern NAME = Pattern.compile("audit-(\\d{6,})\\.jsonl");

  private LogFiles() {}

  /**
   * The log files in {@code dir} in rotation order; empty if there are none.
   *
   * @throws NoSuchFileException with a one-line reason if {@code dir} is not a directory
   */
  public static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no audit log directory here");
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(files::add);
    }
    files.sort(Comparator.comparingLong(LogFiles::number));
    return files;
  }

  /**
   * Whether {@code file} is named as the writer names log files (not the lock file, nor anything
   * else).
   */
  public static boolean isLogFile(Path file) {
    Path name = file.getFileName();
    return name != null && NAME.matcher(name.toString()).matches();
  }

  /** The rotation number of a log file ({@code audit-000042.jsonl} is 42). */
  public static long number(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException("not an audit log file: " + file);
    }
    return Long.parseLong(m.group(1));
  }

  /** The file with rotation number {@code number} in {@code dir}. */
  public static Path file(Path dir, long number) {
    return dir.resolve(String.format("audit-%06d.jsonl", number));
  }
}
