package dev.rowguard.audit.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;

/**
 * Where the next record goes: the last log file, its size, and the seq and hash of the last intact
 * record (searching back across files past torn lines). Read under the directory lock, so writers
 * in several processes continue one chain.
 *
 * @param file the file to append to, or null when the directory holds no log file yet
 * @param fileSize its size in bytes
 * @param seq the last record's seq, 0 for an empty log
 * @param hash the last record's hash, {@link RecordHash#GENESIS} for an empty log
 * @param needsNewline the file ends in a torn line that must be terminated before appending
 * @param fileHasRecord whether {@code file} holds an intact record (false for a file a crash left
 *     empty or torn right after it was created: the next batch there still starts with its {@code
 *     rotate} record)
 */
record LogTail(
    Path file, long fileSize, long seq, String hash, boolean needsNewline, boolean fileHasRecord) {

  private static final int FIRST_CHUNK = 64 * 1024;

  /** Reads the tail of the log made of {@code files} (in rotation order). */
  public static LogTail read(List<Path> files, MessageDigest digest) throws IOException {
    if (files.isEmpty()) {
      return new LogTail(null, 0, 0, RecordHash.GENESIS, false, false);
    }
    Path last = files.get(files.size() - 1);
    long size;
    boolean needsNewline;
    try (FileChannel ch = FileChannel.open(last, StandardOpenOption.READ)) {
      size = ch.size();
      needsNewline = size > 0 && lastByte(ch, size) != '\n';
    }
    for (int i = files.size() - 1; i >= 0; i--) {
      String found = lastIntactLine(files.get(i), digest);
      if (found != null) {
        return new LogTail(
            last,
            size,
            LogCodec.seqOf(found),
            RecordHash.storedHash(found),
            needsNewline,
            i == files.size() - 1);
      }
    }
    return new LogTail(last, size, 0, RecordHash.GENESIS, needsNewline, false);
  }

  private static byte lastByte(FileChannel ch, long size) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1);
    ch.read(b, size - 1);
    return b.get(0);
  }

  /** The last line of {@code file} whose hash verifies, reading back in growing chunks. */
  private static String lastIntactLine(Path file, MessageDigest digest) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      for (long chunk = FIRST_CHUNK; ; chunk *= 4) {
        long start = Math.max(0, size - chunk);
        ByteBuffer buf = ByteBuffer.allocate((int) (size - start));
        while (buf.hasRemaining() && ch.read(buf, start + buf.position()) > 0) {
          // read fully
        }
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        // Unless the chunk starts the file, its first line may be cut: skip it.
        int firstWhole = start == 0 ? 0 : 1;
        for (int i = lines.length - 1; i >= firstWhole; i--) {
          if (!lines[i].isEmpty()
              && RecordHash.matches(digest, lines[i])
              && LogCodec.seqOf(lines[i]) >= 0) {
            return lines[i];
          }
        }
        if (start == 0 || chunk > Integer.MAX_VALUE / 8) {
          return null;
        }
      }
    }
  }
}
