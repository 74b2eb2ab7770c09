package dev.rowguard.audit.log;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The rows files beside a log: {@code rows-000001.jsonl}, {@code rows-000002.jsonl}, ..., one
 * {@link RowBatch} per line, created readable and writable by the owner only. A batch is written
 * (and with {@link Durability#SYNC} forced) before the record that references it by {@link
 * Fields#ROWS_FILE} and {@link Fields#ROWS_SHA256}, so a record never points at a batch that is not
 * on disk. Appends from several writers on one directory are serialized by an OS lock on the file.
 */
public final class RowsFiles {

  private static final Pattern NAME = Pattern.compile("rows-(\\d{6,})\\.jsonl");
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private RowsFiles() {}

  /**
   * Where a batch was written.
   *
   * @param file the rows file's name ({@code rows-000001.jsonl})
   * @param sha256 SHA-256 (lower-case hex) of the batch's line, without its newline
   */
  public record Reference(String file, String sha256) {}

  /** A batch as found in a rows file. */
  public record Stored(Path file, long line, String text) {
    /**
     * The batch; for an encrypted one, decrypted with {@code key}.
     *
     * @throws IllegalArgumentException if it is encrypted and {@code key} is null or does not
     *     decrypt it
     */
    public RowBatch batch(java.security.@Nullable PrivateKey key) {
      String keyId = RowsEncryption.keyIdOf(text);
      if (keyId == null) {
        return RowBatch.parse(text);
      }
      if (key == null) {
        throw new IllegalArgumentException(
            "the captured rows are encrypted (to key id " + keyId + ")");
      }
      return RowsEncryption.decrypt(text, key);
    }

    /** The batch, which must not be encrypted. */
    public RowBatch batch() {
      return batch(null);
    }
  }

  /** Whether {@code file} is named as a rows file. */
  public static boolean isRowsFile(Path file) {
    Path name = file.getFileName();
    return name != null && NAME.matcher(name.toString()).matches();
  }

  /** The rows files of {@code dir} in number order; empty when there are none or no directory. */
  public static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(RowsFiles::isRowsFile).forEach(files::add);
    }
    files.sort(Comparator.comparingLong(RowsFiles::number));
    return files;
  }

  private static long number(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : 0;
  }

  /**
   * Appends batches to the rows files of one directory for one writer, keeping the current file
   * open between appends (an open, a lock and a close per delete cost more than the rest of a
   * captured single-row delete). Each append takes the JVM-wide lock of the directory and an OS
   * lock on the file, so writers in one or several processes never interleave; the file is
   * re-resolved when it was removed or replaced, or would grow past the size limit. Thread-safe.
   */
  static final class Appender implements java.io.Closeable {
    private final Path dir;
    private final ReentrantLock lock;
    private @Nullable FileChannel channel;
    private @Nullable Path file;
    private @Nullable Object fileKey;

    Appender(Path dir) {
      this.dir = dir;
      this.lock = LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ReentrantLock());
    }

    /**
     * Appends {@code batchLine} as one line to the last rows file, or to a new one when it would
     * grow past {@code maxFileBytes}; forces it to disk when {@code force}.
     */
    Reference append(String batchLine, long maxFileBytes, boolean force) throws IOException {
      byte[] text = batchLine.getBytes(StandardCharsets.UTF_8);
      String sha = sha256(text, text.length);
      ByteBuffer line = ByteBuffer.allocate(text.length + 1).put(text).put((byte) '\n').flip();
      lock.lock();
      try {
        FileChannel ch = current(text.length, maxFileBytes);
        try (FileLock held = ch.lock()) {
          while (line.hasRemaining()) {
            ch.write(line);
          }
          if (force) {
            ch.force(false);
          }
        }
        return new Reference(Objects.requireNonNull(file).getFileName().toString(), sha);
      } catch (IOException | RuntimeException e) {
        closeChannel();
        throw e;
      } finally {
        lock.unlock();
      }
    }

    private FileChannel current(int length, long maxFileBytes) throws IOException {
      FileChannel ch = channel;
      Path f = file;
      if (ch != null && f != null && stillNames(f)) {
        long size = ch.size();
        if (size == 0 || size + length <= maxFileBytes) {
          return ch;
        }
      }
      closeChannel();
      Files.createDirectories(dir);
      List<Path> files = list(dir);
      long number = files.isEmpty() ? 1 : number(files.get(files.size() - 1));
      f = dir.resolve(String.format("rows-%06d.jsonl", number));
      if (Files.exists(f) && Files.size(f) > 0 && Files.size(f) + length > maxFileBytes) {
        f = dir.resolve(String.format("rows-%06d.jsonl", number + 1));
      }
      createOwnerOnly(f);
      ch = FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      channel = ch;
      file = f;
      fileKey = Files.readAttributes(f, BasicFileAttributes.class).fileKey();
      return ch;
    }

    /** Whether {@code f} still names the open file (not removed, not replaced). */
    private boolean stillNames(Path f) {
      try {
        Object key = Files.readAttributes(f, BasicFileAttributes.class).fileKey();
        return key == null || key.equals(fileKey);
      } catch (IOException e) {
        return false;
      }
    }

    private void closeChannel() {
      FileChannel ch = channel;
      channel = null;
      file = null;
      fileKey = null;
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException e) {
          // every batch on it was written (and forced when asked) before its append returned
        }
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        closeChannel();
      } finally {
        lock.unlock();
      }
    }
  }

  private static void createOwnerOnly(Path file) throws IOException {
    if (Files.exists(file)) {
      return;
    }
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      // another writer created it first
    }
  }

  /**
   * Every batch in the rows files of {@code dir}, by the SHA-256 of its line (the first occurrence
   * when a line appears twice).
   */
  public static Map<String, Stored> index(Path dir) throws IOException {
    Map<String, Stored> out = new HashMap<>();
    for (Path f : list(dir)) {
      for (Map.Entry<String, Stored> e : hashes(f).entrySet()) {
        out.putIfAbsent(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** The SHA-256 of each line of one rows file. */
  static Map<String, Stored> hashes(Path file) throws IOException {
    Map<String, Stored> out = new HashMap<>();
    try (InputStream in = Files.newInputStream(file);
        BufferedReader r =
            new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
      String text;
      long n = 0;
      while ((text = r.readLine()) != null) {
        n++;
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.putIfAbsent(sha256(b, b.length), new Stored(file, n, text));
      }
    }
    return out;
  }

  /**
   * The batch {@code ref} points at in {@code dir}, if its file holds it unchanged. Hashes the
   * whole file: to look up many references, use one {@link #lookup}.
   */
  public static Optional<Stored> find(Path dir, Reference ref) throws IOException {
    return lookup(dir).find(ref);
  }

  /**
   * Looks up many references in {@code dir}, hashing each rows file once (when first needed), so
   * reading back N records' batches costs one pass over the files, not N.
   */
  public static Lookup lookup(Path dir) {
    return new Lookup(dir);
  }

  /** See {@link #lookup}. Not thread-safe; it sees the files as they were when first hashed. */
  public static final class Lookup {
    private final Path dir;
    private final Map<Path, Map<String, Stored>> byFile = new HashMap<>();

    private Lookup(Path dir) {
      this.dir = dir;
    }

    /** The batch {@code ref} points at, if its file holds it unchanged. */
    public Optional<Stored> find(Reference ref) throws IOException {
      Path f = dir.resolve(ref.file());
      if (!isRowsFile(f) || !Files.isRegularFile(f)) {
        return Optional.empty();
      }
      Map<String, Stored> hashed = byFile.get(f);
      if (hashed == null) {
        hashed = hashes(f);
        byFile.put(f, hashed);
      }
      return Optional.ofNullable(hashed.get(ref.sha256()));
    }
  }

  static String sha256(byte[] b, int length) {
    MessageDigest d = RecordHash.newDigest();
    d.update(b, 0, length);
    return HexFormat.of().formatHex(d.digest());
  }
}
