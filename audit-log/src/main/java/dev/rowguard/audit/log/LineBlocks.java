package dev.rowguard.audit.log;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a file in blocks of whole lines, so that blocks can be hashed in parallel: each block ends
 * with a newline, except the last block of the file, whose last line may be unterminated (torn).
 */
final class LineBlocks {

  /** Block size: large enough that handing blocks to threads costs nothing next to hashing them. */
  static final int BLOCK = 4 << 20;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long LOW_BITS = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** Receives {@code data[0, length)}; the array is the block's own, not reused. */
  interface Sink {
    void block(byte[] data, int length) throws IOException;
  }

  private LineBlocks() {}

  static void read(Path file, Sink sink) throws IOException {
    byte[] buf = new byte[BLOCK];
    int end = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (true) {
        int n = ch.read(ByteBuffer.wrap(buf, end, buf.length - end));
        if (n < 0) {
          if (end - (lastNewline(buf, end) + 1) > LogCodec.MAX_LINE) {
            throw LogCodec.overlong(file);
          }
          if (end > 0) {
            sink.block(buf, end);
          }
          return;
        }
        end += n;
        if (end < buf.length) {
          continue;
        }
        int cut = lastNewline(buf, end) + 1;
        if (cut == 0) {
          // A buffer of MAX_LINE + 1 bytes holds any line of at most MAX_LINE bytes with its
          // newline.
          if (end > LogCodec.MAX_LINE) {
            throw LogCodec.overlong(file);
          }
          buf = Arrays.copyOf(buf, Math.min(buf.length * 2, LogCodec.MAX_LINE + 1));
          continue;
        }
        byte[] next = new byte[Math.max(BLOCK, Math.min(2 * (end - cut), LogCodec.MAX_LINE + 1))];
        System.arraycopy(buf, cut, next, 0, end - cut);
        sink.block(buf, cut);
        buf = next;
        end -= cut;
      }
    }
  }

  private static int lastNewline(byte[] b, int end) {
    for (int i = end - 1; i >= 0; i--) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The index of the first {@code \n} in {@code b[from, to)}, or -1. Eight bytes at a time (the
   * classic "has a zero byte" test on the bytes XOR newline): the JIT does not vectorize a
   * byte-by-byte search, and scanning is a large part of verifying.
   */
  static int indexOfNewline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ NEWLINES;
      long found = (x - LOW_BITS) & ~x & HIGH_BITS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
