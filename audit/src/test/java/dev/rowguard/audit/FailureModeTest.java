package dev.rowguard.audit;

import static dev.rowguard.audit.AuditTestSupport.count;
import static dev.rowguard.audit.AuditTestSupport.customers;
import static dev.rowguard.audit.AuditTestSupport.events;
import static dev.rowguard.audit.AuditTestSupport.h2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogFiles;
import dev.rowguard.audit.log.LogRecord;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FailureModeTest {

  @TempDir Path tmp;

  /**
   * A log directory that cannot be created (a file is in the way; permissions do not stop root).
   */
  private Path unwritable() throws Exception {
    Path file = tmp.resolve("not-a-directory");
    Files.writeString(file, "x");
    return file.resolve("audit");
  }

  /**
   * A log directory whose current file is /dev/full: every write fails with "No space left on
   * device".
   */
  private Path fullDisk() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("full"));
    Files.createSymbolicLink(dir.resolve("audit-000001.jsonl"), Path.of("/dev/full"));
    return dir;
  }

  @Test
  void failOpenLetsTheDeleteRun() throws Exception {
    DataSource raw = h2();
    customers(raw, 200);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, unwritable());
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("delete from customer")).isEqualTo(200);
    }
    assertThat(count(raw)).isZero();
  }

  @Test
  void failClosedRefusesTheDeleteBeforeItRuns() throws Exception {
    DataSource raw = h2();
    customers(raw, 200);
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(unwritable()).failClosed().build();
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("delete from customer"))
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining(
              "it is not a directory; set rowguard.audit.directory to a directory");
      // Everything that does not delete still works.
      assertThat(s.executeUpdate("update customer set name = 'x' where id = 1")).isEqualTo(1);
    }
    assertThat(count(raw)).isEqualTo(200);
  }

  @Test
  void fullDiskIsReportedInOneLineAndFailClosedRefuses() throws Exception {
    DataSource raw = h2();
    customers(raw, 200);
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(fullDisk()).failClosed().build();
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("delete from customer"))
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining(
              "the disk is full; free space on it or set rowguard.audit.directory to another disk");
    }
    assertThat(count(raw)).isEqualTo(200);
  }

  /**
   * failClosed TRUNCATE whose record cannot be written (another writer holds the directory lock
   * past writeTimeoutSeconds): refused before it runs, so no row goes unrecorded. Before, it ran
   * and committed (no savepoint holds it) and then threw "could not record this delete".
   */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void failClosedTruncateIsRefusedBeforeItRunsWhenItsRecordCannotBeWritten(Databases db)
      throws Exception {
    DataSource raw = db.get();
    customers(raw, 200);
    Path dir = tmp.resolve("log");
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw)
                .logDirectory(dir)
                .failClosed()
                .writeTimeout(Duration.ofSeconds(1))
                .build();
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      try (FileChannel other =
              FileChannel.open(dir.resolve(LogFiles.LOCK_FILE), StandardOpenOption.WRITE);
          FileLock held = other.lock()) {
        assertThatThrownBy(() -> s.execute("truncate table customer"))
            .isInstanceOf(AuditUnavailableException.class)
            .hasMessageContaining("refused this TRUNCATE (failClosed)");
        assertThat(held.isValid()).isTrue();
      }
      assertThat(count(raw)).isEqualTo(200);
      // The lock is free again: the same TRUNCATE is recorded, then runs.
      s.execute("truncate table customer");
    }
    assertThat(count(raw)).isZero();
    assertThat(events(dir)).extracting(LogRecord::kindName).containsExactly("truncate");
  }

  /**
   * failClosed with a working writer: the TRUNCATE is recorded before it runs; one that then fails
   * is followed by its rollback, so the log does not claim rows that are still there.
   */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void failClosedTruncateIsRecordedBeforeItRunsAndAFailedOneIsRolledBack(Databases db)
      throws Exception {
    DataSource raw = db.get();
    customers(raw, 200);
    Path dir = tmp.resolve("log");
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).failClosed().build();
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("truncate table customer");
      assertThatThrownBy(() -> s.execute("truncate table no_such_table"))
          .isInstanceOf(SQLException.class)
          .isNotInstanceOf(AuditUnavailableException.class);
    }
    assertThat(count(raw)).isZero();
    List<LogRecord> events = events(dir);
    assertThat(events)
        .extracting(LogRecord::kindName)
        .containsExactly("truncate", "truncate", "rollback");
    assertThat(events.get(0).string(Fields.DB_COLLECTION)).isEqualTo("customer");
    assertThat(events.get(0).string(Fields.TRIGGER)).isEqualTo("truncate");
    assertThat(events.get(1).string(Fields.DB_COLLECTION)).isEqualTo("no_such_table");
    assertThat(events.get(2).string(Fields.TX)).isEqualTo(events.get(1).string(Fields.TX));
    assertThat(events.get(0).string(Fields.TX)).isNotEqualTo(events.get(1).string(Fields.TX));
  }

  @Test
  void badOptionsAreOneLineMessages() {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("rowguard.audit.directory", tmp.toString());
    p.setProperty("rowguard.audit.durability", "eventually");
    assertThatThrownBy(() -> AuditedDataSource.fromProperties(h2(), p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rowguard.audit.durability must be sync or async, was 'eventually'");
    p.setProperty("rowguard.audit.durability", "async");
    p.setProperty("rowguard.audit.rowThreshhold", "5");
    assertThatThrownBy(() -> AuditedDataSource.fromProperties(h2(), p))
        .hasMessageStartingWith("unknown property rowguard.audit.rowThreshhold; known: ");
    assertThatThrownBy(() -> AuditedDataSource.builder(h2()).build())
        .hasMessageStartingWith("the audit log directory is not set");
  }

  @Test
  void propertiesConfigureEveryOption() throws Exception {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("rowguard.audit.directory", tmp.resolve("log").toString());
    p.setProperty("rowguard.audit.durability", "async");
    p.setProperty("rowguard.audit.failureMode", "failClosed");
    p.setProperty("rowguard.audit.rowThreshold", "10");
    p.setProperty("rowguard.audit.maxRowsPerStatement", "1000");
    p.setProperty("rowguard.audit.maxRowsPerTransaction", "2000");
    p.setProperty("rowguard.audit.maskQueryText", "false");
    p.setProperty("rowguard.audit.callSiteExcludes", "com.acme.dao., com.acme.base.");
    p.setProperty("rowguard.audit.contextMdcKeys", "tenant");
    p.setProperty("rowguard.audit.checkpointEveryRecords", "50");
    p.setProperty("rowguard.audit.checkpointIntervalSeconds", "5");
    p.setProperty("rowguard.audit.maxFileBytes", "4096");
    try (AuditedDataSource ds = AuditedDataSource.fromProperties(h2(), p)) {
      AuditOptions o = ds.options();
      assertThat(o.durability()).isEqualTo(dev.rowguard.audit.log.Durability.ASYNC);
      assertThat(o.failureMode()).isEqualTo(FailureMode.FAIL_CLOSED);
      assertThat(o.rowThreshold()).isEqualTo(10);
      assertThat(o.maxRowsPerStatement()).isEqualTo(1000);
      assertThat(o.maxRowsPerTransaction()).isEqualTo(2000);
      assertThat(o.maskQueryText()).isFalse();
      assertThat(o.callSiteExcludes()).containsExactly("com.acme.dao.", "com.acme.base.");
      assertThat(o.contextMdcKeys()).containsExactly("tenant");
      assertThat(o.checkpointEveryRecords()).isEqualTo(50);
      assertThat(o.checkpointInterval()).hasSeconds(5);
      assertThat(o.maxFileBytes()).isEqualTo(4096);
      assertThat(ds.logDirectory()).isEqualTo(tmp.resolve("log").toAbsolutePath());
    }
  }
}
