package dev.rowguard.audit.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the shipper is told, from {@code rowguard.audit.ship.kafka.*} properties (docs/FLEET.md
 * holds the table). This class is the one place those names, defaults and checks are written: the
 * shipper runs beside the application (in its JVM through {@link Shipper#start} or as its own
 * process through {@link ShipperMain}), so the options live with it rather than in {@code
 * AuditOption}, which would pull kafka-clients into every audited application.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param topic the topic every record goes to
 * @param dirs the log directories to ship, each one writer's chain
 * @param client further Kafka producer properties, passed through (security settings, {@code
 *     linger.ms}, ...); {@code acks}, {@code enable.idempotence} and the serializers are the
 *     shipper's
 * @param pollInterval how long the shipper sleeps when it has caught up
 * @param logInterval how often it logs its progress and lag
 */
public record ShipOptions(
    String bootstrapServers,
    String topic,
    List<Path> dirs,
    Map<String, String> client,
    Duration pollInterval,
    Duration logInterval) {

  /** The prefix of every option. */
  public static final String PREFIX = "rowguard.audit.ship.kafka.";

  public static final String BOOTSTRAP_SERVERS = PREFIX + "bootstrap-servers";
  public static final String TOPIC = PREFIX + "topic";
  public static final String DIRS = PREFIX + "dirs";
  public static final String POLL_INTERVAL = PREFIX + "poll-interval";
  public static final String LOG_INTERVAL = PREFIX + "log-interval";

  /** Prefix of the properties passed through to the Kafka producer. */
  public static final String CLIENT_PREFIX = PREFIX + "client.";

  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);
  public static final Duration DEFAULT_LOG_INTERVAL = Duration.ofSeconds(60);

  public ShipOptions {
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(BOOTSTRAP_SERVERS + " must name at least one broker");
    }
    if (topic.isBlank()) {
      throw new IllegalArgumentException(TOPIC + " must name the topic to ship to");
    }
    if (dirs.isEmpty()) {
      throw new IllegalArgumentException(DIRS + " must name at least one log directory");
    }
    dirs = List.copyOf(dirs);
    client = Map.copyOf(client);
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException(POLL_INTERVAL + " must be positive");
    }
    if (logInterval.isNegative() || logInterval.isZero()) {
      throw new IllegalArgumentException(LOG_INTERVAL + " must be positive");
    }
  }

  /** Options for shipping {@code dirs} to {@code topic} with the defaults. */
  public static ShipOptions of(String bootstrapServers, String topic, List<Path> dirs) {
    return new ShipOptions(
        bootstrapServers, topic, dirs, Map.of(), DEFAULT_POLL_INTERVAL, DEFAULT_LOG_INTERVAL);
  }

  public ShipOptions withClient(Map<String, String> properties) {
    return new ShipOptions(bootstrapServers, topic, dirs, properties, pollInterval, logInterval);
  }

  public ShipOptions withPollInterval(Duration d) {
    return new ShipOptions(bootstrapServers, topic, dirs, client, d, logInterval);
  }

  public ShipOptions withLogInterval(Duration d) {
    return new ShipOptions(bootstrapServers, topic, dirs, client, pollInterval, d);
  }

  /**
   * Options from {@code rowguard.audit.ship.kafka.*} properties; other properties are ignored.
   * Durations are ISO-8601 ({@code PT0.2S}) or a number of milliseconds.
   *
   * @throws IllegalArgumentException naming the property that is missing or wrong
   */
  public static ShipOptions fromProperties(Properties p) {
    List<Path> dirs = new ArrayList<>();
    for (String d : required(p, DIRS).split(",", -1)) {
      if (!d.isBlank()) {
        dirs.add(Path.of(d.trim()));
      }
    }
    Map<String, String> client = new LinkedHashMap<>();
    for (String name : p.stringPropertyNames()) {
      if (name.startsWith(CLIENT_PREFIX)) {
        client.put(name.substring(CLIENT_PREFIX.length()), p.getProperty(name));
      }
    }
    return new ShipOptions(
        required(p, BOOTSTRAP_SERVERS),
        required(p, TOPIC),
        dirs,
        client,
        duration(p, POLL_INTERVAL, DEFAULT_POLL_INTERVAL),
        duration(p, LOG_INTERVAL, DEFAULT_LOG_INTERVAL));
  }

  private static String required(Properties p, String name) {
    String v = p.getProperty(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(name + " is not set (docs/FLEET.md lists the options)");
    }
    return v.trim();
  }

  private static Duration duration(Properties p, String name, Duration dflt) {
    String v = p.getProperty(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return v.trim().chars().allMatch(Character::isDigit)
          ? Duration.ofMillis(Long.parseLong(v.trim()))
          : Duration.parse(v.trim());
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a duration (PT0.2S) or milliseconds, was " + v, e);
    }
  }
}
