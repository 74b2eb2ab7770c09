package dev.rowguard.audit.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record read back from a log: its members in line order, plus typed accessors for the members
 * every record has. Field names are those of docs/AUDIT-LOG.md ({@link Fields}).
 */
public final class LogRecord {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final Map<String, Object> members;

  private LogRecord(Map<String, Object> members) {
    this.members = Collections.unmodifiableMap(members);
  }

  /**
   * Parses one line, or returns null when it is not a JSON object with an integer {@code seq}, and
   * string {@code kind}, {@code prev_hash} and {@code hash}: a torn or foreign line.
   */
  public static LogRecord parse(String line) {
    LinkedHashMap<String, Object> m;
    try {
      m = JSON.readValue(line, MAP);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (m == null
        || !(m.get(Fields.SEQ) instanceof Number)
        || !(m.get(Fields.KIND) instanceof String)
        || !(m.get(Fields.PREV_HASH) instanceof String)
        || !(m.get(Fields.HASH) instanceof String)) {
      return null;
    }
    return new LogRecord(m);
  }

  /** Every member, in the order of the line. */
  public Map<String, Object> members() {
    return members;
  }

  public long seq() {
    return ((Number) members.get(Fields.SEQ)).longValue();
  }

  /** The record time, or null if {@code ts} is missing or malformed. */
  public Instant ts() {
    Object ts = members.get(Fields.TS);
    try {
      return ts instanceof String s ? Instant.parse(s) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The raw {@code kind}, also for kinds this version does not know. */
  public String kindName() {
    return (String) members.get(Fields.KIND);
  }

  /** The kind, or null for a kind this version does not know. */
  public RecordKind kind() {
    return RecordKind.fromWireName(kindName());
  }

  public String prevHash() {
    return (String) members.get(Fields.PREV_HASH);
  }

  public String hash() {
    return (String) members.get(Fields.HASH);
  }

  /** A string member, or null if absent or not a string. */
  public String string(String name) {
    return members.get(name) instanceof String s ? s : null;
  }

  /** An integer member, or null if absent or not a number. */
  public Long number(String name) {
    return members.get(name) instanceof Number n ? n.longValue() : null;
  }

  /** The {@code context} member; empty when absent. */
  public Map<String, String> context() {
    if (!(members.get(Fields.CONTEXT) instanceof Map<?, ?> m)) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }

  /** An object member of integers (such as {@code rowguard.tx.deleted_rows}); empty when absent. */
  public Map<String, Long> counts(String name) {
    if (!(members.get(name) instanceof Map<?, ?> m)) {
      return Map.of();
    }
    Map<String, Long> out = new LinkedHashMap<>();
    m.forEach(
        (k, v) -> {
          if (v instanceof Number n) {
            out.put(String.valueOf(k), n.longValue());
          }
        });
    return out;
  }

  @Override
  public String toString() {
    return "LogRecord" + members;
  }
}
