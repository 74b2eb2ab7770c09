package dev.rowguard.sample.tenant;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.Capture;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.cli.Rowguard;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.RunScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tenant-sync incident through Hibernate and Spring Data ({@code deleteAllById}, the JPA
 * cascade deleting call logs and recordings one id at a time), restored with {@code rowguard audit
 * restore-plan}: the tables equal their snapshot again, on H2 and PostgreSQL.
 */
class TenantSyncRestoreTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-05T10:00:00.123456Z"), ZoneOffset.UTC);
  private static EmbeddedPostgres postgres;

  @TempDir Path tmp;

  enum Db {
    H2,
    POSTGRESQL
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static DataSource database(Db db) throws Exception {
    if (db == Db.H2) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:restoresync;DB_CLOSE_DELAY=-1");
      h2.setUser("sa");
      return h2;
    }
    postgres = EmbeddedPostgres.start();
    return postgres.getPostgresDatabase();
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void theSyncIncidentIsRestoredExactly(Db db) throws Exception {
    DataSource raw = database(db);
    Path log = tmp.resolve("audit");
    try (AuditedDataSource audited =
        AuditedDataSource.builder(raw).logDirectory(log).capture(Capture.ROWS).build()) {
      try (EntityManagerFactory emf = TenantTests.sessionFactory(audited, "create")) {
        List<String> ids = new ArrayList<>();
        TenantTests.inTransaction(
            emf,
            (em, tenants) -> {
              for (int i = 0; i < 120; i++) {
                Tenant t = new Tenant(new UUID(7, i), "Tenant " + i, CLOCK.instant());
                em.persist(t);
                for (int c = 0; c < 3; c++) {
                  em.persist(
                      new CallLog(
                          t, "+4930" + (1000 * i + c), CLOCK.instant(), Duration.ofSeconds(c)));
                }
                em.persist(new Recording(t, "s3://recordings/" + i + ".ogg", CLOCK.instant()));
                ids.add(t.getId().toString());
              }
              return null;
            });
        Map<String, List<List<String>>> before = snapshot(raw);
        TenantDirectory everyone =
            new TenantDirectory() {
              @Override
              public List<String> liveTenantIds() {
                return ids;
              }

              @Override
              public String displayName(String tenantId) {
                return tenantId;
              }
            };
        SyncResult result =
            TenantTests.inTransaction(
                emf, (em, tenants) -> new TenantSyncService(everyone, tenants, CLOCK).sync());
        assertThat(result.removed()).hasSize(120); // the String/UUID bug: every tenant went
        assertThat(snapshot(raw).get("call_log")).isEmpty();

        String tx = null;
        List<String> callSites = new ArrayList<>();
        for (LogRecord r : LogReader.records(log)) {
          if (r.kindName().equals("commit")) {
            tx = r.string(Fields.TX);
          } else if (r.kindName().equals("tx_aggregate")) {
            callSites.add(r.string(Fields.CODE_FUNCTION) + " in " + r.string(Fields.CODE_FILE));
          }
        }
        // Hibernate deletes at commit, but the call site is where Spring Data was asked to delete.
        assertThat(callSites)
            .hasSize(3)
            .containsOnly(
                TenantSyncService.class.getName()
                    + ".removeDepartedTenants in TenantSyncService.java");
        Path plan = tmp.resolve("restore.sql");
        StringWriter err = new StringWriter();
        int exit =
            Rowguard.run(
                new Rowguard.Stdin(new ByteArrayInputStream(new byte[0]), false),
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                "audit",
                "restore-plan",
                log.toString(),
                "--tx",
                tx,
                "-o",
                plan.toString());
        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        String script = Files.readString(plan, UTF_8);
        assertThat(script)
            .contains("-- restores: tenant, 120 row(s)")
            .contains("-- restores: call_log, 360 row(s)")
            .contains("-- restores: recording, 120 row(s)");
        try (Connection c = raw.getConnection()) {
          if (db == Db.H2) {
            RunScript.execute(c, new StringReader(script));
          } else {
            try (Statement s = c.createStatement()) {
              s.execute(script);
            }
          }
        }
        assertThat(snapshot(raw)).isEqualTo(before);
      }
    }
  }

  private static Map<String, List<List<String>>> snapshot(DataSource ds) throws SQLException {
    Map<String, List<List<String>>> out = new LinkedHashMap<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String table : List.of("tenant", "call_log", "recording")) {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("select * from " + table + " order by id")) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
              row.add(String.valueOf(rs.getObject(i)));
            }
            rows.add(row);
          }
        }
        out.put(table, rows);
      }
    }
    return out;
  }
}
