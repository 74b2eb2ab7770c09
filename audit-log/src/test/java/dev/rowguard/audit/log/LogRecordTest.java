package dev.rowguard.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A record line is checked by one pass that decodes nothing ({@link JsonMembers}) and its members
 * are decoded when asked for: the lines it takes for records, and the values it gives, are
 * Jackson's (what {@link LogRecord} read before, the oracle here), on lines a real writer wrote and
 * on edited ones.
 */
class LogRecordTest {

  private static final ObjectMapper JACKSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final String OK =
      "{\"seq\":7,\"ts\":\"2026-11-21T14:07:05.123456Z\",\"kind\":\"delete\",\"x\":%s"
          + ",\"prev_hash\":\"p\",\"hash\":\"h\"}";

  /** Values in the middle of an otherwise valid record: some JSON, some not. */
  private static final List<String> VALUES =
      List.of(
          "1",
          "-0",
          "0",
          "01",
          "-01",
          "1.5",
          "1.",
          ".5",
          "1e5",
          "1E+5",
          "1e-05",
          "1e",
          "-",
          "+1",
          "123456789012345678901234567890",
          "-9223372036854775808",
          "9223372036854775808",
          "1e400",
          "NaN",
          "Infinity",
          "true",
          "false",
          "null",
          "truex",
          "nul",
          "\"\"",
          "\"a\\\"b\"",
          "\"\\u00e9\\ud83d\\ude00\"",
          "\"\\u00G0\"",
          "\"\\x\"",
          "\"\\/\\b\\f\\n\\r\\t\"",
          "\"tab\there\"",
          "\"\u00e9 \u20ac\"",
          "\"unterminated",
          "{}",
          "{ }",
          "{\"a\":1,}",
          "{\"a\" : [1, {\"b\": null}, \"c\"]}",
          "{a:1}",
          "{'a':1}",
          "[]",
          "[1,]",
          "[1 2]",
          "[[[[]]]]",
          "1 // comment",
          "/* c */ 1",
          " \t\r\n 1 \t\r\n ",
          "\u000b1",
          "'single'",
          "{\"a\":1}}",
          "1]");

  @Test
  void takesTheLinesJacksonTakesAndDecodesTheSameValues() throws Exception {
    List<String> lines = new ArrayList<>();
    for (String v : VALUES) {
      lines.add(String.format(OK, v));
    }
    lines.addAll(
        List.of(
            "",
            " ",
            "null",
            "[]",
            "1",
            "{}",
            "{\"seq\":1}",
            "{\"seq\":\"1\",\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\"}",
            "{\"seq\":1.5,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\"}",
            "{\"seq\":1,\"kind\":2,\"prev_hash\":\"p\",\"hash\":\"h\"}",
            "{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\"} ",
            " {\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\"}",
            "{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\"}x",
            "{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\"}{}",
            "\ufeff{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\"}",
            "{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\",\"seq\":2}",
            "{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\",\"kind\":3}",
            "{\"s\\u0065q\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\"}",
            "{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\"",
            "{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h",
            "{\"seq\":",
            "{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\","
                + "\"context\":{\"tenant\":\"t-1\",\"n\":42,\"f\":1.50,\"b\":true,\"z\":null,"
                + "\"o\":{\"a\":[1,2]},\"l\":[\"x\",1]},"
                + "\"rowguard.tx.deleted_rows\":{\"a\":3,\"b\":\"4\",\"c\":2.9,\"d\":-1}}",
            "{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\",\"context\":[1]}",
            "{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\",\"context\":\"x\"}",
            "{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\",\"x\":"
                + "[".repeat(999)
                + "]".repeat(999)
                + "}",
            "{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\",\"x\":"
                + "[".repeat(1000)
                + "]".repeat(1000)
                + "}",
            "{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\",\"x\":"
                + "9".repeat(1000)
                + "}",
            "{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\",\"x\":"
                + "9".repeat(1001)
                + "}",
            "{\"seq\":1,\"kind\":\"k\",\"prev_hash\":\"p\",\"hash\":\"h\",\"x\":-"
                + "9".repeat(1000)
                + "}"));
    for (String line : lines) {
      Map<String, Object> oracle = jackson(line);
      LogRecord r = LogRecord.parse(line);
      assertThat(r != null).as(line).isEqualTo(oracle != null);
      if (r == null) {
        continue;
      }
      assertThat(r.members()).as(line).isEqualTo(oracle);
      assertThat(r.seq()).as(line).isEqualTo(((Number) oracle.get(Fields.SEQ)).longValue());
      for (String name : oracle.keySet()) {
        Object v = oracle.get(name);
        assertThat(r.string(name))
            .as(line + " " + name)
            .isEqualTo(v instanceof String s ? s : null);
        assertThat(r.number(name))
            .as(line + " " + name)
            .isEqualTo(v instanceof Number n ? n.longValue() : null);
      }
      assertThat(r.context()).as(line).isEqualTo(context(oracle));
      assertThat(r.counts(Fields.TX_DELETED_ROWS))
          .as(line)
          .isEqualTo(counts(oracle, Fields.TX_DELETED_ROWS));
      assertThat(r.string("absent")).isNull();
      assertThat(r.number("absent")).isNull();
    }
  }

