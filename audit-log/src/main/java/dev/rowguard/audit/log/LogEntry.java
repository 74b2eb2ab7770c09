package dev.rowguard.audit.log;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A record before the writer numbers and chains it: its kind, its time and its other members in the
 * order they will appear. The writer adds {@code seq}, {@code prev_hash} and {@code hash}.
 */
public final class LogEntry {

  private final RecordKind kind;
  private final Instant ts;
  private final Map<String, Object> members = new LinkedHashMap<>();
  private volatile String middle;

  private LogEntry(RecordKind kind, Instant ts) {
    this.kind = kind;
    this.ts = ts.truncatedTo(ChronoUnit.MICROS);
  }

  /** An entry of {@code kind} stamped {@code ts} (truncated to microseconds). */
  public static LogEntry of(RecordKind kind, Instant ts) {
    return new LogEntry(kind, ts);
  }

  /** Adds a string member; a null value leaves the member out. */
  public LogEntry put(String name, String value) {
    if (value != null) {
      members.put(name, value);
    }
    return this;
  }

  /** Adds an integer member. */
  public LogEntry put(String name, long value) {
    members.put(name, value);
    return this;
  }

  /**
   * Adds an object member of string values (used for {@code context}); an empty map is left out.
   */
  public LogEntry put(String name, Map<String, String> value) {
    return putSorted(name, value);
  }

  /**
   * Adds an object member of integer values (used for {@code rowguard.tx.deleted_rows}); an empty
   * map is left out.
   */
  public LogEntry putCounts(String name, Map<String, Long> value) {
    return putSorted(name, value);
  }

  private LogEntry putSorted(String name, Map<String, ?> value) {
    if (value != null && !value.isEmpty()) {
      members.put(name, Collections.unmodifiableSortedMap(new TreeMap<>(value)));
    }
    return this;
  }

  public RecordKind kind() {
    return kind;
  }

  public Instant ts() {
    return ts;
  }

  /** The members after {@code kind}, in order. */
  public Map<String, Object> members() {
    return members;
  }

  /**
   * Serializes everything between {@code seq} and {@code prev_hash}, once. The writer calls this on
   * the appending thread, so the single writer thread only numbers, chains and hashes; the entry
   * must not change after it is appended.
   */
  String middle() {
    String m = middle;
    if (m == null) {
      StringBuilder out = new StringBuilder(512);
      out.append(",\"ts\":\"");
      Timestamps.append(out, ts);
      out.append("\",\"kind\":\"").append(kind.wireName()).append('"');
      for (Map.Entry<String, Object> e : members.entrySet()) {
        out.append(',');
        CanonicalJson.member(out, e.getKey(), e.getValue());
      }
      m = out.toString();
      middle = m;
    }
    return m;
  }
}
