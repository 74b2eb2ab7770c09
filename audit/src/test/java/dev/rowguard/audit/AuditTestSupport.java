package dev.rowguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.LogVerifier;
import dev.rowguard.audit.log.VerificationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Real databases and log reading shared by the audit tests. */
final class AuditTestSupport {

  private static final AtomicInteger DB = new AtomicInteger();

  private AuditTestSupport() {}

  /** A fresh in-memory H2 database that lives while the JVM does. */
  static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:audit" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    ds.setPassword("secret-password");
    return ds;
  }

  /** Creates {@code customer(id, tenant, name)} with {@code rows} rows. */
  static void customers(DataSource ds, int rows) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop table if exists customer");
      s.execute("create table customer (id int primary key, tenant varchar(20), name varchar(50))");
      try (PreparedStatement p = c.prepareStatement("insert into customer values (?, ?, ?)")) {
        for (int i = 1; i <= rows; i++) {
          p.setInt(1, i);
          p.setString(2, i % 2 == 0 ? "acme" : "globex");
          p.setString(3, "name " + i);
          p.addBatch();
        }
        p.executeBatch();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows in {@code customer}. */
  static int count(DataSource ds) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from customer")) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every record except log_open and checkpoint, after checking the log verifies. */
  static List<LogRecord> events(Path dir) {
    try {
      VerificationResult r = LogVerifier.verify(dir, null);
      assertThat(r.problems()).isEmpty();
      return LogReader.records(dir).stream()
          .filter(
              x ->
                  !x.kindName().equals("log_open")
                      && !x.kindName().equals("checkpoint")
                      && !x.kindName().equals("rotate"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
