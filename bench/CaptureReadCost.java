// Where a captured PostgreSQL mass delete's time goes (docs/PERFORMANCE.md, "Capture of deleted rows
// on PostgreSQL"): 10,000 rows deleted 12 times in alternation, by plain JDBC (the delete alone,
// after a SELECT of the ids with and without FOR UPDATE, after a SELECT * FOR UPDATE) and through
// the audited DataSource with capture none, keys and rows; prints the medians. Run with the bench jar:
//
//   mvn -B -q -Pbench -pl audit-bench -am package -DskipTests
//   java -cp audit-bench/target/audit-bench.jar bench/CaptureReadCost.java
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.*;
import javax.sql.DataSource;
import java.nio.file.*;

public class CaptureReadCost {
  static void fill(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("insert into session_token values (?, ?, ?, current_timestamp)")) {
      for (int i = 0; i < 10000; i++) { p.setInt(1, i); p.setInt(2, 7); p.setString(3, "token-" + i + "-0123456789abcdef0123456789abcdef"); p.addBatch(); }
      p.executeBatch();
    }
    c.commit();
  }
  public static void main(String[] a) throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
      DataSource raw = pg.getPostgresDatabase();
      try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
        s.execute("create table session_token (id int primary key, account int, token varchar(64), created_at timestamp with time zone)");
      }
      Path dir = Files.createTempDirectory("exp");
      dev.rowguard.audit.AuditedDataSource keys = dev.rowguard.audit.AuditedDataSource.builder(raw).logDirectory(dir.resolve("k")).capture(dev.rowguard.audit.Capture.KEYS).build();
      dev.rowguard.audit.AuditedDataSource rows = dev.rowguard.audit.AuditedDataSource.builder(raw).logDirectory(dir.resolve("r")).capture(dev.rowguard.audit.Capture.ROWS).build();
      dev.rowguard.audit.AuditedDataSource none = dev.rowguard.audit.AuditedDataSource.builder(raw).logDirectory(dir.resolve("n")).capture(dev.rowguard.audit.Capture.NONE).build();
      try (Connection f = raw.getConnection(); Connection c = raw.getConnection();
           Connection ck = keys.getConnection(); Connection cr = rows.getConnection(); Connection cn = none.getConnection()) {
        f.setAutoCommit(false); c.setAutoCommit(false); ck.setAutoCommit(false); cr.setAutoCommit(false); cn.setAutoCommit(false);
        String[] names = {"raw delete", "raw select-ids-for-update+delete", "raw select-ids(no lock)+delete", "raw select*-for-update+delete", "audited none", "audited keys", "audited rows"};
        long[][] t = new long[names.length][];
        for (int k = 0; k < names.length; k++) t[k] = new long[12];
        for (int round = 0; round < 12; round++) {
          for (int k = 0; k < names.length; k++) {
            fill(f);
            long t0 = System.nanoTime();
            Connection use = k < 4 ? c : k == 4 ? cn : k == 5 ? ck : cr;
            if (k >= 1 && k <= 3) {
              Savepoint sp = c.setSavepoint();
              String sel = k == 1 ? "select \"id\" from session_token where account = ?\nfor update" : k == 2 ? "select \"id\" from session_token where account = ?" : "select * from session_token where account = ?\nfor update";
              try (PreparedStatement p = c.prepareStatement(sel)) { p.setInt(1, 7); try (ResultSet rs = p.executeQuery()) { int n = 0; while (rs.next()) { rs.getObject(1); n++; } } }
              c.releaseSavepoint(sp);
            }
            try (PreparedStatement p = use.prepareStatement("delete from session_token where account = ?")) { p.setInt(1, 7); int n = p.executeUpdate(); if (n != 10000) throw new AssertionError(n); }
            use.commit();
            t[k][round] = System.nanoTime() - t0;
          }
        }
        for (int k = 0; k < names.length; k++) {
          long[] v = t[k].clone(); java.util.Arrays.sort(v);
          System.out.printf("%-36s median %6.1f ms  (min %6.1f, max %6.1f)%n", names[k], v[6] / 1e6, v[0] / 1e6, v[11] / 1e6);
        }
      }
    }
  }
}
