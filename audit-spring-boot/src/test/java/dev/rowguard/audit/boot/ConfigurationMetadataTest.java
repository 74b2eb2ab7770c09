package dev.rowguard.audit.boot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rowguard.audit.AuditOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The IDE metadata ({@code META-INF/additional-spring-configuration-metadata.json}) is generated
 * from {@link AuditOption}, the one definition of the options: this test fails when they differ,
 * and rewrites the file when run with {@code -Drowguard.regenerate=true}.
 */
class ConfigurationMetadataTest {

  private static final Path FILE =
      Path.of("src/main/resources/META-INF/additional-spring-configuration-metadata.json");

  @Test
  void metadataNamesEveryOptionWithItsDefaultAndDescription() throws Exception {
    String expected = generate();
    if (Boolean.getBoolean("rowguard.regenerate")) {
      Files.writeString(FILE, expected, UTF_8);
    }
    assertThat(Files.readString(FILE, UTF_8)).isEqualTo(expected);
  }

  @Test
  void theShippedFileIsOnTheClassPathWhereSpringBootLooksForIt() {
    assertThat(getClass().getResource("/META-INF/additional-spring-configuration-metadata.json")).isNotNull();
  }

  static String generate() throws Exception {
    List<Map<String, Object>> properties = new ArrayList<>();
    List<Map<String, Object>> hints = new ArrayList<>();
    Map<String, Object> enabled = new LinkedHashMap<>();
    enabled.put("name", AuditOption.PREFIX + "enabled");
    enabled.put("type", "java.lang.Boolean");
    enabled.put("description", "Whether the DataSource beans are wrapped once rowguard.audit.directory is set.");
    enabled.put("defaultValue", true);
    properties.add(enabled);
    for (AuditOption<?> o : AuditOption.all()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("name", kebab(o.property()));
      p.put("type", o.javaType());
      p.put("description", sentence(o));
      Object d = defaultOf(o);
      if (d != null) {
        p.put("defaultValue", d);
      }
      properties.add(p);
      if (!o.values().isEmpty()) {
        List<Map<String, Object>> values = new ArrayList<>();
        for (String v : o.values()) {
          values.add(Map.of("value", v));
        }
        Map<String, Object> hint = new LinkedHashMap<>(); // Map.of's order changes from run to run
        hint.put("name", kebab(o.property()));
        hint.put("values", values);
        hints.add(hint);
      }
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("properties", properties);
    root.put("hints", hints);
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
  }

  private static <T> Object defaultOf(AuditOption<T> o) {
    T d = o.defaultValue();
    if (d == null) {
      return null;
    }
    if (d instanceof Number || d instanceof Boolean) {
      return d;
    }
    String text = o.format(d);
    if (o.javaType().startsWith("java.lang.Long") || o.javaType().startsWith("java.lang.Integer")) {
      return Long.parseLong(text);
    }
    return text.isEmpty() ? null : text;
  }

  /** The docs line without Markdown code marks, as one sentence. */
  private static String sentence(AuditOption<?> o) {
    String s = o.doc().replace("`", "");
    s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
    return s.endsWith(".") ? s : s + ".";
  }

  /** Spring Boot's canonical form: {@code rowguard.audit.row-threshold}. */
  private static String kebab(String property) {
    return property.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
