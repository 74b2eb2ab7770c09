package dev.rowguard.audit.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowguard.audit.AuditOption;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * META-INF/spring-configuration-metadata.json (what IDEs complete {@code rowguard.audit.*} from) is
 * derived from {@link AuditOption#all()}: this test fails when they differ and writes the derived
 * file to target/ for copying.
 */
class SpringMetadataTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SHIPPED =
      Path.of("src/main/resources/META-INF/spring-configuration-metadata.json");

  static JsonNode derived() {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("groups")
        .addObject()
        .put("name", "rowguard.audit")
        .put(
            "description",
            "rowguard audit logger: wraps every DataSource bean once rowguard.audit.directory is set.");
    ArrayNode properties = root.putArray("properties");
    ArrayNode hints = root.putArray("hints");
    properties
        .addObject()
        .put("name", "rowguard.audit." + AuditedDataSourcePostProcessor.ENABLED)
        .put("type", "java.lang.Boolean")
        .put(
            "description",
            "Set to false to leave the DataSource beans unwrapped although rowguard.audit.directory is set.")
        .put("defaultValue", true);
    for (AuditOption<?> o : AuditOption.all()) {
      String name = "rowguard.audit." + AuditedDataSourcePostProcessor.springName(o);
      ObjectNode p =
          properties
              .addObject()
              .put("name", name)
              .put("type", o.javaType())
              .put("description", description(o));
      putDefault(p, o);
      if (!o.values().isEmpty()) {
        ArrayNode values = hints.addObject().put("name", name).putArray("values");
        o.values().forEach(v -> values.addObject().put("value", v));
      }
    }
    return root;
  }

  private static String description(AuditOption<?> o) {
    String doc = o.doc().replace("`", "");
    return Character.toUpperCase(doc.charAt(0)) + doc.substring(1) + ".";
  }

  private static <T> void putDefault(ObjectNode p, AuditOption<T> o) {
    T d = o.defaultValue();
    if (d == null) {
      return;
    }
    String text = o.format(d);
    switch (o.javaType()) {
      case "java.lang.Long", "java.lang.Integer" -> p.put("defaultValue", Long.parseLong(text));
      case "java.lang.Boolean" -> p.put("defaultValue", Boolean.parseBoolean(text));
      case "java.util.List<java.lang.String>" -> {
        if (!text.isEmpty()) {
          ArrayNode a = p.putArray("defaultValue");
          for (String v : text.split(",")) {
            a.add(v);
          }
        }
      }
      default -> p.put("defaultValue", text);
    }
  }

  @Test
  void shippedMetadataIsDerivedFromTheOptions() throws Exception {
    JsonNode expected =
        JSON.readTree(JSON.writeValueAsString(derived())); // numbers as a reader sees them
    JsonNode shipped =
        Files.exists(SHIPPED) ? JSON.readTree(SHIPPED.toFile()) : JSON.createObjectNode();
    if (!expected.equals(shipped)) {
      Path out = Path.of("target/spring-configuration-metadata.json");
      JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), expected);
      throw new AssertionError(
          SHIPPED + " is not derived from AuditOption.all(); cp " + out + " " + SHIPPED);
    }
  }

  @Test
  void metadataNamesEveryOption() throws Exception {
    JsonNode shipped = JSON.readTree(SHIPPED.toFile());
    assertThat(shipped.get("properties").findValuesAsText("name"))
        .containsAll(
            AuditOption.all().stream()
                .map(o -> "rowguard.audit." + AuditedDataSourcePostProcessor.springName(o))
                .toList())
        .contains("rowguard.audit.enabled");
  }
}
