package dev.rowguard.audit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** The real databases the audit tests run against: H2 in memory and an embedded PostgreSQL. */
enum Databases implements Supplier<DataSource> {
  H2 {
    @Override
    public DataSource get() {
      return AuditTestSupport.h2();
    }
  },
  POSTGRESQL {
    @Override
    public DataSource get() {
      return postgres().getPostgresDatabase();
    }
  };

  private static EmbeddedPostgres postgres;

  /** One server for the whole test JVM; stopped when the JVM exits. */
  static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
