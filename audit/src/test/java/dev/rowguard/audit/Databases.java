package dev.rowguard.audit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The real databases the audit tests run against: H2 in memory and an embedded PostgreSQL. */
public enum Databases implements Supplier<DataSource> {
  H2 {
    @Override
    public DataSource get() {
      return AuditTestSupport.h2();
    }

    @Override
    public DataSource fresh(String name) {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
      return ds;
    }
  },
  POSTGRESQL {
    @Override
    public DataSource get() {
      return postgres().getPostgresDatabase();
    }

    @Override
    public DataSource fresh(String name) {
      String db = name.toLowerCase(Locale.ROOT);
      try (Connection c = get().getConnection();
          Statement s = c.createStatement()) {
        s.execute("drop database if exists " + db);
        s.execute("create database " + db);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return postgres().getDatabase("postgres", db);
    }
  };

  private static EmbeddedPostgres postgres;

  /** A new, empty database called {@code name} (letters and digits). */
  public abstract DataSource fresh(String name);

  /** One server for the whole test JVM; stopped when the JVM exits. */
  static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // the JVM is exiting; the server's own shutdown hook removes its files
                    }
                  }));
    }
    return postgres;
  }
}
