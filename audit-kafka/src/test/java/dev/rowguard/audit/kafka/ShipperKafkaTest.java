package dev.rowguard.audit.kafka;

import static dev.rowguard.audit.kafka.KraftBroker.await;
import static dev.rowguard.audit.kafka.KraftBroker.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.log.AuditLogException;
import dev.rowguard.audit.log.AuditLogWriter;
import dev.rowguard.audit.log.Durability;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogEntry;
import dev.rowguard.audit.log.LogFiles;
import dev.rowguard.audit.log.LogLine;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.audit.log.WriterOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipper against a real KRaft broker in this JVM: what the audit writer wrote arrives whole,
 * in order per writer, across a broker outage and a shipper killed with SIGKILL.
 */
class ShipperKafkaTest {

  private static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");

  private static KraftBroker kafka;

  @TempDir Path tmp;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = KraftBroker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** A writer whose clock starts at T0 and moves 1 ms per reading: no dependence on the day. */
  private static AuditLogWriter writer(Path dir) {
    Clock ticking =
        new Clock() {
          private final AtomicLong ms = new AtomicLong();

          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return T0.plusMillis(ms.incrementAndGet());
          }
        };
    return AuditLogWriter.open(
        dir,
        WriterOptions.defaults()
            .withDurability(Durability.ASYNC)
            .withMaxFileBytes(64 * 1024)
            .withCheckpoints(100, Duration.ofHours(1))
            .withClock(ticking));
  }

  private static void write(AuditLogWriter w, int from, int count) throws AuditLogException {
    for (int i = from; i < from + count; i++) {
      w.append(
          LogEntry.of(RecordKind.DELETE, w.now())
              .put(Fields.DB_SYSTEM, "h2")
              .put(Fields.DB_QUERY_TEXT, "DELETE FROM orders WHERE tenant = ?")
              .put(Fields.AFFECTED_ROWS, 100 + i));
    }
  }

  /** The records of a directory as stored: seq to exact line. */
  private static TreeMap<Long, String> local(Path dir) throws IOException {
    TreeMap<Long, String> lines = new TreeMap<>();
    try (LogReader r = LogReader.open(dir)) {
      for (LogLine l = r.next(); l != null; l = r.next()) {
        LogRecord rec = l.record();
        if (rec != null) {
          lines.put(rec.seq(), l.text());
        }
      }
    }
    return lines;
  }

  private static long lastSeq(Path dir) throws IOException {
    return local(dir).lastKey();
  }

  private static long seq(ConsumerRecord<byte[], byte[]> r) {
    Header h = r.headers().lastHeader(Shipper.SEQ_HEADER);
    return Long.parseLong(text(h.value()));
  }

  /** The topic's records per writer key, in topic order. */
  private static Map<String, List<ConsumerRecord<byte[], byte[]>>> byWriter(String topic) {
    Map<String, List<ConsumerRecord<byte[], byte[]>>> out = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topic)) {
      out.computeIfAbsent(text(r.key()), k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  /** Seq to line after dropping the repeats at-least-once delivery may leave. */
  private static TreeMap<Long, String> deduplicated(List<ConsumerRecord<byte[], byte[]>> records) {
    TreeMap<Long, String> lines = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      String previous = lines.putIfAbsent(seq(r), text(r.value()));
      if (previous != null) {
        assertThat(text(r.value())).as("a repeat of seq %d", seq(r)).isEqualTo(previous);
      }
    }
    return lines;
  }

  private static ShipOptions options(String topic, List<Path> dirs) {
    return ShipOptions.of(kafka.bootstrapServers(), topic, dirs)
        .withPollInterval(Duration.ofMillis(20))
        .withClient(
            Map.of(
                // Give up on a request within seconds, so an outage shows as failed passes
                // that the shipper retries from its stored position.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "3000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000",
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200"));
  }

  private static void awaitShipped(Shipper s, Path dir) throws Exception {
    long last = lastSeq(dir);
    await("shipping " + dir + " up to seq " + last, () -> s.position(dir).seq() >= last);
  }

  @Test
  void producerIsIdempotentWithAcksAll() {
    Map<String, Object> c =
        Shipper.producerConfig(
            ShipOptions.of("localhost:1", "t", List.of(tmp))
                .withClient(Map.of("acks", "1", "enable.idempotence", "false", "linger.ms", "20")));
    assertThat(c)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry("linger.ms", "20");
  }

  @Test
  void threeWritersArriveCompleteAndInOrderPerWriter() throws Exception {
    String topic = kafka.newTopic(3);
    List<Path> dirs = List.of(tmp.resolve("a"), tmp.resolve("b"), tmp.resolve("c"));
    try (Shipper shipper = new Shipper(options(topic, dirs), Clock.systemUTC())) {
      shipper.start();
      List<Thread> threads = new ArrayList<>();
      for (Path dir : dirs) {
        Thread t =
            new Thread(
                () -> {
                  try (AuditLogWriter w = writer(dir)) {
                    for (int i = 0; i < 3000; i += 500) {
                      write(w, i, 500);
                      w.flush(); // a batch per flush, so files rotate at 64 KiB
                    }
                  } catch (AuditLogException e) {
                    throw new IllegalStateException(e);
                  }
                });
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join();
      }
      for (Path dir : dirs) {
        awaitShipped(shipper, dir);
      }
      assertThat(shipper.lagBytes()).isZero();
    }
    Map<String, List<ConsumerRecord<byte[], byte[]>>> topicRecords = byWriter(topic);
    assertThat(topicRecords.keySet())
        .containsExactlyInAnyOrderElementsOf(dirs.stream().map(Shipper::writerKey).toList());
    for (Path dir : dirs) {
      assertThat(LogFiles.list(dir).size()).as("the writer rotated files").isGreaterThan(1);
      List<ConsumerRecord<byte[], byte[]>> mine = topicRecords.get(Shipper.writerKey(dir));
      // One writer, one partition, in the order written: the chain reads back as it was written.
      assertThat(mine.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
      assertThat(mine.stream().map(r -> text(r.value())).toList())
          .containsExactlyElementsOf(local(dir).values());
      assertThat(mine.get(0).timestamp())
          .isEqualTo(LogRecord.parse(text(mine.get(0).value())).ts().toEpochMilli());
    }
  }

  @Test
  void aBrokerOutageLosesNothing() throws Exception {
    String topic = kafka.newTopic(1);
    Path dir = tmp.resolve("outage");
    Instant now = T0.plus(Duration.ofHours(1));
    java.util.concurrent.atomic.AtomicReference<Instant> time =
        new java.util.concurrent.atomic.AtomicReference<>(T0);
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return time.get();
          }
        };
    try (AuditLogWriter w = writer(dir);
        Shipper shipper = new Shipper(options(topic, List.of(dir)), clock)) {
      shipper.start();
      write(w, 0, 1000);
      w.flush();
      awaitShipped(shipper, dir);
      kafka.stopBroker();
      try {
        write(w, 1000, 1000);
        w.flush();
        long failedBefore = shipper.failedPasses();
        await(
            "a failed pass while the broker is down", () -> shipper.failedPasses() > failedBefore);
        write(w, 2000, 1000);
        w.flush();
        // The statements' side did not wait for Kafka: every append above returned and is on
        // disk. The shipper says how far behind it is.
        await("the shipper to see the records it cannot ship", () -> shipper.lagBytes() > 0);
        assertThat(shipper.lagBytes()).isPositive();
        time.set(now);
        Instant lastShipped = LogRecord.parse(local(dir).get(shipper.position(dir).seq())).ts();
        assertThat(shipper.lag(dir)).isEqualTo(Duration.between(lastShipped, now));
        assertThat(shipper.lag()).isEqualTo(shipper.lag(dir));
      } finally {
        kafka.startBroker();
      }
      awaitShipped(shipper, dir);
      await("no lag once caught up", () -> shipper.lag().isZero());
    }
    TreeMap<Long, String> shipped = deduplicated(byWriter(topic).get(Shipper.writerKey(dir)));
    assertThat(shipped).isEqualTo(local(dir));
  }

  @Test
  void aShipperKilledWithSigkillResumesFromItsPosition() throws Exception {
    String topic = kafka.newTopic(1);
    Path dir = tmp.resolve("killed");
    ShipPosition atKill;
    try (AuditLogWriter w = writer(dir)) {
      write(w, 0, 2000);
      w.flush();
      Process child = startShipperProcess(topic, dir);
      try {
        await(
            "the shipper process to ship a first batch",
            () -> {
              try {
                return ShipPosition.load(dir).map(p -> p.seq() > 0).orElse(false);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
        write(w, 2000, 2000);
        w.flush();
      } finally {
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
        child.waitFor();
      }
      atKill = ShipPosition.load(dir).orElseThrow();
      write(w, 4000, 1000);
      w.flush();
      try (Shipper again = new Shipper(options(topic, List.of(dir)), Clock.systemUTC())) {
        assertThat(again.position(dir)).isEqualTo(atKill);
        again.start();
        awaitShipped(again, dir);
      }
    }
    List<ConsumerRecord<byte[], byte[]>> records = byWriter(topic).get(Shipper.writerKey(dir));
    assertThat(deduplicated(records)).isEqualTo(local(dir));
    // At least once: a record is sent twice only if it was after the position stored at the kill.
    long killedAt = atKill.seq();
    Map<Long, Integer> times = new HashMap<>();
    records.forEach(r -> times.merge(seq(r), 1, Integer::sum));
    times.forEach(
        (seq, n) -> {
          if (n > 1) {
            assertThat(seq).as("seq %d sent %d times", seq, n).isGreaterThan(killedAt);
          }
        });
  }

  private static Process startShipperProcess(String topic, Path dir) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd =
        List.of(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "-D" + ShipOptions.BOOTSTRAP_SERVERS + "=" + kafka.bootstrapServers(),
            "-D" + ShipOptions.TOPIC + "=" + topic,
            "-D" + ShipOptions.DIRS + "=" + dir,
            "-D" + ShipOptions.POLL_INTERVAL + "=20",
            ShipperMain.class.getName());
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolveSibling("shipper-process.out").toFile())
        .start();
  }
}
