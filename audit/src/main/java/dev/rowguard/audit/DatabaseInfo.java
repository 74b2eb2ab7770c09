package dev.rowguard.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The OpenTelemetry {@code db.system.name} and {@code db.namespace} of a connection. Read from
 * metadata and the catalog, never from the JDBC URL, so credentials in URLs never reach the log.
 */
record DatabaseInfo(String systemName, String namespace) {

  static DatabaseInfo of(Connection raw) {
    String system;
    String namespace = null;
    try {
      system = systemName(raw.getMetaData().getDatabaseProductName());
    } catch (SQLException | RuntimeException e) {
      system = "other_sql";
    }
    try {
      namespace = raw.getCatalog();
      if (namespace == null || namespace.isEmpty()) {
        namespace = raw.getSchema();
      }
    } catch (SQLException | RuntimeException | AbstractMethodError e) {
      // drivers without catalogs or schemas: leave the member out
    }
    return new DatabaseInfo(system, namespace);
  }

  /**
   * JDBC product names (lower case) to OpenTelemetry's well-known {@code db.system.name} values, in
   * the order they are tried: MariaDB before MySQL, whose name it may contain.
   */
  private static final List<Map.Entry<Pattern, String>> SYSTEMS =
      List.of(
          Map.entry(Pattern.compile("^h2"), "h2database"),
          Map.entry(Pattern.compile("postgres"), "postgresql"),
          Map.entry(Pattern.compile("mariadb"), "mariadb"),
          Map.entry(Pattern.compile("mysql"), "mysql"),
          Map.entry(Pattern.compile("oracle"), "oracle.db"),
          Map.entry(Pattern.compile("microsoft sql server"), "microsoft.sql_server"),
          Map.entry(Pattern.compile("hsql"), "hsqldb"),
          Map.entry(Pattern.compile("derby"), "derby"),
          Map.entry(Pattern.compile("sqlite"), "sqlite"));

  /** Maps a JDBC product name to the OpenTelemetry well-known value. */
  static String systemName(@Nullable String product) {
    String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
    return SYSTEMS.stream()
        .filter(s -> s.getKey().matcher(p).find())
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse("other_sql");
  }
}
