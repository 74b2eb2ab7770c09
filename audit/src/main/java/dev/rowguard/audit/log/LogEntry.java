package dev.rowguard.audit.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record before the writer numbers and chains it: its kind, its time and its other members in
 * the order they will appear. The writer adds {@code seq}, {@code prev_hash} and {@code hash}.
 */
public final class LogEntry {

  static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final RecordKind kind;
  private final Instant ts;
  private final Map<String, Object> members = new LinkedHashMap<>();

  private LogEntry(RecordKind kind, Instant ts) {
    this.kind = kind;
    this.ts = ts.truncatedTo(ChronoUnit.MICROS);
  }

  /** An entry of {@code kind} stamped now. */
  public static LogEntry of(RecordKind kind) {
    return new LogEntry(kind, Instant.now());
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

  /** Adds an object member of string values (used for {@code context}); an empty map is left out. */
  public LogEntry put(String name, Map<String, String> value) {
    if (value != null && !value.isEmpty()) {
      members.put(name, Map.copyOf(value));
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

  /** The body of the line: everything before the {@code hash} member. */
  String body(long seq, String prevHash) {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"seq\":").append(seq).append(",\"ts\":\"");
    TS.formatTo(ts, out);
    out.append("\",\"kind\":\"").append(kind.wireName()).append('"');
    for (Map.Entry<String, Object> m : members.entrySet()) {
      out.append(',');
      CanonicalJson.member(out, m.getKey(), m.getValue());
    }
    out.append(",\"prev_hash\":\"").append(prevHash).append('"');
    return out.toString();
  }
}
