package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.Capture;
import dev.rowguard.cli.report.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A tree of folders whose {@code parent_id} cascades onto the table itself: deleting a top folder
 * takes its whole subtree. The audit logger captures the subtree level by level; the plan must put
 * a parent back before its children, or the foreign key refuses the insert.
 */
class RestoreTreeTest {

  @TempDir Path tmp;

  /** Folder 1 with 3 children and 6 grandchildren; folder 100 with 2 children, kept. */
  private static void schema(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "create table folder (id bigint primary key,"
              + " parent_id bigint references folder(id) on delete cascade,"
              + " name varchar(50) not null)");
    }
    try (Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("insert into folder values (?, ?, ?)")) {
      // children get lower ids than their parents' later siblings, so id order is not tree order
      long[][] rows = {
        {1, 0},
        {100, 0},
        {2, 1},
        {3, 1},
        {4, 1},
        {101, 100},
        {102, 100},
        {5, 2},
        {6, 2},
        {7, 3},
        {8, 3},
        {9, 4},
        {10, 4},
      };
      for (long[] r : rows) {
        p.setLong(1, r[0]);
        if (r[1] == 0) {
          p.setNull(2, java.sql.Types.BIGINT);
        } else {
          p.setLong(2, r[1]);
        }
        p.setString(3, "folder " + r[0]);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private static List<String> snapshot(DataSource ds) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id, parent_id, name from folder order by id")) {
      while (rs.next()) {
        rows.add(rs.getLong(1) + "/" + rs.getObject(2) + "/" + rs.getString(3));
      }
    }
    return rows;
  }

  @ParameterizedTest
  @EnumSource(RestorePlanTest.Db.class)
  void aDeletedSubtreeIsRestoredParentsFirst(RestorePlanTest.Db db) throws Exception {
    DataSource raw = db.fresh("restoretree");
    schema(raw);
    List<String> before = snapshot(raw);
    Path log = tmp.resolve("audit");
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw)
                .logDirectory(log)
                .capture(Capture.ROWS)
                .rowThreshold(5)
                .build();
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThat(s.executeUpdate("delete from folder where id = 1")).isEqualTo(1);
      c.commit();
    }
    assertThat(snapshot(raw)).hasSize(3); // 100, 101, 102

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
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    String script = Files.readString(plan);
    assertThat(script).contains("-- restores: folder, 10 row(s)");
    db.apply(raw, script);
    assertThat(snapshot(raw)).isEqualTo(before);
  }
}
