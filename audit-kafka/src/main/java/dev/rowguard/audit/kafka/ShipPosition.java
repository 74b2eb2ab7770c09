package dev.rowguard.audit.kafka;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far a log directory has been shipped: every record up to byte {@code offset} of log file
 * number {@code file} is acknowledged by Kafka, the last of them with {@code seq}. Kept in the log
 * directory as {@value #FILE_NAME}, one line, replaced atomically after each acknowledged batch.
 *
 * @param file rotation number of the log file ({@code LogFiles.number})
 * @param offset byte offset in that file just after the last shipped line
 * @param seq seq of the last shipped record, -1 before the first
 */
public record ShipPosition(long file, long offset, long seq) {

  /** The position file in a log directory. */
  public static final String FILE_NAME = "ship-position";

  /** Nothing shipped yet: the start of the first file. */
  public static final ShipPosition START = new ShipPosition(0, 0, -1);

  private static final Pattern LINE = Pattern.compile("file=(\\d+) offset=(\\d+) seq=(-?\\d+)\\s*");

  /** The position stored in {@code dir}, or empty if none was stored. */
  public static Optional<ShipPosition> load(Path dir) throws IOException {
    String text;
    try {
      text = Files.readString(dir.resolve(FILE_NAME), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Matcher m = LINE.matcher(text);
    if (!m.matches()) {
      throw new IOException(
          dir.resolve(FILE_NAME)
              + " is not a ship position (file=N offset=N seq=N): delete it to ship the"
              + " directory again from its start");
    }
    return Optional.of(
        new ShipPosition(
            Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
  }

  /** Stores this position in {@code dir}: written beside, forced to disk, then renamed over. */
  public void store(Path dir) throws IOException {
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    byte[] line =
        ("file=" + file + " offset=" + offset + " seq=" + seq + "\n")
            .getBytes(StandardCharsets.US_ASCII);
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(line));
      ch.force(true);
    }
    Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
  }
}
