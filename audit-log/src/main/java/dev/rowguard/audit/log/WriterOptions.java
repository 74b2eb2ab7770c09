package dev.rowguard.audit.log;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;

/**
 * How an {@link AuditLogWriter} writes.
 *
 * @param durability whether a record is on disk before {@link AuditLogWriter#append} returns
 * @param maxFileBytes a file at least this large is rotated before the next batch
 * @param checkpointEveryRecords a checkpoint after this many records of this writer
 * @param checkpointInterval a checkpoint this long after the last one if records were written since
 * @param signingKey the Ed25519 key pair that signs checkpoints, or null for unsigned checkpoints
 * @param queueCapacity records waiting for the writer thread before appenders block
 * @param writeTimeout the longest wait for the directory lock, and (twice this) for an append to be
 *     on disk: then the append fails and the caller's failure mode applies
 * @param clock what stamps the writer's own records ({@code log_open}, {@code checkpoint}) and,
 *     through {@link AuditLogWriter#now()}, every record its callers make
 * @param heartbeatInterval a checkpoint this long after the last one even when nothing was written
 *     since (a heartbeat: a witness then tells an idle writer from a log whose tail was cut off);
 *     {@link Duration#ZERO} for none
 * @param witness a directory each checkpoint is also appended to ({@link Witness}), or null
 */
public record WriterOptions(
    Durability durability,
    long maxFileBytes,
    int checkpointEveryRecords,
    Duration checkpointInterval,
    KeyPair signingKey,
    int queueCapacity,
    Duration writeTimeout,
    Clock clock,
    Duration heartbeatInterval,
    Path witness) {

  /** Default durability: a record is on disk before {@link AuditLogWriter#append} returns. */
  public static final Durability DEFAULT_DURABILITY = Durability.SYNC;

  /** Default rotation size: 64 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;

  /** The smallest rotation size accepted. */
  public static final long MIN_MAX_FILE_BYTES = 1024;

  /** Default: a checkpoint after 1000 records ... */
  public static final int DEFAULT_CHECKPOINT_EVERY_RECORDS = 1000;

  /** ... or 60 s after the last one. */
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);

  /** Default heartbeat: a checkpoint at least every 60 s, also when idle. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(60);

  /** Default capacity of the queue in front of the writer thread. */
  public static final int DEFAULT_QUEUE_CAPACITY = 65_536;

  /** Default bound on waiting for the directory lock (and twice this for an append). */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Sync, 64 MiB files, a checkpoint every 1000 records or 60 s, a heartbeat checkpoint every 60 s,
   * no signing key, no witness.
   */
  public static WriterOptions defaults() {
    return new WriterOptions(
        DEFAULT_DURABILITY,
        DEFAULT_MAX_FILE_BYTES,
        DEFAULT_CHECKPOINT_EVERY_RECORDS,
        DEFAULT_CHECKPOINT_INTERVAL,
        null,
        DEFAULT_QUEUE_CAPACITY,
        DEFAULT_WRITE_TIMEOUT,
        Clock.systemUTC(),
        DEFAULT_HEARTBEAT_INTERVAL,
        null);
  }

  public WriterOptions {
    if (durability == null) {
      throw new IllegalArgumentException("durability must be sync or async");
    }
    if (maxFileBytes < MIN_MAX_FILE_BYTES) {
      throw new IllegalArgumentException(
          "maxFileBytes must be at least " + MIN_MAX_FILE_BYTES + ", was " + maxFileBytes);
    }
    if (checkpointEveryRecords < 1) {
      throw new IllegalArgumentException(
          "checkpointEveryRecords must be at least 1, was " + checkpointEveryRecords);
    }
    if (checkpointInterval == null
        || checkpointInterval.isNegative()
        || checkpointInterval.isZero()) {
      throw new IllegalArgumentException(
          "checkpointInterval must be positive, was " + checkpointInterval);
    }
    if (writeTimeout == null || writeTimeout.isNegative() || writeTimeout.isZero()) {
      throw new IllegalArgumentException("writeTimeout must be positive, was " + writeTimeout);
    }
    if (clock == null) {
      throw new IllegalArgumentException("clock must not be null");
    }
    if (heartbeatInterval == null || heartbeatInterval.isNegative()) {
      throw new IllegalArgumentException(
          "heartbeatInterval must be zero (none) or positive, was " + heartbeatInterval);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
    }
  }

  public WriterOptions withDurability(Durability d) {
    return new WriterOptions(
        d,
        maxFileBytes,
        checkpointEveryRecords,
        checkpointInterval,
        signingKey,
        queueCapacity,
        writeTimeout,
        clock,
        heartbeatInterval,
        witness);
  }

  public WriterOptions withMaxFileBytes(long bytes) {
    return new WriterOptions(
        durability,
        bytes,
        checkpointEveryRecords,
        checkpointInterval,
        signingKey,
        queueCapacity,
        writeTimeout,
        clock,
        heartbeatInterval,
        witness);
  }

  public WriterOptions withCheckpoints(int everyRecords, Duration interval) {
    return new WriterOptions(
        durability,
        maxFileBytes,
        everyRecords,
        interval,
        signingKey,
        queueCapacity,
        writeTimeout,
        clock,
        heartbeatInterval,
        witness);
  }

  public WriterOptions withSigningKey(KeyPair key) {
    return new WriterOptions(
        durability,
        maxFileBytes,
        checkpointEveryRecords,
        checkpointInterval,
        key,
        queueCapacity,
        writeTimeout,
        clock,
        heartbeatInterval,
        witness);
  }

  public WriterOptions withClock(Clock c) {
    return new WriterOptions(
        durability,
        maxFileBytes,
        checkpointEveryRecords,
        checkpointInterval,
        signingKey,
        queueCapacity,
        writeTimeout,
        c,
        heartbeatInterval,
        witness);
  }

  public WriterOptions withWriteTimeout(Duration timeout) {
    return new WriterOptions(
        durability,
        maxFileBytes,
        checkpointEveryRecords,
        checkpointInterval,
        signingKey,
        queueCapacity,
        timeout,
        clock,
        heartbeatInterval,
        witness);
  }

  public WriterOptions withHeartbeat(Duration interval) {
    return new WriterOptions(
        durability,
        maxFileBytes,
        checkpointEveryRecords,
        checkpointInterval,
        signingKey,
        queueCapacity,
        writeTimeout,
        clock,
        interval,
        witness);
  }

  public WriterOptions withWitness(Path dir) {
    return new WriterOptions(
        durability,
        maxFileBytes,
        checkpointEveryRecords,
        checkpointInterval,
        signingKey,
        queueCapacity,
        writeTimeout,
        clock,
        heartbeatInterval,
        dir);
  }
}
