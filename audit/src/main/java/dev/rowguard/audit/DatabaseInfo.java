package dev.rowguard.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

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

  /** Maps a JDBC product name to the OpenTelemetry well-known value. */
  static String systemName(String product) {
    String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (p.startsWith("h2")) {
      return "h2database";
    }
    if (p.contains("postgres")) {
      return "postgresql";
    }
    if (p.contains("mariadb")) {
      return "mariadb";
    }
    if (p.contains("mysql")) {
      return "mysql";
    }
    if (p.contains("oracle")) {
      return "oracle.db";
    }
    if (p.contains("microsoft sql server")) {
      return "microsoft.sql_server";
    }
    if (p.contains("hsql")) {
      return "hsqldb";
    }
    if (p.contains("derby")) {
      return "derby";
    }
    if (p.contains("sqlite")) {
      return "sqlite";
    }
    return "other_sql";
  }
}
