package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.Capture;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.cli.report.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A transaction that deletes by a statement whose rows cannot be captured (a deleting CTE on
 * PostgreSQL, H2's {@code MERGE ... THEN DELETE}) and by key: the log says which rows were not
 * captured and why, and the plan, restoring the rest, says it is incomplete and exits 1.
 */
class RestoreNotCapturedTest {

  @TempDir Path tmp;

  private static int count(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from customer")) {
      r.next();
      return r.getInt(1);
    }
  }

  @ParameterizedTest
  @EnumSource(RestorePlanTest.Db.class)
  void aStatementWhoseRowsWereNotCapturedMakesThePlanIncomplete(RestorePlanTest.Db db)
      throws Exception {
    DataSource raw = db.fresh("notcaptured");
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table customer (id int primary key, tenant varchar(20), name varchar(50))");
      s.execute("create table offboarded (tenant varchar(20))");
      s.execute("insert into offboarded values ('acme')");
      s.execute("create table archive (id int, tenant varchar(20), name varchar(50))");
      try (PreparedStatement p = c.prepareStatement("insert into customer values (?, ?, ?)")) {
        for (int i = 1; i <= 400; i++) {
          p.setInt(1, i);
          p.setString(2, i % 2 == 0 ? "acme" : "globex");
          p.setString(3, "name " + i);
          p.addBatch();
        }
        p.executeBatch();
      }
    }
    String join =
        db == RestorePlanTest.Db.H2
            ? "merge into customer c using offboarded o on c.tenant = o.tenant and c.id <= 60"
                + " when matched then delete"
            : "with d as (delete from customer where tenant = 'acme' and id <= 60 returning *)"
                + " insert into archive select * from d";
    String why =
        db == RestorePlanTest.Db.H2 ? "MERGE ... DELETE" : "a DELETE inside WITH (a deleting CTE)";
    Path log = tmp.resolve("audit");
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(log).capture(Capture.ROWS).build();
        Connection c = ds.getConnection();
        Statement s = c.createStatement();
        PreparedStatement p = c.prepareStatement("delete from customer where id = ?")) {
      c.setAutoCommit(false);
      assertThat(s.executeUpdate(join)).isEqualTo(30);
      for (int i = 301; i <= 400; i++) {
        p.setInt(1, i);
        assertThat(p.executeUpdate()).isEqualTo(1);
      }
      c.commit();
    }
    assertThat(count(raw)).isEqualTo(270);
    LogRecord aggregate =
        LogReader.records(log).stream()
            .filter(r -> r.kindName().equals("tx_aggregate"))
            .findFirst()
            .orElseThrow();
    assertThat(aggregate.string(Fields.ROWS_NOT_CAPTURED)).isEqualTo(why);
    assertThat(aggregate.number(Fields.ROWS_NOT_CAPTURED_STATEMENTS)).isEqualTo(1);

    Path plan = tmp.resolve("plan.sql");
    CliRun run =
        CliRun.run(
            "audit",
            "restore-plan",
            log.toString(),
            "--tx",
            RestorePlanTest.txOf(log),
            "-o",
            plan.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip())
        .isEqualTo(
            "rowguard audit restore-plan: the plan is incomplete: rows of 1 statement(s) not"
                + " captured: customer: "
                + why
                + "; it restores only the rows that were captured");
    String script = Files.readString(plan);
    assertThat(script)
        .contains("-- INCOMPLETE: rows of 1 statement(s) not captured: customer: " + why)
        .contains("-- restores: customer, 100 row(s)");
    db.apply(raw, script);
    assertThat(count(raw)).isEqualTo(370);
  }
}
