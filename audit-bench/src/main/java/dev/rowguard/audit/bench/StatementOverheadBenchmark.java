package dev.rowguard.audit.bench;

import dev.rowguard.audit.AuditedDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.h2.jdbcx.JdbcDataSource;
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
 * Time per statement through the raw H2 DataSource, bare datasource-proxy (no listeners) and the
 * audited DataSource, for a non-delete statement, for a delete that is not a mass delete (so it is
 * classified and tallied but not written), and for a mass delete (recorded and fsync'ed before it
 * returns, one thread: no group commit to share the fsync). The differences are the added cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StatementOverheadBenchmark {

  @Param({"raw", "proxy", "audited"})
  public String dataSource;

  private Path logDir;
  private AuditedDataSource audited;
  private Connection connection;
  private PreparedStatement select;
  private PreparedStatement delete;
  private PreparedStatement massDelete;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
    try (Connection c = h2.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table if not exists account (id int primary key, balance int)");
      s.execute("merge into account values (1, 100)");
      s.execute("create table if not exists session_token (id int)");
    }
    logDir = BenchDirectories.create();
    DataSource ds =
        switch (dataSource) {
          case "raw" -> h2;
          case "proxy" -> ProxyDataSourceBuilder.create(h2).build();
          case "audited" -> audited = AuditedDataSource.wrap(h2, logDir);
          default -> throw new IllegalArgumentException(dataSource);
        };
    connection = ds.getConnection();
    select = connection.prepareStatement("select balance from account where id = ?");
    delete = connection.prepareStatement("delete from account where id = ?");
    massDelete = connection.prepareStatement("delete from session_token");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    connection.close();
    if (audited != null) {
      audited.close();
    }
    BenchDirectories.delete(logDir);
  }

  @Benchmark
  public int select() throws SQLException {
    select.setInt(1, 1);
    try (ResultSet r = select.executeQuery()) {
      r.next();
      return r.getInt(1);
    }
  }

  @Benchmark
  public int deleteNoMatch() throws SQLException {
    delete.setInt(1, -1);
    return delete.executeUpdate();
  }

  /** A DELETE without WHERE on an empty table: audited, it is recorded and fsync'ed (sync). */
  @Benchmark
  public int massDelete() throws SQLException {
    return massDelete.executeUpdate();
  }
}
