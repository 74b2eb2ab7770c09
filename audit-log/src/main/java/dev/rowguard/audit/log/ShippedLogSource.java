package dev.rowguard.audit.log;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Where audit records shipped away from their log directories can be read back: a Kafka topic
 * (module {@code audit-kafka}, scheme {@code kafka}). The commands that read logs find an
 * implementation by its URI scheme with {@link ServiceLoader}, so that they need no Kafka client
 * unless one is on the class path.
 *
 * <p>A source holds the records of many writers (one per log directory), each writer's records in
 * the order it wrote them, some possibly more than once (at-least-once delivery): the values are
 * the log lines exactly as stored, so a reader verifies each writer's chain as from its directory.
 */
public interface ShippedLogSource {

  /** The URI scheme this source reads ({@code kafka} for {@code kafka://host:port/topic}). */
  String scheme();

  /**
   * The writer key under which the log in {@code dir} on this host is shipped, as {@link
   * Sink#record} names it.
   */
  String writerKey(Path dir);

  /**
   * Calls {@code sink} for every record of {@code uri} from the first written at or after {@code
   * from} (all when null) to the end of the source as of this call, each writer's records in their
   * order, then returns.
   *
   * @param properties client settings passed through as they are (security, timeouts)
   * @throws IllegalArgumentException when {@code uri} does not name a source this one can read
   * @throws IOException when the source cannot be reached, or does not exist, with a message that
   *     says which and what to do
   */
  void read(String uri, Map<String, String> properties, Instant from, Sink sink) throws IOException;

  /** Receives the records of a source. */
  interface Sink {
    /**
     * One shipped record.
     *
     * @param writer its writer's key ({@link #writerKey})
     * @param where where it is in the source, e.g. {@code topic-3@1234} (partition 3, offset 1234)
     * @param line the log line exactly as stored, without its newline
     */
    void record(String writer, String where, byte[] line) throws IOException;
  }

  /** The source on the class path that reads {@code scheme}, if any. */
  static Optional<ShippedLogSource> forScheme(String scheme) {
    for (ShippedLogSource s : ServiceLoader.load(ShippedLogSource.class)) {
      if (s.scheme().equals(scheme)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