  @Test
  void readsTheRecordsAWriterWrote(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    Instant t = Instant.parse("2026-11-21T14:07:05.123456Z");
    try (AuditLogWriter w = AuditLogWriter.open(dir, WriterOptions.defaults())) {
      w.append(
          LogEntry.of(RecordKind.DELETE, t)
              .put(Fields.DB_COLLECTION, "call_log")
              .put(Fields.DB_QUERY_TEXT, "DELETE FROM call_log WHERE note = 'a \"b\" \\ \u00e9'")
              .put(Fields.AFFECTED_ROWS, 360L)
              .put(Fields.CONTEXT, Map.of("tenant", "t-1", "requestId", "r-9")));
      w.append(
          LogEntry.of(RecordKind.COMMIT, t.plusSeconds(1))
              .putCounts(Fields.TX_DELETED_ROWS, Map.of("call_log", 360L, "tenant", 120L)));
    }
    List<String> lines =
        java.nio.file.Files.readAllLines(
            LogFiles.list(dir).get(0), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(lines).hasSizeGreaterThan(2);
    for (String line : lines) {
      LogRecord r = LogRecord.parse(line);
      Map<String, Object> oracle = jackson(line);
      assertThat(r).isNotNull();
      assertThat(r.members()).isEqualTo(oracle);
      assertThat(r.ts()).isEqualTo(Instant.parse((String) oracle.get(Fields.TS)));
      assertThat(r.context()).isEqualTo(context(oracle));
      assertThat(r.counts(Fields.TX_DELETED_ROWS))
          .isEqualTo(counts(oracle, Fields.TX_DELETED_ROWS));
      for (String name : oracle.keySet()) {
        Object v = oracle.get(name);
        assertThat(r.string(name)).isEqualTo(v instanceof String s ? s : null);
      }
    }
  }

  @Test
  void readsTimesAsInstantParseDoes() {
    for (String ts :
        List.of(
            "2026-11-21T14:07:05.123456Z",
            "2026-11-21T14:07:05Z",
            "2026-11-21T14:07:05.1Z",
            "2026-11-21T14:07:05.123456789Z",
            "2026-11-21T14:07:05.1234567891Z",
            "2026-11-21T14:07:05.Z",
            "2026-02-29T00:00:00Z",
            "2024-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-31T00:00:00Z",
            "2026-11-21T24:00:00Z",
            "2026-11-21T23:60:00Z",
            "2026-11-21T23:59:60Z",
            "2026-11-21T14:07:05+01:00",
            "2026-11-21 14:07:05Z",
            "+12026-11-21T14:07:05Z",
            "2026-1a-21T14:07:05Z",
            "0000-01-01T00:00:00Z",
            "")) {
      Instant expected;
      try {
        expected = Instant.parse(ts);
      } catch (RuntimeException e) {
        expected = null;
      }
      assertThat(Timestamps.parse(ts)).as(ts).isEqualTo(expected);
    }
  }

  /** What LogRecord.parse accepted before: Jackson's map with the four members typed. */
  private static Map<String, Object> jackson(String line) {
    LinkedHashMap<String, Object> m;
    try {
      m = JACKSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {});
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
    return m;
  }

  private static Map<String, String> context(Map<String, Object> members) {
    if (!(members.get(Fields.CONTEXT) instanceof Map<?, ?> m)) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }

  private static Map<String, Long> counts(Map<String, Object> members, String name) {
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
}
