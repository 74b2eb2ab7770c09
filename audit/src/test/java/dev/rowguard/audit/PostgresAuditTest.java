package dev.rowguard.audit;

import static dev.rowguard.audit.AuditTestSupport.customers;
import static dev.rowguard.audit.AuditTestSupport.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL-only statement shapes: DELETE ... USING and a deleting CTE. */
class PostgresAuditTest {

  @TempDir Path dir;

  @Test
  void deleteUsingAndDeletingCte() throws Exception {
    DataSource raw = Databases.POSTGRESQL.get();
    customers(raw, 400);
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop table if exists offboarded");
      s.execute("create table offboarded (tenant varchar(20))");
      s.execute("insert into offboarded values ('acme')");
    }
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      int using =
          s.executeUpdate(
              "delete from customer c using offboarded o where c.tenant = o.tenant and c.id <= 300");
      assertThat(using).isEqualTo(150);
      try (ResultSet r =
          s.executeQuery(
              "with gone as (delete from customer where id > 300 returning id) select count(*) from gone")) {
        r.next();
        assertThat(r.getInt(1)).isEqualTo(100);
      }
    }
    List<LogRecord> events = events(dir);
    assertThat(events).extracting(LogRecord::kindName).containsExactly("delete", "delete");
    assertThat(events.get(0).string(Fields.DB_SYSTEM)).isEqualTo("postgresql");
    assertThat(events.get(0).string(Fields.DB_NAMESPACE)).isEqualTo("postgres");
    assertThat(events.get(0).string(Fields.DB_COLLECTION)).isEqualTo("customer");
    assertThat(events.get(0).number(Fields.AFFECTED_ROWS)).isEqualTo(150);
    assertThat(events.get(1).string(Fields.TRIGGER)).isEqualTo("rows_unknown");
    assertThat(events.get(1).string(Fields.DB_QUERY_TEXT))
        .isEqualTo(
            "with gone as (delete from customer where id > ? returning id) select count(*) from gone");
  }
}
