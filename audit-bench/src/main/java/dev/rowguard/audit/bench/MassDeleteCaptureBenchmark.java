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
 * A 10,000-row mass delete in a transaction (recorded, durability=sync) with {@code capture=none},
 * {@code keys} and {@code rows}, on H2 and on PostgreSQL (embedded): the rows are inserted again
 * before each delete, outside the time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MassDeleteCaptureBenchmark {

  private static final int ROWS = 10_000;

  @Param({"none", "keys", "rows"})
  public String capture;

  @Param({"h2", "postgresql"})
  public String database;

  private BenchDatabase db;
  private Path logDir;
  private AuditedDataSource audited;
  private Connection connection;
  private Connection filler;
  private PreparedStatement insert;
  private PreparedStatement delete;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    db = BenchDatabase.start(database, "massdelete" + capture);
    DataSource raw = db.dataSource;
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "create table if not exists session_token (id int primary key, account int, token"
              + " varchar(64), created_at timestamp with time zone)");
    }
    logDir = BenchDirectories.create();
    audited =
        AuditedDataSource.builder(raw)
            .logDirectory(logDir)
            .capture(Capture.valueOf(capture.toUpperCase(Locale.ROOT)))
            .build();
    connection = audited.getConnection();
    connection.setAutoCommit(false);
    // The rows go back through the database's own connection: the time is the delete's alone.
    filler = raw.getConnection();
    filler.setAutoCommit(false);
    insert =
        filler.prepareStatement("insert into session_token values (?, ?, ?, current_timestamp)");
    delete = connection.prepareStatement("delete from session_token where account = ?");
  }

  @Setup(Level.Invocation)
  public void fill() throws SQLException {
    for (int i = 0; i < ROWS; i++) {
      insert.setInt(1, i);
      insert.setInt(2, 7);
      insert.setString(3, "token-" + i + "-0123456789abcdef0123456789abcdef");
      insert.addBatch();
    }
    insert.executeBatch();
    filler.commit();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    connection.close();
    filler.close();
    audited.close();
    BenchDirectories.delete(logDir);
    db.close();
  }

  @Benchmark
  public int massDelete() throws SQLException {
    delete.setInt(1, 7);
    int rows = delete.executeUpdate();
    connection.commit();
    return rows;
  }
}
