package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.RowBatch;
import dev.rowguard.cli.InvalidInputException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code restore-plan --backup-url}: the rows whose keys only were captured, read by key from a
 * backup database with the capture's own value encoding ({@link RowBatch#read}). Every key must be
 * found, or the plan is refused, naming a missing key.
 */
final class BackupRows {

  private static final int CHUNK = 500;

  private BackupRows() {}

  /** Reads the rows of {@code keysOnly} (by table) into {@code into}. */
  static void read(
      String url,
      Map<String, List<RowBatch.Table>> keysOnly,
      Map<String, RestoreScript.Table> into) {
    try (Connection c = connect(url)) {
      RestoreScript.Dialect dialect = dialectOf(c);
      for (Map.Entry<String, List<RowBatch.Table>> e : keysOnly.entrySet()) {
        RowBatch.Table first = e.getValue().get(0);
        List<String> key = first.key();
        Set<List<@Nullable Object>> wanted = new LinkedHashSet<>();
        e.getValue().forEach(t -> wanted.addAll(t.rows()));
        List<List<@Nullable Object>> keys = new ArrayList<>(wanted);
        Set<String> found = new LinkedHashSet<>();
        for (int from = 0; from < keys.size(); from += CHUNK) {
          List<List<@Nullable Object>> chunk =
              keys.subList(from, Math.min(keys.size(), from + CHUNK));
          String sql =
              "select * from "
                  + e.getKey()
                  + " where "
                  + (key.size() == 1 ? key.get(0) : "(" + String.join(", ", key) + ")")
                  + " in ("
                  + inList(dialect, first.types(), chunk, key.size())
                  + ")";
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              columns.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
              types.add(RowBatch.typeOf(md, i));
            }
            RestoreScript.Table target =
                into.computeIfAbsent(
                    e.getKey(),
                    n -> new RestoreScript.Table(n, key, first.parents(), columns, types));
            while (rs.next()) {
              List<@Nullable Object> row = new ArrayList<>(columns.size());
              for (int i = 1; i <= columns.size(); i++) {
                row.add(RowBatch.read(rs, i, types.get(i - 1)));
              }
              target.add(row);
              found.add(keyText(key, columns, row));
            }
          }
        }
        for (List<@Nullable Object> k : keys) {
          String text = String.valueOf(k.size() == 1 ? k.get(0) : k);
          if (!found.contains(text)) {
            long missing =
                keys.stream()
                    .filter(x -> !found.contains(String.valueOf(x.size() == 1 ? x.get(0) : x)))
                    .count();
            throw new InvalidInputException(
                "the backup "
                    + withoutSecrets(url)
                    + " lacks "
                    + missing
                    + " of the "
                    + keys.size()
                    + " deleted row(s) of "
                    + e.getKey()
                    + " (first: "
                    + String.join(", ", key)
                    + " = "
                    + text
                    + "): give a backup taken before the incident");
          }
        }
      }
    } catch (SQLException e) {
      throw new InvalidInputException(
          "cannot read the backup " + withoutSecrets(url) + ": " + e.getMessage());
    }
  }

  private static Connection connect(String url) throws SQLException {
    String user = System.getenv("ROWGUARD_BACKUP_USER");
    String password = System.getenv("ROWGUARD_BACKUP_PASSWORD");
    try {
      return user == null
          ? DriverManager.getConnection(url)
          : DriverManager.getConnection(url, user, password == null ? "" : password);
    } catch (SQLException e) {
      if ("08001".equals(e.getSQLState()) || e.getMessage().startsWith("No suitable driver")) {
        throw new InvalidInputException(
            "--backup-url "
                + withoutSecrets(url)
                + ": no JDBC driver for it here (this build has H2 and PostgreSQL; put another on"
                + " the class path: java -cp rowguard.jar:driver.jar dev.rowguard.cli.Rowguard)");
      }
      throw e;
    }
  }

  private static RestoreScript.Dialect dialectOf(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return RestoreScript.Dialect.POSTGRESQL;
    }
    if (product.contains("mysql") || product.contains("mariadb")) {
      return RestoreScript.Dialect.MYSQL;
    }
    return RestoreScript.Dialect.H2;
  }

  private static String inList(
      RestoreScript.Dialect dialect, List<String> types, List<List<@Nullable Object>> keys, int n) {
    StringBuilder out = new StringBuilder();
    for (List<@Nullable Object> k : keys) {
      if (out.length() > 0) {
        out.append(", ");
      }
      if (n > 1) {
        out.append('(');
      }
      for (int i = 0; i < k.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        out.append(RestoreScript.literal(dialect, types.get(i), k.get(i)));
      }
      if (n > 1) {
        out.append(')');
      }
    }
    return out.toString();
  }

  private static String keyText(
      List<String> key, List<String> columns, List<@Nullable Object> row) {
    List<@Nullable Object> k = new ArrayList<>(key.size());
    for (String c : key) {
      k.add(row.get(columns.indexOf(c)));
    }
    return String.valueOf(k.size() == 1 ? k.get(0) : k);
  }

  /** The URL without user, password or parameters, for messages and the plan's header. */
  static String withoutSecrets(String url) {
    String u = url.replaceAll("//[^/@]*@", "//");
    int q = u.indexOf('?');
    u = q < 0 ? u : u.substring(0, q);
    int semi = u.indexOf(';');
    return semi < 0 ? u : u.substring(0, semi);
  }
}
