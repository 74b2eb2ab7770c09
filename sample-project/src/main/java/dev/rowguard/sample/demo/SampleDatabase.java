package dev.rowguard.sample.demo;

import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.sample.tenant.CallLog;
import dev.rowguard.sample.tenant.Recording;
import dev.rowguard.sample.tenant.Tenant;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * The sample's database as production would set it up: H2 behind rowguard's audited DataSource
 * (with its defaults: {@code capture=keys}), Hibernate on top. (No Spring Boot: the demo wires the
 * few pieces it needs by hand.) The database is a file, {@code OUTPUT_DIR/db/sample.mv.db}, so that
 * the demo's restore step can apply its plan to it afterwards.
 */
final class SampleDatabase implements AutoCloseable {

  private final AuditedDataSource dataSource;
  private final EntityManagerFactory entityManagerFactory;

  /** The JDBC URL of the demo's database in {@code out}. */
  static String url(Path out) {
    return "jdbc:h2:file:" + out.toAbsolutePath().resolve("db").resolve("sample");
  }

  /** The JDBC URL of the demo's nightly backup in {@code out}. */
  static String backupUrl(Path out) {
    return "jdbc:h2:file:" + out.toAbsolutePath().resolve("backup").resolve("sample");
  }

  SampleDatabase(Path out, Path auditLogDirectory) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url(out));
    h2.setUser("sa");
    dataSource = AuditedDataSource.wrap(h2, auditLogDirectory);
    Configuration hibernate =
        new Configuration()
            .addAnnotatedClass(Tenant.class)
            .addAnnotatedClass(CallLog.class)
            .addAnnotatedClass(Recording.class)
            .setProperty(AvailableSettings.HBM2DDL_AUTO, "create");
    // A DataSource instance, not a URL: every statement goes through the audit wrapper.
    hibernate.getProperties().put(AvailableSettings.DATASOURCE, dataSource);
    entityManagerFactory = hibernate.buildSessionFactory();
  }

  EntityManagerFactory entityManagerFactory() {
    return entityManagerFactory;
  }

  Path auditLogDirectory() {
    return dataSource.logDirectory();
  }

  @Override
  public void close() throws Exception {
    entityManagerFactory.close();
    dataSource.close();
  }
}
