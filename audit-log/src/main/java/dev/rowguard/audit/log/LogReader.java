package dev.rowguard.audit.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads the lines of a log directory in order: files by rotation number, lines in file order. */
public final class LogReader {

  private LogReader() {}

  /** Calls {@code sink} for every line of every log file in {@code dir}, in log order. */
  public static void forEachLine(Path dir, Consumer<LogLine> sink) throws IOException {
    for (Path file : LogFiles.list(dir)) {
      forEachLineOfFile(file, sink);
    }
  }

  /** Calls {@code sink} for every line of one log file. */
  public static void forEachLineOfFile(Path file, Consumer<LogLine> sink) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(512);
      byte[] buf = new byte[1 << 16];
      long number = 0;
      int n;
      while ((n = in.read(buf)) != -1) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            line.write(buf, start, i - start);
            sink.accept(toLine(file, ++number, line, true));
            line.reset();
            start = i + 1;
          }
        }
        line.write(buf, start, n - start);
      }
      if (line.size() > 0) {
        sink.accept(toLine(file, ++number, line, false));
      }
    }
  }

  /** Every record of the log in order, skipping lines that are not records. */
  public static List<LogRecord> records(Path dir) throws IOException {
    List<LogRecord> out = new ArrayList<>();
    forEachLine(dir, l -> {
      if (l.record() != null) {
        out.add(l.record());
      }
    });
    return out;
  }

  private static LogLine toLine(Path file, long number, ByteArrayOutputStream bytes, boolean terminated) {
    String text = bytes.toString(StandardCharsets.UTF_8);
    return new LogLine(file, number, text, terminated, LogRecord.parse(text));
  }
}
