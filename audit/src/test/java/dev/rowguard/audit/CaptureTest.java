package dev.rowguard.audit;

import static dev.rowguard.audit.AuditTestSupport.count;
import static dev.rowguard.audit.AuditTestSupport.customers;
import static dev.rowguard.audit.AuditTestSupport.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.LogVerifier;
import dev.rowguard.audit.log.Problem;
import dev.rowguard.audit.log.RowBatch;
import dev.rowguard.audit.log.RowsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code rowguard.audit.capture}: what is kept of deleted rows, on H2 and PostgreSQL. */
class CaptureTest {

  @TempDir Path dir;

  private static List<RowBatch.Table> batch(Path dir, LogRecord r) throws Exception {
    RowsFiles.Reference ref =
        new RowsFiles.Reference(r.string(Fields.ROWS_FILE), r.string(Fields.ROWS_SHA256));
    return RowsFiles.find(dir, ref).orElseThrow().batch().tables();
  }

  private static Set<Long> ids(List<RowBatch.Table> tables) {
    Set<Long> out = new TreeSet<>();
    for (RowBatch.Table t : tables) {
      int id = t.columns().indexOf("id");
      t.rows().forEach(r -> out.add((Long) r.get(id)));
    }
    return out;
  }

  private static Set<Long> range(long from, long to) {
    Set<Long> out = new TreeSet<>();
    for (long i = from; i <= to; i++) {
      out.add(i);
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void keysOfAMassDeleteAreCapturedBesideTheLog(Databases db) throws Exception {
    DataSource raw = db.fresh("capkeys");
    customers(raw, 300);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("delete from customer where id > ?")) {
      p.setInt(1, 100);
      assertThat(p.executeUpdate()).isEqualTo(200);
    }
    List<LogRecord> events = events(dir);
    assertThat(events).extracting(LogRecord::kindName).containsExactly("delete");
    LogRecord r = events.get(0);
    assertThat(r.string(Fields.CAPTURE)).isEqualTo("keys");
    assertThat(r.number(Fields.ROWS_CAPTURED)).isEqualTo(200);
    assertThat(r.string(Fields.ROWS_FILE)).isEqualTo("rows-000001.jsonl");
    List<RowBatch.Table> tables = batch(dir, r);
    assertThat(tables)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.columns()).containsExactly("id");
              assertThat(t.key()).containsExactly("id");
            });
    assertThat(ids(tables)).isEqualTo(range(101, 300));
    assertThat(count(raw)).isEqualTo(100);
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dir.resolve("rows-000001.jsonl"))))
          .isEqualTo("rw-------");
    }
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void rowsModeKeepsEveryColumnInTheTransaction(Databases db) throws Exception {
    DataSource raw = db.fresh("caprows");
    customers(raw, 300);
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).capture(Capture.ROWS).build();
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThat(s.executeUpdate("delete from customer where tenant = 'acme'")).isEqualTo(150);
      c.commit();
    }
    LogRecord r = events(dir).get(0);
    assertThat(r.string(Fields.CAPTURE)).isEqualTo("rows");
    RowBatch.Table t = batch(dir, r).get(0);
    assertThat(t.columns()).containsExactly("id", "tenant", "name");
    assertThat(t.rows()).hasSize(150).allSatisfy(row -> assertThat(row.get(1)).isEqualTo("acme"));
    assertThat(t.rows().get(0).get(2)).isEqualTo("name " + t.rows().get(0).get(0));
  }

  /** An ORM deleting one id at a time: every row is captured, not only those after the crossing. */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void rowByRowTransactionCapturesEveryRow(Databases db) throws Exception {
    DataSource raw = db.fresh("caprowbyrow");
    customers(raw, 130);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("delete from customer where id=?")) {
      c.setAutoCommit(false);
      for (int i = 1; i <= 120; i++) {
        p.setInt(1, i);
        assertThat(p.executeUpdate()).isEqualTo(1);
      }
      p.setInt(1, 999); // deletes nothing: not captured
      assertThat(p.executeUpdate()).isZero();
      for (int i = 121; i <= 125; i++) { // a JDBC batch after the crossing
        p.setInt(1, i);
        p.addBatch();
      }
      p.executeBatch();
      c.commit();
    }
    List<LogRecord> events = events(dir);
    assertThat(events).extracting(LogRecord::kindName).containsExactly("tx_aggregate", "commit");
    assertThat(events.get(0).number(Fields.ROWS_CAPTURED)).isEqualTo(100);
    assertThat(events.get(1).number(Fields.ROWS_CAPTURED)).isEqualTo(25);
    Set<Long> all = new TreeSet<>(ids(batch(dir, events.get(0))));
    all.addAll(ids(batch(dir, events.get(1))));
    assertThat(all).isEqualTo(range(1, 125));
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void belowTheThresholdOrRolledBackNothingIsKept(Databases db) throws Exception {
    DataSource raw = db.fresh("capbelow");
    customers(raw, 300);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      for (int i = 1; i <= 50; i++) {
        s.executeUpdate("delete from customer where id = " + i);
      }
      c.commit();
      for (int i = 51; i <= 100; i++) {
        s.executeUpdate("delete from customer where id = " + i);
      }
      c.rollback();
    }
    assertThat(events(dir)).isEmpty();
    assertThat(RowsFiles.list(dir)).isEmpty();
    assertThat(count(raw)).isEqualTo(250);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void perTableOverridesAndUnchangedErrors(Databases db) throws Exception {
    DataSource raw = db.fresh("capover");
    customers(raw, 300);
    java.util.Properties props = new java.util.Properties();
    props.setProperty("rowguard.audit.capture", "none");
    props.setProperty("rowguard.audit.captureRows", "CUSTOMER");
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).properties(props).build();
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThatThrownBy(() -> s.executeUpdate("delete from no_such_table where x = 1"))
          .isInstanceOf(SQLException.class);
      if (db == Databases.POSTGRESQL) {
        c.rollback(); // the application's own failed statement aborted its transaction
      }
      assertThat(s.executeUpdate("delete from customer where id <= 200")).isEqualTo(200);
      c.commit();
    }
    LogRecord r = events(dir).get(0);
    assertThat(r.string(Fields.CAPTURE)).isEqualTo("rows");
    assertThat(batch(dir, r).get(0).rows()).hasSize(200);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void verifyReportsAMissingOrAlteredRowsFile(Databases db) throws Exception {
    DataSource raw = db.fresh("capverify");
    customers(raw, 300);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("delete from customer where id <= 200");
    }
    Path rows = dir.resolve("rows-000001.jsonl");
    assertThat(LogVerifier.verify(dir, null).intact()).isTrue();
    String text = Files.readString(rows);
    Files.writeString(rows, text.replace("[17]", "[71]"));
    assertThat(LogVerifier.verify(dir, null).firstBreak())
        .hasValueSatisfying(p -> assertThat(p.type()).isEqualTo(Problem.Type.ROWS_ALTERED));
    Files.delete(rows);
    List<Problem.Type> types = new ArrayList<>();
    LogVerifier.verify(dir, null).problems().forEach(p -> types.add(p.type()));
    assertThat(types).containsExactly(Problem.Type.ROWS_MISSING);
  }
}
