package dev.rowguard.audit.kafka;

import dev.rowguard.audit.log.ShippedLogSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads back what {@link Shipper} sent: {@code kafka://host:port[,host:port...]/topic}. Every
 * partition is read from the first offset whose timestamp (the record's {@code ts}) is at or after
 * {@code from} ({@code offsetsForTimes}), or from its beginning, to its end offset as of the start,
 * and then the read stops. A writer's records are in one partition, in order; they may repeat (the
 * reader drops a seq it has seen).
 *
 * <p>Found by {@link java.util.ServiceLoader} ({@code META-INF/services}), so that {@code rowguard
 * audit verify}, {@code timeline} and {@code stats} read a topic when this module is on their class
 * path and need no Kafka client otherwise.
 */
public final class TopicSource implements ShippedLogSource {

  /** The URI scheme. */
  public static final String SCHEME = "kafka";

  /** How long the broker may take to answer, unless {@code default.api.timeout.ms} is given. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  /** The parts of a {@code kafka://} URI. */
  record Address(String bootstrapServers, String topic) {

    static Address parse(String uri) {
      String prefix = SCHEME + "://";
      if (!uri.startsWith(prefix)) {
        throw new IllegalArgumentException(uri + " is not a kafka:// URI");
      }
      String rest = uri.substring(prefix.length());
      int slash = rest.indexOf('/');
      String servers = slash < 0 ? rest : rest.substring(0, slash);
      String topic = slash < 0 ? "" : rest.substring(slash + 1);
      if (servers.isEmpty() || topic.isEmpty() || topic.contains("/")) {
        throw new IllegalArgumentException(
            uri
                + " is not a Kafka source: write kafka://host:port/topic (servers comma-separated)");
      }
      return new Address(servers, topic);
    }
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public String writerKey(Path dir) {
    return Shipper.writerKey(dir);
  }

  @Override
  public void read(String uri, Map<String, String> properties, @Nullable Instant from, Sink sink)
      throws IOException {
    Address a = Address.parse(uri);
    Map<String, Object> c = new HashMap<>(properties);
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, a.bootstrapServers());
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) DEFAULT_TIMEOUT.toMillis());
    c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "rowguard-audit-read");
    Duration timeout =
        Duration.ofMillis(
            Long.parseLong(String.valueOf(c.get(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG))));
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
      List<TopicPartition> parts = partitions(consumer, a, timeout);
      consumer.assign(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
      Map<TopicPartition, Long> start = start(consumer, parts, from, end, timeout);
      List<TopicPartition> open = new ArrayList<>();
      for (TopicPartition tp : parts) {
        long first = start.getOrDefault(tp, 0L);
        if (first < end.getOrDefault(tp, 0L)) {
          consumer.seek(tp, first);
          open.add(tp);
        }
      }
      consumer.assign(open);
      long quietSince = System.nanoTime();
      while (!open.isEmpty()) {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (r.offset() >= end.getOrDefault(tp, 0L)) {
            continue;
          }
          n++;
          byte[] key = r.key();
          sink.record(
              key == null ? "" : new String(key, StandardCharsets.UTF_8),
              r.topic() + "-" + r.partition() + "@" + r.offset(),
              r.value() == null ? new byte[0] : r.value());
        }
        if (open.removeIf(tp -> consumer.position(tp, timeout) >= end.getOrDefault(tp, 0L))) {
          consumer.assign(open);
        }
        if (n > 0) {
          quietSince = System.nanoTime();
        } else if (System.nanoTime() - quietSince > timeout.toNanos()) {
          throw new IOException(
              uri
                  + ": no records arrived for "
                  + timeout.toSeconds()
                  + " s before the end offsets were reached; is the broker still up?");
        }
      }
    } catch (KafkaException e) {
      throw new IOException(
          uri
              + ": "
              + e.getMessage()
              + " (check the servers and the security settings, --kafka-property KEY=VALUE)",
          e);
    }
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<byte[], byte[]> consumer, Address a, Duration timeout) throws IOException {
    Set<String> topics;
    try {
      topics = consumer.listTopics(timeout).keySet();
    } catch (TimeoutException e) {
      throw new IOException(
          "kafka://"
              + a.bootstrapServers()
              + " did not answer within "
              + timeout.toSeconds()
              + " s: check the host and port, that the broker runs, and the security settings"
              + " (--kafka-property security.protocol=..., default.api.timeout.ms=...)",
          e);
    }
    if (!topics.contains(a.topic())) {
      throw new IOException(
          "kafka://"
              + a.bootstrapServers()
              + " has no topic "
              + a.topic()
              + ": give the topic rowguard.audit.ship.kafka.topic names");
    }
    List<TopicPartition> parts = new ArrayList<>();
    for (PartitionInfo p : consumer.partitionsFor(a.topic(), timeout)) {
      parts.add(new TopicPartition(a.topic(), p.partition()));
    }
    parts.sort(Comparator.comparingInt(TopicPartition::partition));
    return parts;
  }

  /** Where each partition's read starts: the first offset at or after {@code from}, else 0. */
  private static Map<TopicPartition, Long> start(
      KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> parts,
      @Nullable Instant from,
      Map<TopicPartition, Long> end,
      Duration timeout) {
    Map<TopicPartition, Long> start = new HashMap<>();
    if (from == null) {
      start.putAll(consumer.beginningOffsets(parts, timeout));
      return start;
    }
    Map<TopicPartition, Long> times = new HashMap<>();
    for (TopicPartition tp : parts) {
      times.put(tp, from.toEpochMilli());
    }
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, timeout);
    for (TopicPartition tp : parts) {
      OffsetAndTimestamp o = found.get(tp);
      start.put(tp, o == null ? end.getOrDefault(tp, 0L) : o.offset());
    }
    return start;
  }
}
