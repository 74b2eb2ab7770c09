package dev.rowguard.audit.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One record read back from a log: its members in line order, plus typed accessors for the members
 * every record has. Field names are those of docs/AUDIT-LOG.md ({@link Fields}).
 *
 * <p>The line is checked once to be a JSON object ({@link JsonMembers}, the grammar Jackson reads)
 * and a member is decoded when it is asked for, once: a reader that uses a few members of most
 * records (the timeline, stats) does not decode the others. {@link #members()} decodes the whole
 * line with Jackson.
 */
public final class LogRecord {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final JsonMembers line;
  private final long seq;
  private @Nullable Map<String, Object> members;
  private @Nullable Map<String, String> context;
  private @Nullable Instant ts;
  private boolean tsRead;

  private LogRecord(JsonMembers line, long seq) {
    this.line = line;
    this.seq = seq;
  }

  /**
   * Parses one line, or returns null when it is not a JSON object with an integer {@code seq}, and
   * string {@code kind}, {@code prev_hash} and {@code hash}: a torn or foreign line.
   */
  public static LogRecord parse(String line) {
    JsonMembers m = JsonMembers.scan(line);
    if (m == null) {
      return null;
    }
    int seq = m.find(Fields.SEQ);
    if (seq < 0
        || !m.isNumber(seq)
        || !isString(m, Fields.KIND)
        || !isString(m, Fields.PREV_HASH)
        || !isString(m, Fields.HASH)) {
      return null;
    }
    return new LogRecord(m, m.number(seq));
  }

  private static boolean isString(JsonMembers m, String name) {
    int at = m.find(name);
    return at >= 0 && m.type(at) == '"';
  }

  /** Every member, in the order of the line, as Jackson decodes them; decoded on the first call. */
  public Map<String, Object> members() {
    Map<String, Object> m = members;
    if (m == null) {
      try {
        m = Collections.unmodifiableMap(JSON.readValue(line.text(), MAP));
      } catch (JsonProcessingException e) {
        // JsonMembers accepts what Jackson reads: a line it checked is one
        throw new IllegalStateException("a checked record line does not parse: " + e, e);
      }
      members = m;
    }
    return m;
  }

  /** The line the record was read from, without its newline. */
  public String line() {
    return line.text();
  }

  public long seq() {
    return seq;
  }

  /** The record time, or null if {@code ts} is missing or malformed. */
  public Instant ts() {
    if (!tsRead) {
      String s = string(Fields.TS);
      ts = s == null ? null : Timestamps.parse(s);
      tsRead = true;
    }
    return ts;
  }

  /** The raw {@code kind}, also for kinds this version does not know. */
  public String kindName() {
    return java.util.Objects.requireNonNull(string(Fields.KIND), "checked by parse");
  }

  /** The kind, or null for a kind this version does not know. */
  public RecordKind kind() {
    return RecordKind.fromWireName(kindName());
  }

  public String prevHash() {
    return java.util.Objects.requireNonNull(string(Fields.PREV_HASH), "checked by parse");
  }

  public String hash() {
    return java.util.Objects.requireNonNull(string(Fields.HASH), "checked by parse");
  }

  /** A string member, or null if absent or not a string. */
  public String string(String name) {
    int m = line.find(name);
    return m < 0 ? null : line.string(m);
  }

  /** An integer member, or null if absent or not a number. */
  public Long number(String name) {
    int m = line.find(name);
    return m < 0 ? null : line.number(m);
  }

  /** The {@code context} member (values as strings); empty when absent. */
  public Map<String, String> context() {
    Map<String, String> c = context;
    if (c == null) {
      int m = line.find(Fields.CONTEXT);
      JsonMembers o = m < 0 ? null : line.object(m);
      if (o == null) {
        c = Map.of();
      } else {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < o.count(); i++) {
          String v = o.string(i);
          out.put(o.name(i), v != null ? v : String.valueOf(decode(o.raw(i))));
        }
        c = Collections.unmodifiableMap(out);
      }
      context = c;
    }
    return c;
  }

  /** An object member of integers (such as {@code rowguard.tx.deleted_rows}); empty when absent. */
  public Map<String, Long> counts(String name) {
    int m = line.find(name);
    JsonMembers o = m < 0 ? null : line.object(m);
    if (o == null) {
      return Map.of();
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < o.count(); i++) {
      Long n = o.number(i);
      if (n != null) {
        out.put(o.name(i), n);
      }
    }
    return out;
  }

  /** A value other than a string, as Jackson decodes it (for its {@code toString}). */
  private static @Nullable Object decode(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a checked value does not parse: " + e, e);
    }
  }

  @Override
  public String toString() {
    return "LogRecord" + members();
  }
}
