package dev.rowguard.cli.audit;

import dev.rowguard.annotations.MassDelete;
import dev.rowguard.audit.AuditContext;
import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.log.AuditLogWriter;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogEntry;
import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.audit.log.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Logs written by the real audit module for the timeline tests: an incident through
 * AuditedDataSource on H2 (with the access log its web tier would have written), and logs of
 * several hosts written with AuditLogWriter at chosen times.
 */
final class IncidentLogs {

  private static final AtomicInteger DB = new AtomicInteger();
  static final DateTimeFormatter ACCESS_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
          .withZone(ZoneOffset.ofHours(1));

  /** When {@link #incident} starts: a fixed day, so that tests never depend on the day they run. */
  static final Instant INCIDENT_START = Instant.parse("2026-11-21T10:00:00Z");

  /** What {@link #incident} did, for assertions. */
  record Incident(Path log, Path accessLog, Instant start, Instant end) {}

  private IncidentLogs() {}

  /**
   * Through AuditedDataSource (row threshold 100) on H2: request req-1 deletes 150 acme customers
   * and commits; request req-2 deletes every customer and rolls back; a @MassDelete job purges 120
   * globex invoices in autocommit; the access log has both requests with their ids.
   */
  static Incident incident(Path dir) throws Exception {
    Path log = dir.resolve("audit");
    Files.createDirectories(log);
    DataSource raw = h2();
    Clock clock = tickingFrom(INCIDENT_START);
    Instant start = clock.instant();
    try (AuditedDataSource ds =
        AuditedDataSource.builder(raw).logDirectory(log).rowThreshold(100).clock(clock).build()) {
      try (AuditContext.Scope s = AuditContext.with("tenant", "acme", "requestId", "req-1")) {
        new TenantCleanup().removeTenant(ds, "acme", true);
      }
      try (AuditContext.Scope s = AuditContext.with("tenant", "globex", "requestId", "req-2")) {
        new TenantCleanup().removeEverything(ds);
      }
      new InvoicePurge().purge(ds);
    }
    Instant end = clock.instant();
    Path access = dir.resolve("access.log");
    Files.write(
        access,
        List.of(
            accessLine("10.0.0.7", start, "DELETE /admin/tenants/acme", 204, "req-1"),
            accessLine("10.0.0.8", start, "DELETE /admin/customers", 500, "req-2"),
            accessLine("10.0.0.9", end, "GET /health", 200, "req-3")));
    return new Incident(log, access, start, end);
  }

  /**
   * Through AuditedDataSource (row threshold 100) on H2: one transaction deletes 150 customers one
   * row at a time, as an ORM flushing removed entities does, and commits.
   */
  static Path rowByRow(Path dir) throws Exception {
    Path log = dir.resolve("row-by-row");
    Files.createDirectories(log);
    try (AuditedDataSource ds =
            AuditedDataSource.builder(h2())
                .logDirectory(log)
                .rowThreshold(100)
                .clock(tickingFrom(INCIDENT_START))
                .build();
        Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement("delete from customer where id = ?")) {
        for (int id = 1; id <= 150; id++) {
          p.setInt(1, id);
          p.executeUpdate();
        }
      }
      c.commit();
    }
    return log;
  }

  /**
   * Ticks like the system clock from a fixed instant: records keep their real order and spacing,
   * and their day is the same whatever day the test runs.
   */
  static Clock tickingFrom(Instant start) {
    return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start));
  }

  /** One combined-format line with nginx's {@code "$request_id"} appended. */
  static String accessLine(
      String client, Instant time, String request, int status, String requestId) {
    return client
        + " - - ["
        + ACCESS_TIME.format(time)
        + "] \""
        + request
        + " HTTP/1.1\" "
        + status
        + " 0 \"-\" \"curl/8.5.0\" \""
        + requestId
        + "\"";
  }

  /**
   * A log of {@code host} with a committed delete of {@code rows} rows at each of {@code times}.
   */
  static Path host(Path dir, String host, Instant... times) throws Exception {
    Path log = dir.resolve(host);
    try (AuditLogWriter w = AuditLogWriter.open(log, WriterOptions.defaults())) {
      int tx = 0;
      for (Instant t : times) {
        tx++;
        String id = host + "-tx" + tx;
        w.append(statement(t, host, id, "orders", 500, Map.of("tenant", "t" + tx)));
        w.append(
            LogEntry.of(RecordKind.COMMIT, t.plusMillis(5))
                .put(Fields.TX, id)
                .put(Fields.AFFECTED_ROWS, 500)
                .put(Fields.HOST, host)
                .put(Fields.PID, 7));
      }
    }
    return log;
  }

  static LogEntry statement(
      Instant t, String host, String tx, String table, long rows, Map<String, String> context) {
    return LogEntry.of(RecordKind.DELETE, t)
        .put(Fields.DB_SYSTEM, "h2database")
        .put(Fields.DB_COLLECTION, table)
        .put(Fields.DB_OPERATION, "DELETE")
        .put(Fields.DB_QUERY_TEXT, "DELETE FROM " + table + " WHERE created < ?")
        .put(Fields.AFFECTED_ROWS, rows)
        .put(Fields.TRIGGER, "row_threshold")
        .put(Fields.TX, tx)
        .put(Fields.HOST, host)
        .put(Fields.PID, 7)
        .put(Fields.CODE_FUNCTION, "com.example.OrderArchiver.archive")
        .put(Fields.CODE_FILE, "OrderArchiver.java")
        .put(Fields.CODE_LINE, 31)
        .put(Fields.CONTEXT, context);
  }

  static final class TenantCleanup {
    void removeTenant(DataSource ds, String tenant, boolean commit) throws SQLException {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("delete from customer where tenant = ?")) {
          p.setString(1, tenant);
          p.executeUpdate();
        }
        if (commit) {
          c.commit();
        } else {
          c.rollback();
        }
      }
    }

    void removeEverything(DataSource ds) throws SQLException {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          s.executeUpdate("delete from customer");
        }
        c.rollback();
      }
    }
  }

  static final class InvoicePurge {
    @MassDelete(reason = "retention: invoices older than 10 years")
    void purge(DataSource ds) throws SQLException {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("delete from invoice where tenant = 'globex'");
      }
    }
  }

  private static DataSource h2() throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:timeline" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table customer (id int primary key, tenant varchar(20))");
      s.execute("create table invoice (id int primary key, tenant varchar(20))");
      List<String> tenants = new ArrayList<>(List.of("acme", "globex", "initech"));
      try (PreparedStatement p = c.prepareStatement("insert into customer values (?, ?)");
          PreparedStatement q = c.prepareStatement("insert into invoice values (?, ?)")) {
        for (int i = 1; i <= 450; i++) {
          p.setInt(1, i);
          p.setString(2, tenants.get(i % 3));
          p.addBatch();
          q.setInt(1, i);
          q.setString(2, i <= 120 ? "globex" : "acme");
          q.addBatch();
        }
        p.executeBatch();
        q.executeBatch();
      }
    }
    return ds;
  }
}
