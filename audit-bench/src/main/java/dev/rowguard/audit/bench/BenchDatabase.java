package dev.rowguard.audit.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The database of a benchmark's {@code database} parameter: {@code h2} (in memory, named {@code
 * h2Name}) or {@code postgresql} (an embedded server started for the trial, as the tests use).
 */
final class BenchDatabase implements AutoCloseable {

  final DataSource dataSource;
  private final EmbeddedPostgres postgres;

  private BenchDatabase(DataSource dataSource, EmbeddedPostgres postgres) {
    this.dataSource = dataSource;
    this.postgres = postgres;
  }

  static BenchDatabase start(String database, String h2Name) throws IOException {
    if (database.equals("h2")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:" + h2Name + ";DB_CLOSE_DELAY=-1");
      return new BenchDatabase(h2, null);
    }
    EmbeddedPostgres postgres = EmbeddedPostgres.start();
    return new BenchDatabase(postgres.getPostgresDatabase(), postgres);
  }

  @Override
  public void close() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }
}
