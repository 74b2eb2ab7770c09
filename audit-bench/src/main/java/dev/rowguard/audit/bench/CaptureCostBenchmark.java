package dev.rowguard.audit.bench;

import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.Capture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What {@code rowguard.audit.capture} adds to deletes that are not mass deletes, through the
 * audited DataSource on H2 and on PostgreSQL (embedded): a delete by key and a delete by another
 * column, on an autocommit connection and inside a transaction (where captures are kept until the
 * transaction ends), and a select. Compare {@code capture=none} (the audit logger without capture)
 * with {@code keys} and {@code rows}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CaptureCostBenchmark {

  @Param({"none", "keys", "rows"})
  public String capture;

  @Param({"h2", "postgresql"})
  public String database;

  private BenchDatabase db;
  private Path logDir;
  private AuditedDataSource audited;
  private Connection autoCommit;
  private Connection inTransaction;
  private PreparedStatement select;
  private PreparedStatement byKey;
  private PreparedStatement byKeyInTx;
  private PreparedStatement byOtherColumn;
  private int n;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    db = BenchDatabase.start(database, "capturecost" + capture);
    DataSource raw = db.dataSource;
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table if not exists account (id int primary key, owner int, balance int)");
      s.execute("delete from account");
      s.execute("insert into account values (1, 1, 100)");
    }
    logDir = BenchDirectories.create();
    audited =
        AuditedDataSource.builder(raw)
            .logDirectory(logDir)
            .capture(Capture.valueOf(capture.toUpperCase(Locale.ROOT)))
            .build();
    autoCommit = audited.getConnection();
    inTransaction = audited.getConnection();
    inTransaction.setAutoCommit(false);
    select = autoCommit.prepareStatement("select balance from account where id = ?");
    byKey = autoCommit.prepareStatement("delete from account where id = ?");
    byOtherColumn = autoCommit.prepareStatement("delete from account where owner = ?");
    byKeyInTx = inTransaction.prepareStatement("delete from account where id = ?");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    autoCommit.close();
    inTransaction.rollback();
    inTransaction.close();
    audited.close();
    BenchDirectories.delete(logDir);
    db.close();
  }

  @Benchmark
  public int select() throws SQLException {
    select.setInt(1, 1);
    try (var r = select.executeQuery()) {
      r.next();
      return r.getInt(1);
    }
  }

  /** A single-row delete by primary key (what an ORM issues), matching no row, autocommit. */
  @Benchmark
  public int deleteByKey() throws SQLException {
    byKey.setInt(1, -1);
    return byKey.executeUpdate();
  }

  /** The same inside a transaction (committed every 1000 deletes). */
  @Benchmark
  public int deleteByKeyInTransaction() throws SQLException {
    byKeyInTx.setInt(1, -1);
    int rows = byKeyInTx.executeUpdate();
    if (++n % 1000 == 0) {
      inTransaction.commit();
    }
    return rows;
  }

  /** A delete by another column: capture reads its keys first. */
  @Benchmark
  public int deleteByOtherColumn() throws SQLException {
    byOtherColumn.setInt(1, -1);
    return byOtherColumn.executeUpdate();
  }
}
