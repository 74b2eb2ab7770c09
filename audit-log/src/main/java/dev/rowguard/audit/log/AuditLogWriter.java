package dev.rowguard.audit.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends records to a log directory: one hash chain and gap-free seq across rotated files and
 * across every writer (in this or other processes) on the same directory.
 *
 * <p>Appending threads serialize their record (all but seq and hashes) and queue it. One writer
 * thread takes every queued record, and per batch: takes the directory lock ({@value
 * LogFiles#LOCK_FILE}, an OS file lock, plus an in-JVM lock because the OS lock is per process),
 * re-reads the tail if another writer appended since, rotates if the file is full, numbers, chains
 * and writes the batch with one write and one fsync, and releases the lock; only then is the batch
 * acknowledged, by a second thread so that the writer goes on at once. Under load many records
 * share one fsync (group commit).
 *
 * <p>Write failures do not kill the writer: the affected appenders get an {@link AuditLogException}
 * and the next batch starts again from the tail on disk, terminating any torn line first.
 */
public final class AuditLogWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AuditLogWriter.class);
  private static final Map<Path, ReentrantLock> DIRECTORY_LOCKS = new ConcurrentHashMap<>();
  private static final int MAX_BATCH = 8192;

  private final Path dir;
  private final RowsFiles.Appender rowsAppender;
  private final WriterOptions options;
  private final ReentrantLock directoryLock;
  private final BlockingQueue<Pending> queue;
  private final Thread thread;
  private final java.util.concurrent.ExecutorService acknowledger;
  private final Thread shutdownHook;
  private final MessageDigest digest = RecordHash.newDigest();
  private final String keyId;

  // Writer-thread state.
  private FileChannel lockChannel;
  private FileChannel channel;
  private Path channelFile;

  /** The file key (inode) of {@link #channelFile} when the channel was opened. */
  private @Nullable Object channelKey;

  /** A log_gap record to write first in the next batch, after the writer's file vanished. */
  private @Nullable LogEntry gapEntry;

  private LogTail cached;
  private long sinceCheckpoint;
  private long lastCheckpointNanos = System.nanoTime();

  /** When a heartbeat checkpoint was last tried: a failing disk is not retried in a busy loop. */
  private long lastHeartbeatNanos = lastCheckpointNanos;

  /** Whether the last write to the witness failed (logged once until it works again). */
  private boolean witnessFailing;

  /** This writer's log_open record until a batch carrying it has been written. */
  private LogEntry openEntry;

  private volatile AuditLogException failure;
  private volatile boolean closed;

  /** Opens the channel a log file is appended through; tests inject faults here. */
  interface ChannelOpener {
    FileChannel open(Path file) throws IOException;
  }

  private static final ChannelOpener APPEND =
      file ->
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);

  private final ChannelOpener opener;

  private AuditLogWriter(Path dir, WriterOptions options, ChannelOpener opener) {
    this.opener = opener;
    this.dir = dir.toAbsolutePath().normalize();
    this.rowsAppender = new RowsFiles.Appender(this.dir);
    this.options = options;
    this.directoryLock =
        DIRECTORY_LOCKS.computeIfAbsent(lockKey(this.dir), d -> new ReentrantLock());
    this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
    this.keyId =
        options.signingKey() == null
            ? null
            : CheckpointKeys.keyId(options.signingKey().getPublic());
    this.thread = new Thread(this::run, "rowguard-audit-writer " + this.dir.getFileName());
    this.thread.setDaemon(true);
    this.acknowledger =
        java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "rowguard-audit-acks " + this.dir.getFileName());
              t.setDaemon(true);
              return t;
            });
    // The hook only flushes and checkpoints: the application's own hooks (Spring Boot's graceful
    // shutdown) may still be draining requests whose deletes must be recorded. The log is closed
    // by close() (AuditedDataSource.close()); at halt nothing acknowledged is lost, since every
    // sync record is forced before its append returns.
    this.shutdownHook = new Thread(this::checkpointQuietly, "rowguard-audit-shutdown");
  }

  /**
   * Opens a writer on {@code dir} and writes its {@code log_open} record durably. Never throws for
   * an unwritable directory: the writer then reports {@link #failure()} and keeps retrying with
   * each batch, so an application can decide between fail-open and fail-closed.
   */
  public static AuditLogWriter open(Path dir, WriterOptions options) {
    return open(dir, options, APPEND);
  }

  static AuditLogWriter open(Path dir, WriterOptions options, ChannelOpener opener) {
    AuditLogWriter w = new AuditLogWriter(dir, options, opener);
    w.openEntry =
        LogEntry.of(RecordKind.LOG_OPEN, w.now())
            .put(Fields.LOG_FORMAT, 1)
            .put(Fields.LOG_ROTATION_MARKERS, 1)
            .put(Fields.HOST, Origin.HOST)
            .put(Fields.PID, Origin.PID)
            .put(Fields.THREAD, Thread.currentThread().getName());
    if (!options.heartbeatInterval().isZero()) {
      w.openEntry.put(Fields.HEARTBEAT_INTERVAL_MS, options.heartbeatInterval().toMillis());
    }
    w.thread.start();
    Runtime.getRuntime().addShutdownHook(w.shutdownHook);
    try {
      w.submit(null, true, true);
    } catch (AuditLogException e) {
      // Kept in failure(); the caller reports it in the way its failure mode asks for.
    }
    return w;
  }

  /**
   * The same key for every path to one directory, so two writers in one JVM never hold the OS lock
   * together: the real path of the nearest existing ancestor (symlinks resolved) plus the part not
   * created yet, so a writer that opens the directory before it exists, through a symlink, gets the
   * key a later writer gets from the real path.
   */
  static Path lockKey(Path dir) {
    Path missing = dir.getFileSystem().getPath("");
    for (Path p = dir; p != null; p = p.getParent()) {
      try {
        return p.toRealPath().resolve(missing).normalize();
      } catch (IOException e) {
        Path name = p.getFileName();
        missing = name == null ? missing : name.resolve(missing);
      }
    }
    return dir; // no ancestor exists: every writer sees the same normalized path
  }

  public Path directory() {
    return dir;
  }

  /** The time a record made now is stamped with: {@link WriterOptions#clock()}. */
  public java.time.Instant now() {
    return options.clock().instant();
  }

  public WriterOptions options() {
    return options;
  }

  /** The last write failure, or null once a batch has been written since. */
  public AuditLogException failure() {
    return failure;
  }

  /**
   * Appends {@code entry}: with {@link Durability#SYNC} returns once it is fsync'ed, with {@link
   * Durability#ASYNC} once it is queued.
   *
   * @throws AuditLogException if the record could not be written (sync) or the writer is closed
   */
  public void append(LogEntry entry) throws AuditLogException {
    submit(entry, options.durability() == Durability.SYNC);
  }

  /**
   * Writes a batch of captured rows to the rows files beside the log ({@link RowsFiles}), forced to
   * disk with {@link Durability#SYNC}, and returns where it went, for the record that references
   * it; encrypted to {@code encryptTo} unless it is null ({@link RowsEncryption}). Call before
   * appending that record.
   *
   * @throws AuditLogException if the batch could not be written
   */
  public RowsFiles.Reference appendRows(RowBatch batch, java.security.@Nullable PublicKey encryptTo)
      throws AuditLogException {
    if (closed) {
      throw new AuditLogException("the audit log writer for " + dir + " is closed");
    }
    try {
      String line = encryptTo == null ? batch.toLine() : RowsEncryption.encrypt(batch, encryptTo);
      return rowsAppender.append(
          line, options.maxFileBytes(), options.durability() == Durability.SYNC);
    } catch (IOException | RuntimeException e) {
      throw new AuditLogException(
          "cannot write captured rows in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Returns once everything appended before is on disk. */
  public void flush() throws AuditLogException {
    submit(null, true);
  }

  /**
   * Throws the last failure unless the directory looks writable again (exists or can be created,
   * writable, at least 1 MiB free). Used to refuse a delete before it runs (fail-closed).
   */
  public void checkWritable() throws AuditLogException {
    AuditLogException f = failure;
    if (f == null) {
      return;
    }
    try {
      Files.createDirectories(dir);
      if (Files.isWritable(dir) && Files.getFileStore(dir).getUsableSpace() >= (1 << 20)) {
        return;
      }
    } catch (IOException | RuntimeException e) {
      // still failing: report the original failure
    }
    throw f;
  }

  private void submit(LogEntry entry, boolean await) throws AuditLogException {
    submit(entry, await, false);
  }

  /**
   * {@code probe}: write the pending log_open now, to find out at once whether the directory works.
   */
  private void submit(LogEntry entry, boolean await, boolean probe) throws AuditLogException {
    if (closed) {
      throw new AuditLogException("the audit log writer for " + dir + " is closed");
    }
    if (entry != null) {
      entry.middle(); // serialize on the appending thread, not on the one writer thread
    }
    Pending p = new Pending(entry, await ? new CompletableFuture<>() : null);
    p.probe = probe;
    // Bounded: a frozen lock holder or a hung fsync must not hang the application's statement.
    long bound = 2 * options.writeTimeout().toNanos();
    long deadline = System.nanoTime() + bound;
    try {
      if (!queue.offer(p, bound, TimeUnit.NANOSECONDS)) {
        throw notWritten();
      }
      while (await && !p.done.isDone()) {
        try {
          p.done.get(Math.min(1_000_000_000L, bound), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException slowDisk) {
          if (!thread.isAlive() && !p.done.isDone()) {
            throw new AuditLogException("the audit log writer for " + dir + " is closed");
          }
          if (System.nanoTime() - deadline >= 0 && !p.done.isDone()) {
            throw notWritten();
          }
        }
      }
      if (await) {
        p.done.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditLogException("interrupted while writing the audit log in " + dir, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof AuditLogException a
          ? a
          : new AuditLogException(e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * Flushes everything queued, writes a final checkpoint if records were written since the last.
   */
  @Override
  public void close() throws AuditLogException {
    if (closed) {
      return;
    }
    Pending last = new Pending(null, new CompletableFuture<>());
    last.closing = true;
    try {
      queue.put(last);
      closed = true;
      last.done.get(30, TimeUnit.SECONDS);
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof AuditLogException a
          ? a
          : new AuditLogException(e.getCause().getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AuditLogException(
          "the audit log in " + dir + " was not flushed within 30 s: the disk may be hanging", e);
    } finally {
      rowsAppender.close();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // called from the hook itself
      }
    }
  }

  /** The JVM shutdown hook: flush and checkpoint, leave the writer open for late records. */
  Thread shutdownHook() {
    return shutdownHook;
  }

  private void checkpointQuietly() {
    if (closed) {
      return;
    }
    Pending p = new Pending(null, new CompletableFuture<>());
    p.checkpoint = true;
    try {
      queue.put(p);
      p.done.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      System.err.println(
          "rowguard audit: the audit log in " + dir + " was not flushed at shutdown: " + e);
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    boolean closing = false;
    while (!closing) {
      try {
        Pending first = queue.poll(millisToCheckpoint(), TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
      } catch (InterruptedException e) {
        closing = true;
      }
      boolean checkpointAsked = false;
      for (Pending p : batch) {
        closing |= p.closing;
        checkpointAsked |= p.checkpoint;
      }
      boolean checkpointDue =
          (sinceCheckpoint > 0 && (closing || checkpointAsked || millisToCheckpoint() == 0))
              || heartbeatDue();
      if (batch.isEmpty() && !checkpointDue) {
        continue;
      }
      try {
        boolean wrote = writeBatch(batch, checkpointDue);
        if (wrote && failure != null) {
          LOG.warn("rowguard audit: writing to {} works again", dir);
          failure = null;
        }
        acknowledge(List.copyOf(batch));
      } catch (Exception | Error e) {
        // Any failure, even an Error, must reach the waiting appenders rather than strand them.
        AuditLogException f = describe(e);
        if (failure == null || !failure.getMessage().equals(f.getMessage())) {
          LOG.error("rowguard audit: {}", f.getMessage());
        }
        failure = f;
        cached = null;
        closeChannel();
        batch.forEach(p -> p.complete(f));
      }
      batch.clear();
    }
    closeChannel();
    closeLockChannel();
    acknowledger.shutdown();
    // Appenders that raced with close() must not wait forever.
    AuditLogException closedFailure =
        new AuditLogException("the audit log writer for " + dir + " is closed");
    for (Pending p; (p = queue.poll()) != null; ) {
      p.complete(closedFailure);
    }
  }

  /**
   * Wakes the appenders of a written batch on a second thread, so that the writer thread goes on to
   * the next batch at once (waking hundreds of threads costs as much as writing their records).
   */
  private void acknowledge(List<Pending> written) {
    if (written.stream().allMatch(p -> p.done == null)) {
      return;
    }
    try {
      acknowledger.execute(() -> written.forEach(p -> p.complete(null)));
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      written.forEach(p -> p.complete(null));
    }
  }

  private long millisToCheckpoint() {
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastCheckpointNanos);
    long interval = options.checkpointInterval().toMillis();
    long toCheckpoint = sinceCheckpoint == 0 ? interval : Math.max(0, interval - elapsed);
    long heartbeat = options.heartbeatInterval().toMillis();
    if (heartbeat == 0) {
      return toCheckpoint;
    }
    long sinceBeat =
        TimeUnit.NANOSECONDS.toMillis(
            System.nanoTime() - Math.max(lastCheckpointNanos, lastHeartbeatNanos));
    return Math.min(toCheckpoint, Math.max(1, heartbeat - sinceBeat));
  }

  /**
   * True when no checkpoint was written (or tried) for a heartbeat interval: one is written even if
   * nothing was appended since, so that a witness tells an idle writer from a cut-off log.
   */
  private boolean heartbeatDue() {
    long heartbeat = options.heartbeatInterval().toNanos();
    return heartbeat > 0
        && System.nanoTime() - Math.max(lastCheckpointNanos, lastHeartbeatNanos) >= heartbeat;
  }

  /** Writes the batch; false when there was nothing to write. */
  private boolean writeBatch(List<Pending> batch, boolean checkpointDue) throws IOException {
    boolean probe = openEntry != null && batch.stream().anyMatch(p -> p.probe);
    if (!probe
        && !checkpointDue
        && gapEntry == null
        && batch.stream().allMatch(p -> p.entry == null)) {
      return false; // only flush or close markers: everything before them is already on disk
    }
    long deadline = System.nanoTime() + options.writeTimeout().toNanos();
    try {
      if (!directoryLock.tryLock(options.writeTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
        throw lockTimeout();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted waiting for the lock on " + dir);
    }
    try (FileLock ignored = lockDirectory(deadline)) {
      LogTail tail = currentTail();
      Path file = tail.file();
      long size = tail.fileSize();
      ByteArrayOutputStream out = new ByteArrayOutputStream(batch.size() * 700 + 1024);
      boolean rotated = file == null || size >= options.maxFileBytes();
      if (rotated) {
        file = LogFiles.file(dir, file == null ? 1 : LogFiles.number(file) + 1);
        size = 0;
      } else if (tail.needsNewline()) {
        out.write('\n');
      }
      long seq = tail.seq();
      String hash = tail.hash();
      // Every file after the first starts with its rotation marker, also one a crash left without
      // a record right after creating it (the marker of that rotation never reached the disk).
      long number = LogFiles.number(file);
      if (number > 1 && (rotated || !tail.fileHasRecord())) {
        hash = appendLine(out, rotation(LogFiles.file(dir, number - 1)), ++seq, hash);
      }
      // Checkpoint bookkeeping changes only once the batch is on disk.
      long since = sinceCheckpoint;
      boolean checkpointed = false;
      boolean heartbeat = heartbeatDue();
      if (heartbeat) {
        lastHeartbeatNanos = System.nanoTime();
      }
      List<byte[]> checkpointLines = new ArrayList<>(1);
      if (gapEntry != null) {
        hash = appendLine(out, gapEntry, ++seq, hash);
      }
      if (openEntry != null) {
        hash = appendLine(out, openEntry, ++seq, hash);
      }
      for (Pending p : batch) {
        if (p.entry == null) {
          continue;
        }
        hash = appendLine(out, p.entry, ++seq, hash);
        if (++since >= options.checkpointEveryRecords()) {
          hash = appendCheckpoint(out, ++seq, hash, checkpointLines);
          since = 0;
          checkpointed = true;
        }
      }
      if ((since > 0 && (checkpointDue || millisToCheckpoint() == 0))
          || (heartbeat && !checkpointed)) {
        hash = appendCheckpoint(out, ++seq, hash, checkpointLines);
        since = 0;
        checkpointed = true;
      }
      if (out.size() == 0) {
        return false;
      }
      byte[] bytes = out.toByteArray();
      boolean newFile = !Files.exists(file);
      FileChannel ch = channelFor(file);
      long start = ch.size();
      try {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(false);
      } catch (IOException | RuntimeException e) {
        abandon(ch, file, start, e);
        throw e;
      }
      if (newFile) {
        syncDirectory(); // the new file's directory entry must survive a power loss too
      }
      cached = new LogTail(file, ch.size(), seq, hash, false, true);
      openEntry = null;
      gapEntry = null;
      sinceCheckpoint = since;
      if (checkpointed) {
        lastCheckpointNanos = System.nanoTime();
      }
      witness(checkpointLines);
      return true;
    } finally {
      directoryLock.unlock();
    }
  }

  /**
   * A batch that failed (disk full, I/O error) fails as a whole in the log too: cut the file back
   * to where the batch began, so no complete record of a refused statement stays behind.
   */
  private static void abandon(FileChannel ch, Path file, long start, Exception cause) {
    try {
      ch.truncate(start);
      ch.force(false);
    } catch (IOException | RuntimeException t) {
      cause.addSuppressed(t);
      LOG.error(
          "rowguard audit: a failed batch could not be cut off {} at byte {}: its records may"
              + " remain although they were refused",
          file,
          start);
    }
  }

  private String appendLine(ByteArrayOutputStream out, LogEntry entry, long seq, String prevHash) {
    LogCodec.Encoded line = LogCodec.encode(entry, seq, prevHash, digest);
    out.write(line.line(), 0, line.line().length);
    return line.hash();
  }

  private String appendCheckpoint(
      ByteArrayOutputStream out, long seq, String prevHash, List<byte[]> lines) {
    LogCodec.Encoded line = LogCodec.encode(checkpoint(seq, prevHash), seq, prevHash, digest);
    out.write(line.line(), 0, line.line().length);
    lines.add(line.line());
    return line.hash();
  }

  /**
   * Copies the checkpoints just written to the witness directory. A witness that cannot be written
   * never fails the log: it is logged once (and once when it works again), and later checkpoints
   * still go there, so the witness misses only the checkpoints of the outage.
   */
  private void witness(List<byte[]> checkpointLines) {
    Path w = options.witness();
    if (w == null || checkpointLines.isEmpty()) {
      return;
    }
    try {
      Witness.append(w, dir, checkpointLines);
      if (witnessFailing) {
        LOG.warn("rowguard audit: writing checkpoints to the witness {} works again", w);
        witnessFailing = false;
      }
    } catch (IOException | RuntimeException e) {
      if (!witnessFailing) {
        LOG.error(
            "rowguard audit: checkpoints of {} cannot be written to the witness {}: {}",
            dir,
            w,
            e.toString());
        witnessFailing = true;
      }
    }
  }

  /** The first record of a log file after the first: which file it follows. */
  private LogEntry rotation(Path previous) {
    return LogEntry.of(RecordKind.ROTATE, now())
        .put(Fields.ROTATE_PREVIOUS_FILE, String.valueOf(previous.getFileName()))
        .put(Fields.HOST, Origin.HOST)
        .put(Fields.PID, Origin.PID);
  }

  private LogEntry checkpoint(long seq, String prevHash) {
    LogEntry e =
        LogEntry.of(RecordKind.CHECKPOINT, now())
            .put(Fields.HOST, Origin.HOST)
            .put(Fields.PID, Origin.PID);
    if (options.signingKey() != null) {
      e.put(Fields.CHECKPOINT_KEY_ID, keyId)
          .put(
              Fields.CHECKPOINT_SIGNATURE,
              CheckpointSignature.sign(options.signingKey().getPrivate(), seq, prevHash));
    }
    return e;
  }

  /**
   * The tail, from memory when the last file is still the one this writer last wrote, unchanged and
   * still the same inode. One stat per batch: a file deleted, moved away or replaced under the
   * writer (or the whole directory) is noticed here, its channel dropped and a {@code log_gap}
   * record queued so that the loss is in the log instead of silently going to a deleted inode.
   */
  private LogTail currentTail() throws IOException {
    List<Path> files = LogFiles.list(dir);
    Path last = files.isEmpty() ? null : files.get(files.size() - 1);
    if (cached != null && last != null && last.equals(cached.file())) {
      BasicFileAttributes a = attributes(last);
      if (a != null && a.size() == cached.fileSize() && sameFile(a)) {
        return cached;
      }
    }
    if (channelFile != null && !sameFile(attributes(channelFile))) {
      LogTail lost = cached;
      Path lostFile = channelFile;
      closeChannel();
      LogTail onDisk = LogTail.read(files, digest);
      if (lost != null && gapEntry == null) {
        LOG.error(
            "rowguard audit: the log file {} was deleted or replaced while this writer used it;"
                + " records up to seq {} written there are lost. Writing on, with a log_gap"
                + " record after seq {}",
            lostFile,
            lost.seq(),
            onDisk.seq());
        gapEntry =
            LogEntry.of(RecordKind.LOG_GAP, now())
                .put(Fields.HOST, Origin.HOST)
                .put(Fields.PID, Origin.PID)
                .put(Fields.GAP_FILE, String.valueOf(lostFile.getFileName()))
                .put(Fields.GAP_AFTER_SEQ, onDisk.seq())
                .put(Fields.GAP_THROUGH_SEQ, lost.seq());
      }
      cached = null;
      return onDisk;
    }
    return LogTail.read(files, digest);
  }

  private static @Nullable BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException gone) {
      return null;
    }
  }

  /** True when {@code a} describes the file this writer's channel has open (same inode). */
  private boolean sameFile(@Nullable BasicFileAttributes a) {
    return a != null && (channelKey == null || channelKey.equals(a.fileKey()));
  }

  private IOException lockTimeout() {
    return new IOException(
        "the lock on "
            + dir.resolve(LogFiles.LOCK_FILE)
            + " was not released within "
            + options.writeTimeout().toSeconds()
            + " s: another writer holds it (a frozen process, a hung mount?)");
  }

  /** The OS lock on the directory, waiting at most until {@code deadline} (System.nanoTime). */
  private FileLock lockDirectory(long deadline) throws IOException {
    if (lockChannel == null || !lockChannel.isOpen() || !Files.isDirectory(dir)) {
      closeLockChannel();
      Files.createDirectories(dir);
      lockChannel =
          FileChannel.open(
              dir.resolve(LogFiles.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }
    for (long pause = 1; ; pause = Math.min(pause * 2, 50)) {
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException heldInThisJvm) {
        lock = null; // by a channel that is not a writer's (writers share one in-JVM lock)
      }
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw lockTimeout();
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted waiting for the lock on " + dir);
      }
    }
  }

  private FileChannel channelFor(Path file) throws IOException {
    if (channel == null || !channel.isOpen() || !file.equals(channelFile)) {
      closeChannel();
      channel = opener.open(file);
      channelFile = file;
      BasicFileAttributes a = attributes(file);
      channelKey = a == null ? null : a.fileKey();
    }
    return channel;
  }

  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some platforms cannot open or sync a directory; the file's own data is already forced.
    }
  }

  private void closeChannel() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // nothing was pending on it: every batch is forced before acknowledgement
    }
    channel = null;
    channelFile = null;
    channelKey = null;
  }

  private void closeLockChannel() {
    try {
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException e) {
      // releasing the lock file handle; nothing to lose
    }
  }

  private AuditLogException notWritten() {
    return new AuditLogException(
        "the audit log in "
            + dir
            + " did not write the record within "
            + 2 * options.writeTimeout().toSeconds()
            + " s (writeTimeout "
            + options.writeTimeout().toSeconds()
            + " s): the disk or another writer holding its lock hangs; the record may still be"
            + " written later");
  }

  /** One line that says what failed and what to do. */
  private AuditLogException describe(Throwable e) {
    String reason =
        e instanceof FileSystemException fs && fs.getReason() != null
            ? fs.getReason()
            : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof AccessDeniedException
        || (e instanceof FileSystemException fs && "Permission denied".equals(fs.getReason()))) {
      return new AuditLogException(
          "cannot write the audit log in "
              + dir
              + ": permission denied; make the directory writable for this user or set rowguard.audit.directory to another one",
          e);
    }
    if (reason.contains("No space left") || reason.contains("Disk quota")) {
      return new AuditLogException(
          "cannot write the audit log in "
              + dir
              + ": the disk is full; free space on it or set rowguard.audit.directory to another disk",
          e);
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException
        || e instanceof java.nio.file.NotDirectoryException
        || reason.contains("Not a directory")) {
      return new AuditLogException(
          "cannot write the audit log in "
              + dir
              + ": it is not a directory; set rowguard.audit.directory to a directory",
          e);
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      // mkdir said ENOENT although the parents exist: /proc, a vanished mount, a dangling link
      return new AuditLogException(
          "cannot write the audit log in "
              + dir
              + ": the directory cannot be created there (no such file or directory: "
              + e.getMessage()
              + "); set rowguard.audit.directory to a directory on a writable disk",
          e);
    }
    String what =
        e instanceof FileSystemException fs && fs.getReason() == null
            ? e.getClass().getSimpleName() + " " + reason
            : reason;
    return new AuditLogException(
        "cannot write the audit log in "
            + dir
            + ": "
            + what
            + "; make it writable for this user or set rowguard.audit.directory to a writable directory",
        e);
  }

  private static final class Pending {
    final LogEntry entry;
    final CompletableFuture<Void> done;
    boolean closing;
    boolean probe;
    boolean checkpoint;

    Pending(LogEntry entry, CompletableFuture<Void> done) {
      this.entry = entry;
      this.done = done;
    }

    void complete(AuditLogException failure) {
      if (done != null) {
        if (failure == null) {
          done.complete(null);
        } else {
          done.completeExceptionally(failure);
        }
      }
    }
  }
}
