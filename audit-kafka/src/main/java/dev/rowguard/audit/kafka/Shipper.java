package dev.rowguard.audit.kafka;

import dev.rowguard.audit.log.LogFiles;
import dev.rowguard.audit.log.LogLine;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships log directories to a Kafka topic, at least once: it tails each directory's files with
 * {@link LogReader} from the {@link ShipPosition} stored in the directory, sends every record
 * (checkpoints included) as its exact line, and stores the new position only after Kafka
 * acknowledged the whole batch ({@code acks=all}, idempotent producer). A broker outage, a full
 * client buffer or a restart therefore never drops a record: the log is the spool, and what was
 * sent but not yet acknowledged when the shipper stopped is sent again (readers deduplicate by
 * {@code seq}).
 *
 * <p>Each record's key is its writer, {@link #writerKey(Path) host and log directory}, so one
 * directory's chain stays in order in one partition; its timestamp is the record's {@code ts}, so
 * readers find a time range with {@code offsetsForTimes}; header {@value #SEQ_HEADER} carries its
 * seq. The shipper runs on its own thread, never on a statement's path; {@link #lagBytes()} and a
 * log line every {@link ShipOptions#logInterval()} say how far behind it is.
 */
public final class Shipper implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Shipper.class);

  /** Header with the record's seq, decimal ASCII. */
  public static final String SEQ_HEADER = "rowguard.seq";

  /** Records read and sent before the shipper waits for their acknowledgement. */
  static final int MAX_BATCH = 20_000;

  /** The producer's {@code batch.size} unless given: 1 MiB. */
  static final int BATCH_BYTES = 1 << 20;

  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(30);

  private final ShipOptions options;
  private final Clock clock;
  private final List<Source> sources = new ArrayList<>();
  private @Nullable Producer<byte[], byte[]> producer;
  private final AtomicLong shipped = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean running = true;
  private @Nullable Thread thread;
  private Instant nextLog;
  private long shippedAtLastLog;

  /** One directory being shipped. */
  private static final class Source {
    final Path dir;
    final byte[] key;
    volatile ShipPosition position;
    volatile long lagBytes;

    /** The {@code ts} of the newest record Kafka acknowledged; null before the first. */
    volatile @Nullable Instant shippedTs;

    /** When this source was last seen caught up (or the shipper started). */
    volatile Instant caughtUpAt;

    boolean warnedForeign;
    boolean warnedShrunk;

    Source(Path dir, ShipPosition position, Instant now) {
      this.dir = dir;
      this.caughtUpAt = now;
      this.key = writerKey(dir).getBytes(StandardCharsets.UTF_8);
      this.position = position;
    }
  }

  /** A shipper of {@code options.dirs()}; {@link #start()} runs it, or call {@link #shipOnce()}. */
  public Shipper(ShipOptions options, Clock clock) throws IOException {
    this.options = options;
    this.clock = clock;
    for (Path dir : options.dirs()) {
      Files.createDirectories(dir);
      sources.add(
          new Source(dir, ShipPosition.load(dir).orElse(ShipPosition.START), clock.instant()));
    }
    this.nextLog = clock.instant().plus(options.logInterval());
  }

  /** Starts shipping {@code options.dirs()} on a daemon thread. */
  public static Shipper start(ShipOptions options) throws IOException {
    Shipper s = new Shipper(options, Clock.systemUTC());
    s.start();
    return s;
  }

  /** Runs the shipping loop on a daemon thread {@code rowguard-audit-ship}. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    Thread t = new Thread(this::run, "rowguard-audit-ship");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /**
   * The Kafka key of a directory's records: {@code host:absolute-directory}. The pid is not part of
   * it: a restarted application continues the same chain in the same directory (every record
   * carries its writer's pid).
   */
  public static String writerKey(Path dir) {
    return Origin.HOST + ":" + dir.toAbsolutePath().normalize();
  }

  /** Records acknowledged by Kafka since this shipper started. */
  public long shippedRecords() {
    return shipped.get();
  }

  /**
   * Passes that failed (Kafka did not acknowledge, or a log could not be read) since this shipper
   * started; each is retried from the stored position.
   */
  public long failedPasses() {
    return failures.get();
  }

  /** Bytes of log files not yet shipped, over every directory, as of the last pass. */
  public long lagBytes() {
    long sum = 0;
    for (Source s : sources) {
      sum += s.lagBytes;
    }
    return sum;
  }

  /**
   * How far behind the shipper is, over every directory: zero when everything written is
   * acknowledged, else how long ago the newest acknowledged record of the most-behind directory was
   * written (an upper bound of the age of its oldest unshipped record; before any acknowledgement,
   * the time since the shipper started). It is as of the last pass: a shipper stuck in a pass (a
   * broker away) keeps the lag it had, while {@link #lagBytes()} keeps growing only at the next
   * pass, so monitor both with {@link #failedPasses()}.
   */
  public Duration lag() {
    Instant now = clock.instant();
    Duration max = Duration.ZERO;
    for (Source s : sources) {
      Duration d = lag(s, now);
      if (d.compareTo(max) > 0) {
        max = d;
      }
    }
    return max;
  }

  /** {@link #lag()} of one directory (one of {@link ShipOptions#dirs()}). */
  public Duration lag(Path dir) {
    return lag(source(dir), clock.instant());
  }

  private static Duration lag(Source s, Instant now) {
    if (s.lagBytes == 0) {
      return Duration.ZERO;
    }
    Instant ts = s.shippedTs;
    Instant since = ts == null || ts.isBefore(s.caughtUpAt) ? s.caughtUpAt : ts;
    return now.isAfter(since) ? Duration.between(since, now) : Duration.ZERO;
  }

  private Source source(Path dir) {
    for (Source s : sources) {
      if (s.dir.equals(dir)) {
        return s;
      }
    }
    throw new IllegalArgumentException(dir + " is not shipped by this shipper");
  }

  /** The position acknowledged for {@code dir} (one of {@link ShipOptions#dirs()}). */
  public ShipPosition position(Path dir) {
    return source(dir).position;
  }

  private void run() {
    Duration pause = RETRY_PAUSE;
    while (running) {
      try {
        if (shipOnce() == 0) {
          Thread.sleep(options.pollInterval().toMillis());
        }
        pause = RETRY_PAUSE;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        failures.incrementAndGet();
        LOG.warn(
            "rowguard audit ship to {}: {}; retrying from the stored position in {} ({} bytes"
                + " behind)",
            options.topic(),
            e.toString(),
            pause,
            lagBytes());
        closeProducer(Duration.ZERO);
        try {
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
        // An outage retried every second would fill the application's log: back off to 30 s.
        pause =
            pause.multipliedBy(2).compareTo(MAX_RETRY_PAUSE) > 0
                ? MAX_RETRY_PAUSE
                : pause.multipliedBy(2);
      }
      maybeLog();
    }
  }

  /**
   * One pass: ships up to {@link #MAX_BATCH} records of each directory and waits for their
   * acknowledgement before storing the new positions.
   *
   * @return records shipped plus lines passed over that are not records; 0 when caught up
   * @throws IOException if a log or position could not be read or written
   * @throws org.apache.kafka.common.KafkaException if Kafka did not acknowledge a record (nothing
   *     of that batch counts as shipped)
   */
  public int shipOnce() throws IOException, InterruptedException {
    int n = 0;
    for (Source s : sources) {
      n += shipBatch(s);
    }
    return n;
  }

  private int shipBatch(Source s) throws IOException, InterruptedException {
    ShipPosition pos = s.position;
    List<Path> files = new ArrayList<>();
    long lag = 0;
    for (Path f : LogFiles.list(s.dir)) {
      if (LogFiles.number(f) >= pos.file()) {
        files.add(f);
        long size = Files.size(f);
        lag += LogFiles.number(f) == pos.file() ? Math.max(0, size - pos.offset()) : size;
        if (LogFiles.number(f) == pos.file() && size < pos.offset() && !s.warnedShrunk) {
          s.warnedShrunk = true;
          LOG.error(
              "rowguard audit ship: {} is shorter ({} bytes) than what was shipped of it ({}"
                  + " bytes): its tail was cut off after shipping; Kafka holds the shipped"
                  + " records",
              f,
              size,
              pos.offset());
        }
      }
    }
    s.lagBytes = lag;
    if (lag == 0) {
      s.caughtUpAt = clock.instant();
    }
    if (files.isEmpty()) {
      return 0;
    }
    Path last = files.get(files.size() - 1);
    long start = LogFiles.number(files.get(0)) == pos.file() ? pos.offset() : 0;
    Producer<byte[], byte[]> p = producer();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    ShipPosition next = pos;
    Instant lastTs = null;
    try (LogReader r = LogReader.open(files, start)) {
      for (LogLine l = r.next(); l != null && sent.size() < MAX_BATCH; l = r.next()) {
        if (!l.terminated() && l.file().equals(last)) {
          break; // the writer is in the middle of this line
        }
        long file = LogFiles.number(l.file());
        LogRecord rec = l.record();
        if (rec != null && l.terminated()) {
          Future<RecordMetadata> f = p.send(toKafka(s, rec, l.text()));
          sent.add(f);
          if (f.isDone()) {
            // A send that failed at once (no metadata within max.block.ms while the broker is
            // away) fails the pass now: the next sends would each wait as long again.
            acknowledged(f);
          }
          next = new ShipPosition(file, r.offset(), rec.seq());
          lastTs = rec.ts();
        } else {
          if (l.type() == LogLine.Type.FOREIGN && !s.warnedForeign) {
            s.warnedForeign = true;
            LOG.warn(
                "rowguard audit ship: {} is not an audit record; not shipped (rowguard audit"
                    + " verify {} says more)",
                l.where(),
                s.dir);
          }
          next = new ShipPosition(file, r.offset(), next.seq());
        }
      }
    }
    if (next.equals(pos)) {
      return 0;
    }
    p.flush();
    for (Future<RecordMetadata> f : sent) {
      acknowledged(f);
    }
    next.store(s.dir);
    s.position = next;
    s.lagBytes = Math.max(0, lag - bytesBetween(pos, next, files));
    if (lastTs != null) {
      s.shippedTs = lastTs;
    }
    shipped.addAndGet(sent.size());
    return sent.size() + (sent.isEmpty() ? 1 : 0);
  }

  private static void acknowledged(Future<RecordMetadata> f) throws InterruptedException {
    try {
      f.get();
    } catch (ExecutionException e) {
      throw new org.apache.kafka.common.KafkaException(
          "not acknowledged: " + e.getCause(), e.getCause());
    }
  }

  /** Bytes from {@code from} to {@code to} over {@code files} (those from {@code from.file()}). */
  private static long bytesBetween(ShipPosition from, ShipPosition to, List<Path> files)
      throws IOException {
    long sum = 0;
    for (Path f : files) {
      long n = LogFiles.number(f);
      if (n > to.file()) {
        break;
      }
      long begin = n == from.file() ? from.offset() : 0;
      long end = n == to.file() ? to.offset() : Files.size(f);
      sum += Math.max(0, end - begin);
    }
    return sum;
  }

  private ProducerRecord<byte[], byte[]> toKafka(Source s, LogRecord rec, String line) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        new RecordHeader(SEQ_HEADER, Long.toString(rec.seq()).getBytes(StandardCharsets.US_ASCII)));
    return new ProducerRecord<>(
        options.topic(),
        null,
        rec.ts().toEpochMilli(),
        s.key,
        line.getBytes(StandardCharsets.UTF_8),
        headers);
  }

  private Producer<byte[], byte[]> producer() {
    Producer<byte[], byte[]> p = producer;
    if (p == null) {
      p = new KafkaProducer<>(producerConfig(options));
      producer = p;
    }
    return p;
  }

  /** The producer's configuration: the pass-through properties, then what the shipper needs. */
  static Map<String, Object> producerConfig(ShipOptions options) {
    Map<String, Object> c = new HashMap<>(options.client());
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    c.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    // Audit lines are about 0.5 KB: Kafka's 16 KB batches would hold 32 of them, and five such
    // requests in flight per partition bound a catch-up to a few 10k records/s (PERFORMANCE.md).
    c.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
    c.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    c.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "rowguard-audit-ship-" + Origin.HOST);
    return c;
  }

  private void maybeLog() {
    Instant now = clock.instant();
    if (now.isBefore(nextLog)) {
      return;
    }
    nextLog = now.plus(options.logInterval());
    long total = shipped.get();
    Map<String, Long> seqs = new LinkedHashMap<>();
    for (Source s : sources) {
      seqs.put(s.dir.toString(), s.position.seq());
    }
    LOG.info(
        "rowguard audit ship to {}: {} records shipped in the last {} ({} in all), {} bytes"
            + " behind, lag {}, {} failed passes; last shipped seq per directory {}",
        options.topic(),
        total - shippedAtLastLog,
        options.logInterval(),
        total,
        lagBytes(),
        lag(),
        failures.get(),
        seqs);
    shippedAtLastLog = total;
  }

  private void closeProducer(Duration timeout) {
    Producer<byte[], byte[]> p = producer;
    producer = null;
    if (p != null) {
      try {
        p.close(timeout);
      } catch (RuntimeException e) {
        LOG.debug("closing the Kafka producer", e);
      }
    }
  }

  /** Stops the loop after its current batch and closes the producer. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    Thread t = thread;
    if (t != null) {
      t.join(30_000);
    }
    closeProducer(Duration.ofSeconds(5));
  }
}
