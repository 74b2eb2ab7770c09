package dev.rowguard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A source file template from {@code src/main/resources/templates} with {{name}} placeholders. */
final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

  private final String name;
  private final String text;

  private Template(String name, String text) {
    this.name = name;
    this.text = text;
  }

  static Template load(String name) {
    try (InputStream in = Template.class.getResourceAsStream("/templates/" + name + ".java.tmpl")) {
      if (in == null) {
        throw new IllegalStateException("template missing from the class path: " + name);
      }
      return new Template(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fills every placeholder, also those inside the values (the variant bodies use them too); a
   * placeholder without a value is a bug in the generator.
   */
  String fill(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 512);
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("template " + name + " needs a value for " + m.group(1));
      }
      String filled = value.contains("{{") ? new Template(name, value).fill(values) : value;
      m.appendReplacement(out, Matcher.quoteReplacement(filled));
    }
    m.appendTail(out);
    return out.toString();
  }
}
