package dev.rowguard.audit.bench;

import dev.rowguard.audit.AuditedDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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
 * What reading {@code ON DELETE CASCADE} children costs a delete that is not a mass delete, through
 * the audited DataSource ({@code capture=keys}, the default): a delete by key on a table that no
 * table references with a cascade ({@code plain}) against the same delete on a table with two
 * cascading children ({@code tenant}: call_log, and recording through it), autocommit and inside a
 * transaction, on H2 and PostgreSQL; and on a table with a cascading foreign key onto itself
 * ({@code folder}, a tree: one level read, empty). The deletes match no row, so the figures are the
 * reads alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CascadeCostBenchmark {

  @Param({"h2", "postgresql"})
  public String database;

  private BenchDatabase db;
  private Path logDir;
  private AuditedDataSource audited;
  private Connection autoCommit;
  private Connection inTransaction;
  private PreparedStatement plain;
  private PreparedStatement cascading;
  private PreparedStatement plainInTx;
  private PreparedStatement cascadingInTx;
  private PreparedStatement tree;
  private int n;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    db = BenchDatabase.start(database, "cascadecost");
    DataSource raw = db.dataSource;
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table plain (id int primary key, name varchar(20))");
      s.execute("create table tenant (id int primary key, name varchar(20))");
      s.execute(
          "create table call_log (id int primary key,"
              + " tenant_id int not null references tenant(id) on delete cascade)");
      s.execute("create index call_log_tenant on call_log (tenant_id)");
      s.execute(
          "create table recording (id int primary key,"
              + " call_log_id int not null references call_log(id) on delete cascade)");
      s.execute("create index recording_call_log on recording (call_log_id)");
      s.execute(
          "create table folder (id int primary key,"
              + " parent_id int references folder(id) on delete cascade)");
      s.execute("create index folder_parent on folder (parent_id)");
      for (int i = 1; i <= 100; i++) {
        s.execute("insert into plain values (" + i + ", 'p')");
        s.execute("insert into tenant values (" + i + ", 't')");
        s.execute("insert into call_log values (" + i + ", " + i + ")");
        s.execute("insert into recording values (" + i + ", " + i + ")");
        s.execute("insert into folder values (" + i + ", " + (i == 1 ? "null" : i - 1) + ")");
      }
    }
    logDir = BenchDirectories.create();
    audited = AuditedDataSource.builder(raw).logDirectory(logDir).build();
    autoCommit = audited.getConnection();
    inTransaction = audited.getConnection();
    inTransaction.setAutoCommit(false);
    plain = autoCommit.prepareStatement("delete from plain where id = ?");
    cascading = autoCommit.prepareStatement("delete from tenant where id = ?");
    plainInTx = inTransaction.prepareStatement("delete from plain where id = ?");
    cascadingInTx = inTransaction.prepareStatement("delete from tenant where id = ?");
    tree = autoCommit.prepareStatement("delete from folder where id = ?");
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

  /** A delete by key, matching no row, on a table without cascading children. */
  @Benchmark
  public int deleteByKey() throws SQLException {
    plain.setInt(1, -1);
    return plain.executeUpdate();
  }

  /** The same on a table with cascading children: one read per cascading foreign key. */
  @Benchmark
  public int deleteByKeyWithCascades() throws SQLException {
    cascading.setInt(1, -1);
    return cascading.executeUpdate();
  }

  /**
   * The same on a table whose cascading foreign key references itself: one read of the first level
   * below (empty), which repeats the delete's WHERE twice.
   */
  @Benchmark
  public int deleteByKeyOnATree() throws SQLException {
    tree.setInt(1, -1);
    return tree.executeUpdate();
  }

  /** {@link #deleteByKey()} inside a transaction (committed every 1000 deletes). */
  @Benchmark
  public int deleteByKeyInTransaction() throws SQLException {
    plainInTx.setInt(1, -1);
    return commitEvery1000(plainInTx.executeUpdate());
  }

  /** {@link #deleteByKeyWithCascades()} inside a transaction: the reads take FOR UPDATE locks. */
  @Benchmark
  public int deleteByKeyWithCascadesInTransaction() throws SQLException {
    cascadingInTx.setInt(1, -1);
    return commitEvery1000(cascadingInTx.executeUpdate());
  }

  private int commitEvery1000(int rows) throws SQLException {
    if (++n % 1000 == 0) {
      inTransaction.commit();
    }
    return rows;
  }
}
