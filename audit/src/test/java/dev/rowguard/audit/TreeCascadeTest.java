package dev.rowguard.audit;

import static dev.rowguard.audit.AuditTestSupport.events;
import static dev.rowguard.audit.CascadeCaptureTest.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.RowBatch;
import dev.rowguard.audit.log.RowsFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12: a table with an {@code ON DELETE CASCADE} foreign key onto itself (a tree): its
 * descendants are counted and captured, at a bounded depth, each row once, cycles stopped; on H2
 * and PostgreSQL.
 */
class TreeCascadeTest {

  @TempDir Path dir;

  /**
   * {@code folder} rows {@code ids[i]} with parent {@code parents[i]} (0: none), each with {@code
   * filesEach} documents ({@code doc.folder_id ... on delete cascade}).
   */
  private static void tree(DataSource ds, int filesEach, int[][] folders) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "create table folder (id int primary key,"
              + " parent_id int references folder(id) on delete cascade, owner varchar(20))");
      s.execute(
          "create table doc (id int primary key,"
              + " folder_id int not null references folder(id) on delete cascade)");
      try (PreparedStatement f = c.prepareStatement("insert into folder values (?, ?, ?)");
          PreparedStatement g = c.prepareStatement("insert into doc values (?, ?)")) {
        for (int[] folder : folders) {
          f.setInt(1, folder[0]);
          if (folder[1] == 0) {
            f.setNull(2, java.sql.Types.INTEGER);
          } else {
            f.setInt(2, folder[1]);
          }
          f.setString(3, folder[0] < 100 ? "ann" : "bob");
          f.executeUpdate();
          for (int k = 0; k < filesEach; k++) {
            g.setInt(1, folder[0] * 100 + k);
            g.setInt(2, folder[0]);
            g.executeUpdate();
          }
        }
      }
    }
  }

  /** A chain of folders 1 <- 2 <- ... <- n. */
  private static int[][] chain(int n) {
    int[][] out = new int[n][];
    for (int i = 1; i <= n; i++) {
      out[i - 1] = new int[] {i, i - 1};
    }
    return out;
  }

  private static Set<Long> ids(Path dir, LogRecord r, String table) throws Exception {
    RowsFiles.Reference ref =
        new RowsFiles.Reference(r.string(Fields.ROWS_FILE), r.string(Fields.ROWS_SHA256));
    Set<Long> out = new TreeSet<>();
    for (RowBatch.Table t : RowsFiles.find(dir, ref).orElseThrow().batch().tables()) {
      if (t.table().equals(table)) {
        int id = t.columns().indexOf("id");
        t.rows().forEach(row -> out.add((Long) row.get(id)));
      }
    }
    return out;
  }

  /** Deleting the root of a tree of 7 folders (4 levels below it) with 20 documents each. */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void theDescendantsOfADeletedFolderAndTheirFilesAreCountedAndCaptured(Databases db)
      throws Exception {
    DataSource raw = db.fresh("treecascade");
    tree(raw, 20, new int[][] {{1, 0}, {2, 1}, {3, 1}, {4, 2}, {5, 4}, {6, 5}, {7, 3}, {8, 0}});
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("delete from folder where id = ?")) {
      c.setAutoCommit(false);
      p.setInt(1, 1);
      assertThat(p.executeUpdate()).isEqualTo(1);
      c.commit();
    }
    assertThat(count(raw, "folder")).isEqualTo(1);
    assertThat(count(raw, "doc")).isEqualTo(20);
    LogRecord r = events(dir).get(0);
    assertThat(r.kindName()).isEqualTo("delete");
    assertThat(r.number(Fields.AFFECTED_ROWS)).isEqualTo(1);
    assertThat(r.string(Fields.TRIGGER)).isEqualTo("cascade_threshold");
    assertThat(r.counts(Fields.CASCADE_DELETED_ROWS)).isEqualTo(Map.of("folder", 6L, "doc", 140L));
    assertThat(ids(dir, r, "folder")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(ids(dir, r, "doc")).hasSize(140);
  }

  /**
   * A delete whose own rows include descendants of each other (every folder of an owner, nested):
   * they are its own rows, not cascaded ones, and each file is counted once.
   */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void rowsTheStatementDeletesItselfAreNotCountedAgain(Databases db) throws Exception {
    DataSource raw = db.fresh("treeoverlap");
    tree(raw, 30, new int[][] {{1, 0}, {2, 1}, {3, 2}, {4, 1}, {200, 4}});
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("delete from folder where owner = 'ann'")).isEqualTo(4);
    }
    LogRecord r = events(dir).get(0);
    // folder 200 (bob's) goes by cascade under folder 4; the files of all five folders once
    assertThat(r.counts(Fields.CASCADE_DELETED_ROWS)).isEqualTo(Map.of("folder", 1L, "doc", 150L));
    assertThat(count(raw, "doc")).isZero();
  }

  /** Folders 10 and 11 are each other's parent: the walk ends when it comes back to the top. */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void aCycleInTheDataEndsTheWalk(Databases db) throws Exception {
    DataSource raw = db.fresh("treecycle");
    tree(raw, 60, new int[][] {{10, 0}, {11, 10}, {12, 11}});
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("update folder set parent_id = 11 where id = 10");
    }
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("delete from folder where id = 10")).isEqualTo(1);
    }
    LogRecord r = events(dir).get(0);
    assertThat(r.counts(Fields.CASCADE_DELETED_ROWS)).isEqualTo(Map.of("folder", 2L, "doc", 180L));
    assertThat(count(raw, "folder")).isZero();
  }

  /**
   * A chain deeper than the bound: the first {@value RowCapture#MAX_TREE_DEPTH} levels below the
   * deleted row are counted, the database removes all (a documented limit).
   */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void levelsBeyondTheBoundAreNotCounted(Databases db) throws Exception {
    DataSource raw = db.fresh("treedeep");
    int depth = RowCapture.MAX_TREE_DEPTH + 4;
    tree(raw, 0, chain(depth + 1));
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).rowThreshold(5).build();
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("delete from folder where id = 1")).isEqualTo(1);
    }
    assertThat(count(raw, "folder")).isZero();
    LogRecord r = events(dir).get(0);
    assertThat(r.counts(Fields.CASCADE_DELETED_ROWS))
        .isEqualTo(Map.of("folder", (long) RowCapture.MAX_TREE_DEPTH, "doc", 0L));
  }

  /** The guard counts a tree's descendants too. */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void theGuardCountsTheDescendants(Databases db) throws Exception {
    DataSource raw = db.fresh("treeguard");
    tree(raw, 0, chain(12));
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).maxRowsPerStatement(10).build();
        Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("delete from folder where id = ?")) {
      p.setInt(1, 1);
      assertThatThrownBy(p::executeUpdate)
          .isInstanceOfSatisfying(
              MassDeleteBlockedException.class, e -> assertThat(e.affectedRows()).isEqualTo(12));
    }
    assertThat(count(raw, "folder")).isEqualTo(12);
  }
}
