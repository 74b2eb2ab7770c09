package dev.rowguard.sql;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${name}} in migrations: Flyway's placeholders in SQL scripts and Liquibase's changelog
 * properties. A name with a value is replaced by it; one without stays as written, and what it is
 * in is then unknown ({@link #isUnresolved}): the model never guesses a value.
 */
final class Placeholders {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\s]+)}");

  /** {@code ${schema}.} before a name: the schema, which the model leaves out of every name. */
  private static final Pattern QUALIFIER = Pattern.compile("[\"`]?\\$\\{[^}\\s]+}[\"`]?\\s*\\.");

  private Placeholders() {}

  /** {@code text} with every {@code ${name}} that {@code values} holds replaced. */
  static String expand(String text, Map<String, String> values) {
    if (values.isEmpty() || !text.contains("${")) {
      return text;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** True when {@code text} still holds a {@code ${name}} no value replaced. */
  static boolean isUnresolved(String text) {
    return text.contains("${") && PLACEHOLDER.matcher(text).find();
  }

  /** {@code text} without {@code ${name}.} schema qualifiers, which name no table or column. */
  static String withoutQualifiers(String text) {
    return text.contains("${") ? QUALIFIER.matcher(text).replaceAll("") : text;
  }
}
