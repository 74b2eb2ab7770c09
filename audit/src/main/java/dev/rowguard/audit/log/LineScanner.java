package dev.rowguard.audit.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Splits a file into lines in a reused buffer, without decoding them: the verifier hashes the bytes
 * as stored, so it never needs a String per line. Memory is one buffer, grown only for a line longer
 * than it and never beyond {@link #MAX_LINE} (a longer line is reported cut, as a foreign line).
 */
final class LineScanner {

  /** The longest line kept whole; audit records are a few hundred bytes. */
  static final int MAX_LINE = 16 << 20;

  /** Receives each line: {@code buf[off, off+len)}, 1-based number, and whether {@code \n} ended it. */
  interface Sink {
    void line(byte[] buf, int off, int len, long number, boolean terminated) throws IOException;
  }

  private LineScanner() {}

  static void scan(Path file, Sink sink) throws IOException {
    byte[] buf = new byte[1 << 20];
    int start = 0;
    int end = 0;
    long number = 0;
    boolean skipping = false; // inside a line longer than MAX_LINE
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (true) {
        if (end == buf.length) {
          if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
          } else if (buf.length < MAX_LINE) {
            buf = java.util.Arrays.copyOf(buf, Math.min(MAX_LINE, buf.length * 2));
          } else {
            sink.line(buf, 0, end, ++number, false);
            skipping = true;
            start = 0;
            end = 0;
          }
        }
        int n = ch.read(ByteBuffer.wrap(buf, end, buf.length - end));
        if (n < 0) {
          break;
        }
        int scanFrom = end;
        end += n;
        for (int i = scanFrom; i < end; i++) {
          if (buf[i] == '\n') {
            if (skipping) {
              skipping = false;
            } else {
              sink.line(buf, start, i - start, ++number, true);
            }
            start = i + 1;
          }
        }
      }
      if (end > start && !skipping) {
        sink.line(buf, start, end - start, ++number, false);
      }
    }
  }
}
