package dev.rowguard.audit.kafka;

import dev.rowguard.audit.log.AuditLogException;
import dev.rowguard.audit.log.AuditLogWriter;
import dev.rowguard.audit.log.Durability;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogEntry;
import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.audit.log.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Benchmark (not a test; {@code bench/audit-ship-bench.sh} runs it): the shipper against a KRaft
 * broker in this JVM.
 *
 * <ol>
 *   <li><b>Throughput</b>: a log of {@code RECORDS} records written beforehand (a spool a shipper
 *       finds after an outage) is shipped from position 0; records per second until Kafka
 *       acknowledged the last one.
 *   <li><b>Lag</b>: a writer appends at {@code RATE} records per second for {@code SECONDS} while
 *       the shipper ships and a consumer reads the topic; the end-to-end lag of a record is the
 *       time from its {@code ts} (taken by the writer when appended) to the consumer receiving it.
 * </ol>
 *
 * Arguments: {@code RECORDS RATE SECONDS [KEY=VALUE...]}, the last ones producer settings passed to
 * the shipper ({@code batch.size=16384} measures Kafka's default batch).
 */
public final class ShipBench {

  /** Producer settings from the command line. */
  private static final Map<String, String> CLIENT = new HashMap<>();

  private ShipBench() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    for (int i = 3; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      CLIENT.put(kv[0], kv[1]);
    }
    Path work = Files.createTempDirectory("rowguard-ship-bench");
    try (KraftBroker kafka = KraftBroker.start()) {
      kafka.createTopic("bench", 1);
      kafka.createTopic("lag", 1);
      throughput(kafka, work.resolve("spool"), records);
      lag(kafka, work.resolve("live"), rate, seconds);
    }
  }

  private static AuditLogWriter writer(Path dir) {
    return AuditLogWriter.open(
        dir,
        WriterOptions.defaults()
            .withDurability(Durability.ASYNC)
            .withMaxFileBytes(64L << 20)
            .withCheckpoints(1000, Duration.ofSeconds(60)));
  }

  private static LogEntry entry(AuditLogWriter w, int i) {
    return LogEntry.of(RecordKind.DELETE, w.now())
        .put(Fields.DB_SYSTEM, "postgresql")
        .put(Fields.DB_COLLECTION, "orders")
        .put(Fields.DB_QUERY_TEXT, "DELETE FROM orders WHERE tenant_id = ? AND created < ?")
        .put(Fields.AFFECTED_ROWS, 100 + i % 1000)
        .put(Fields.TRIGGER, "row_threshold")
        .put(Fields.CODE_FUNCTION, "com.example.OrderArchiver.archive")
        .put(Fields.CODE_LINE, 31);
  }

  private static void throughput(KraftBroker kafka, Path dir, int records) throws Exception {
    try (AuditLogWriter w = writer(dir)) {
      for (int i = 0; i < records; i++) {
        w.append(entry(w, i));
      }
    }
    long bytes = 0;
    for (Path f : dev.rowguard.audit.log.LogFiles.list(dir)) {
      bytes += Files.size(f);
    }
    // A short warm-up pass on another topic would ship other records; the first batches are the
    // JIT's, and 1M records make them a small part of the total.
    try (Shipper s =
        new Shipper(
            ShipOptions.of(kafka.bootstrapServers(), "bench", List.of(dir)).withClient(CLIENT),
            clock())) {
      long start = System.nanoTime();
      long shipped = 0;
      for (int n = s.shipOnce(); n > 0; n = s.shipOnce()) {
        shipped += n;
      }
      double secs = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "throughput "
              + CLIENT
              + ": %,d records (%.1f MB of log) shipped in %.2f s: %,.0f records/s, %.1f MB/s%n",
          shipped,
          bytes / 1e6,
          secs,
          shipped / secs,
          bytes / 1e6 / secs);
    }
  }

  private static void lag(KraftBroker kafka, Path dir, int rate, int seconds) throws Exception {
    int total = rate * seconds;
    long[] lagMicros = new long[total + 100_000];
    int[] seen = {0};
    AtomicBoolean done = new AtomicBoolean();
    Thread consumerThread =
        new Thread(
            () -> {
              try (KafkaConsumer<byte[], byte[]> c = consumer(kafka)) {
                TopicPartition tp = new TopicPartition("lag", 0);
                c.assign(List.of(tp));
                c.seekToBeginning(List.of(tp));
                while (!done.get()) {
                  for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(50))) {
                    long now = Clock.systemUTC().instant().toEpochMilli() * 1000;
                    if (seen[0] < lagMicros.length) {
                      lagMicros[seen[0]++] = now - r.timestamp() * 1000;
                    }
                  }
                }
              }
            },
            "bench-consumer");
    consumerThread.start();
    try (AuditLogWriter w = writer(dir);
        Shipper s =
            new Shipper(
                ShipOptions.of(kafka.bootstrapServers(), "lag", List.of(dir))
                    .withClient(CLIENT)
                    .withPollInterval(Duration.ofMillis(10)),
                clock())) {
      s.start();
      long start = System.nanoTime();
      for (int i = 0; i < total; i++) {
        // Paced in steps of 1 ms: the writer runs at RATE, not as fast as it can.
        long due = start + (long) (i * 1e9 / rate);
        while (System.nanoTime() < due) {
          Thread.onSpinWait();
        }
        w.append(entry(w, i));
      }
      double wrote = (System.nanoTime() - start) / 1e9;
      w.flush();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (seen[0] < total && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      done.set(true);
      consumerThread.join();
      long[] l = Arrays.copyOf(lagMicros, Math.min(seen[0], lagMicros.length));
      Arrays.sort(l);
      System.out.printf(
          Locale.ROOT,
          "lag "
              + CLIENT
              + ": %,d records appended in %.2f s (%,.0f records/s asked %,d), %,d consumed;"
              + " end-to-end lag (append ts to consumer) p50 %.0f ms, p99 %.0f ms, max %.0f ms;"
              + " shipper failed passes %d%n",
          total,
          wrote,
          total / wrote,
          rate,
          l.length,
          pct(l, 0.50) / 1e3,
          pct(l, 0.99) / 1e3,
          l.length == 0 ? 0 : l[l.length - 1] / 1e3,
          s.failedPasses());
    } catch (AuditLogException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
  }

  private static KafkaConsumer<byte[], byte[]> consumer(KraftBroker kafka) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(c);
  }

  private static Clock clock() {
    return Clock.systemUTC();
  }
}
