package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.kafka.KraftBroker;
import dev.rowguard.audit.kafka.ShipOptions;
import dev.rowguard.audit.kafka.ShipPosition;
import dev.rowguard.audit.kafka.Shipper;
import dev.rowguard.audit.log.LogFiles;
import dev.rowguard.audit.log.LogLine;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.cli.report.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify, timeline and stats reading {@code kafka://host:port/topic}: logs written by the real
 * audit module, shipped by the real shipper to a real KRaft broker in this JVM, read back through
 * audit-kafka's source (found by ServiceLoader, as the rowguard jar finds it on its class path).
 */
class KafkaSourceTest {

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

  private static String uri(String topic) {
    return "kafka://" + kafka.bootstrapServers() + "/" + topic;
  }

  /** Three writers: an incident through AuditedDataSource on H2, and two hosts' logs. */
  private List<Path> fleet() throws Exception {
    Path incident = IncidentLogs.incident(tmp).log();
    Path a = IncidentLogs.host(tmp, "app-1", T0, T0.plusSeconds(20), T0.plusSeconds(40));
    Path b = IncidentLogs.host(tmp, "app-2", T0.plusSeconds(10), T0.plusSeconds(30));
    return List.of(incident, a, b);
  }

  /** Ships every record of {@code dirs} to {@code topic}, in this thread, until caught up. */
  private static void ship(String topic, List<Path> dirs) throws Exception {
    try (Shipper s = new Shipper(ShipOptions.of(kafka.bootstrapServers(), topic, dirs), clock())) {
      while (s.shipOnce() > 0) {
        // next batch
      }
    }
  }

  private static Clock clock() {
    return Clock.fixed(T0, java.time.ZoneOffset.UTC);
  }

  private static List<String> args(String first, List<?> rest, String... more) {
    List<String> a = new ArrayList<>(List.of(first.split(" ")));
    rest.forEach(r -> a.add(r.toString()));
    a.addAll(List.of(more));
    return a;
  }

  private static CliRun run(List<String> args) {
    return CliRun.run(args.toArray(String[]::new));
  }

  @Test
  void theTimelineOverTheTopicIsTheTimelineOverTheDirectories() throws Exception {
    String topic = kafka.newTopic(2);
    List<Path> dirs = fleet();
    ship(topic, dirs);
    sameOverTopicAsOverDirectories("audit timeline --format text", topic, dirs);
    sameOverTopicAsOverDirectories("audit timeline --format json", topic, dirs);
    sameOverTopicAsOverDirectories("audit stats", topic, dirs);
  }

  /** {@code command} prints the same over the topic as over the directories shipped to it. */
  private static String sameOverTopicAsOverDirectories(
      String command, String topic, List<Path> dirs) {
    CliRun fromDirs = run(args(command, dirs));
    CliRun fromTopic = run(args(command, List.of(uri(topic))));
    assertThat(fromDirs.exit()).as(fromDirs.err()).isZero();
    assertThat(fromTopic.exit()).as(fromTopic.err()).isZero();
    assertThat(fromTopic.out()).isNotBlank().isEqualTo(fromDirs.out());
    return fromTopic.out();
  }

  @Test
  void fromIsMappedToOffsetsByTime() throws Exception {
    String topic = kafka.newTopic(1);
    List<Path> dirs = fleet();
    ship(topic, dirs);
    String from = T0.plusSeconds(15).toString();
    assertThat(
            sameOverTopicAsOverDirectories(
                "audit timeline --format json --from " + from, topic, dirs))
        .contains("app-1-tx2")
        .doesNotContain("app-1-tx1");
  }

  @Test
  void verifyFromTheTopicIsIntactAndDropsRepeatedDeliveries() throws Exception {
    String topic = kafka.newTopic(2);
    List<Path> dirs = fleet();
    ship(topic, dirs);
    // At least once: a shipper that lost its position sends everything again.
    for (Path dir : dirs) {
      Files.delete(dir.resolve(ShipPosition.FILE_NAME));
    }
    ship(topic, dirs);
    assertThat(kafka.readAll(topic)).hasSize(2 * records(dirs));

    CliRun r = run(List.of("audit", "verify", uri(topic)));

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    for (Path dir : dirs) {
      assertThat(r.out())
          .contains(uri(topic) + " " + Shipper.writerKey(dir) + ": intact (1 file(s), ");
    }
    assertThat(r.out().lines().filter(l -> l.contains(": intact"))).hasSize(3);
  }

  @Test
  void verifyFromTheTopicReportsAMissingRecord() throws Exception {
    String topic = kafka.newTopic(1);
    Path dir = IncidentLogs.host(tmp, "app-1", T0, T0.plusSeconds(20), T0.plusSeconds(40));
    List<String> lines = lines(dir);
    // Records of the log as a shipper would send them, but seq 3 never arrived.
    try (KafkaProducer<byte[], byte[]> p = producer()) {
      for (int i = 0; i < lines.size(); i++) {
        if (i != 2) {
          p.send(
              new ProducerRecord<>(
                  topic,
                  Shipper.writerKey(dir).getBytes(StandardCharsets.UTF_8),
                  lines.get(i).getBytes(StandardCharsets.UTF_8)));
        }
      }
    }

    CliRun r = run(List.of("audit", "verify", uri(topic)));

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains(uri(topic) + " " + Shipper.writerKey(dir) + ": BROKEN")
        .contains("first break: deleted record at " + topic + "-0@2 (seq 4): seq 3 deleted");
  }

  @Test
  void aTruncatedLocalTailIsReportedThroughTheTopic() throws Exception {
    String topic = kafka.newTopic(1);
    Path dir = tmp.resolve("app");
    // A checkpoint every 2 records, so that the witness has one beyond a cut-off tail.
    try (var w =
        dev.rowguard.audit.log.AuditLogWriter.open(
            dir,
            dev.rowguard.audit.log.WriterOptions.defaults()
                .withCheckpoints(2, java.time.Duration.ofHours(1)))) {
      for (int i = 0; i < 6; i++) {
        w.append(
            IncidentLogs.statement(
                T0.plusSeconds(i), "app", "tx" + i, "orders", 500, Map.of("tenant", "t")));
      }
    }
    ship(topic, List.of(dir));
    CliRun before = run(List.of("audit", "verify", dir.toString(), "--witness", uri(topic)));
    assertThat(before.exit()).as(before.out() + before.err()).isZero();

    // Cut the log back to its first 3 lines: the chain that remains is intact.
    Path file = LogFiles.list(dir).get(0);
    List<String> kept = Files.readAllLines(file).subList(0, 3);
    Files.write(file, kept);
    assertThat(run(List.of("audit", "verify", dir.toString())).exit()).isZero();

    CliRun after = run(List.of("audit", "verify", dir.toString(), "--witness", uri(topic)));

    assertThat(after.exit()).as(after.out() + after.err()).isEqualTo(1);
    assertThat(after.out()).contains(dir + ": BROKEN").contains("newest records missing");
  }

  @Test
  void threeWritersInTwoProcessesShipConcurrentlyAndNothingIsLostOrRepeated() throws Exception {
    String topic = kafka.newTopic(3);
    Path a = tmp.resolve("first-a");
    Path b = tmp.resolve("second-b");
    Path c = tmp.resolve("second-c");
    Path childOut = tmp.resolve("second-process.out");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ShippingWriters.class.getName(),
                kafka.bootstrapServers(),
                topic,
                b.toString(),
                c.toString())
            .redirectErrorStream(true)
            .redirectOutput(childOut.toFile())
            .start();
    try {
      ShippingWriters.run(kafka.bootstrapServers(), topic, List.of(a));
      assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the second process ended").isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.exitValue()).as(Files.readString(childOut)).isZero();

    CliRun r = run(List.of("audit", "verify", uri(topic)));

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    for (Path dir : List.of(a, b, c)) {
      int n = lines(dir).size();
      assertThat(n).isGreaterThan(ShippingWriters.RECORDS);
      assertThat(r.out())
          .contains(
              String.format(
                  Locale.ROOT,
                  "%s %s: intact (1 file(s), %,d records, seq 1..%d,",
                  uri(topic),
                  Shipper.writerKey(dir),
                  n,
                  n));
    }
    sameOverTopicAsOverDirectories("audit stats", topic, List.of(a, b, c));
  }

  @Test
  void badSourcesAreOneLineAndExitTwo() throws Exception {
    kafka.newTopic(1);
    CliRun unknown = run(List.of("audit", "verify", uri("no-such-topic")));
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err().strip())
        .startsWith(
            "rowguard audit verify: kafka://"
                + kafka.bootstrapServers()
                + " has no topic no-such-topic: ")
        .doesNotContain("\n");

    CliRun unreachable =
        run(
            List.of(
                "audit",
                "timeline",
                "kafka://localhost:1/audit",
                "--kafka-property",
                "default.api.timeout.ms=1000"));
    assertThat(unreachable.exit()).isEqualTo(2);
    assertThat(unreachable.err().strip())
        .contains("kafka://localhost:1 did not answer within 1 s")
        .doesNotContain("\n");

    CliRun notAUri = run(List.of("audit", "stats", "kafka://localhost:1"));
    assertThat(notAUri.exit()).isEqualTo(2);
    assertThat(notAUri.err()).contains("write kafka://host:port/topic");

    CliRun otherScheme = run(List.of("audit", "stats", "s3://bucket/audit"));
    assertThat(otherScheme.exit()).isEqualTo(2);
    assertThat(otherScheme.err()).contains("reading s3:// sources needs");
  }

  private static int records(List<Path> dirs) throws Exception {
    int n = 0;
    for (Path d : dirs) {
      n += lines(d).size();
    }
    return n;
  }

  private static List<String> lines(Path dir) throws Exception {
    List<String> out = new ArrayList<>();
    try (LogReader r = LogReader.open(dir)) {
      for (LogLine l = r.next(); l != null; l = r.next()) {
        if (l.record() != null) {
          out.add(l.text());
        }
      }
    }
    return out;
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class));
  }
}
