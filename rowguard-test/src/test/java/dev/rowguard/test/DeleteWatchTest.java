package dev.rowguard.test;

import static dev.rowguard.test.DeleteAssertions.assertThatDeletes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class DeleteWatchTest {

  private WatchedDataSource dataSource;
  private JdbcTemplate jdbc;

  @BeforeEach
  void setUp() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:watch" + System.identityHashCode(this) + ";DB_CLOSE_DELAY=-1");
    dataSource = DeleteWatch.watchable(h2);
    jdbc = new JdbcTemplate(dataSource);
    jdbc.execute("create table tenant (id int primary key, name varchar(20))");
    jdbc.execute("create table call_log (id int primary key, tenant_id int)");
    for (int i = 1; i <= 5; i++) {
      jdbc.update("insert into tenant values (?, ?)", i, "t" + i);
      jdbc.update("insert into call_log values (?, ?)", i, i);
      jdbc.update("insert into call_log values (?, ?)", 100 + i, i);
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    jdbc.execute("drop all objects");
    dataSource.close();
  }

  @Test
  void aNewWatchSeesNothingThatHappenedBeforeIt() {
    try (DeleteWatch watch = DeleteWatch.on(dataSource)) {
      jdbc.update("delete from call_log where tenant_id = ?", 2);
      jdbc.update("delete from tenant where id = ?", 2);
    }
    DeleteWatch watch = DeleteWatch.on(dataSource);
    watch.close();
    assertThatDeletes(watch).isEmpty();
  }

  @Test
  void passingAssertions() {
    DeleteWatch watch;
    try (DeleteWatch w = DeleteWatch.on(dataSource)) {
      jdbc.update("delete from call_log where tenant_id = ?", 2);
      jdbc.update("delete from tenant where id = ?", 2);
      watch = w;
    }
    assertThat(watch.deletes()).hasSize(2);
    assertThat(watch.deletes().get(1).table()).isEqualToIgnoringCase("tenant");
    assertThat(watch.deletes().get(1).callSite())
        .startsWith(DeleteWatchTest.class.getName() + ".passingAssertions(DeleteWatchTest.java:");
    assertThat(watch.deletes().get(0).outcome()).isEqualTo(RecordedDelete.Outcome.NOT_RECORDED);
    assertThatDeletes(watch)
        .touchOnly("tenant", "call_log")
        .atMost(3)
        .rowsIn("tenant", 1)
        .exactlyRowsIn("call_log", 2);
  }

  @Test
  void failureNamesTableRowsBeyondAllowanceCallSiteAndStatement() {
    DeleteWatch watch = DeleteWatch.on(dataSource);
    jdbc.update("delete from call_log where tenant_id <> ?", 2);
    watch.close();
    assertThatThrownBy(() -> assertThatDeletes(watch).rowsIn("call_log", 2))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected at most 2 deleted row(s) in call_log but 8 were deleted")
        .hasMessageContaining("(6 beyond the allowance)")
        .hasMessageContaining(
            "DeleteWatchTest.failureNamesTableRowsBeyondAllowanceCallSiteAndStatement")
        .hasMessageContaining("delete from call_log where tenant_id <> ?");
    assertThatThrownBy(() -> assertThatDeletes(watch).touchOnly("tenant"))
        .hasMessageContaining("expected deletes only in [tenant] but [8 row(s) of call_log]");
  }

  @Test
  void committedAndRolledBackTransactions() throws Exception {
    DeleteWatch watch = DeleteWatch.on(dataSource);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("delete from tenant where id = 1");
      c.rollback();
      s.executeUpdate("delete from tenant where id = 3");
      c.commit();
    }
    watch.close();
    assertThat(watch.deletes())
        .extracting(RecordedDelete::outcome)
        .containsExactly(RecordedDelete.Outcome.ROLLED_BACK, RecordedDelete.Outcome.COMMITTED);
    assertThatThrownBy(() -> assertThatDeletes(watch).nothingCommitted())
        .hasMessageContaining("expected nothing committed but 1 deleted row(s) were committed")
        .hasMessageContaining("delete from tenant where id = 3");
  }

  @Test
  void anUnwatchedDataSourceIsRefusedWithWhatToDo() {
    DataSource plain = dataSource.target();
    assertThatThrownBy(() -> DeleteWatch.on(plain))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DeleteWatch.watchable(dataSource)");
  }

  @Test
  void onlyRowsWhereNamesTheOtherTenantsRows() {
    DeleteWatch watch = DeleteWatch.on(dataSource);
    jdbc.update("delete from call_log where tenant_id in (?, ?)", 2, 3);
    jdbc.batchUpdate(
        "delete from tenant t where t.id = ?",
        java.util.List.of(new Object[] {2}, new Object[] {3}));
    watch.close();
    assertThat(watch.deletedRows()).hasSize(6);
    assertThatDeletes(watch)
        .onlyRowsWhere("tenant_id", 2, 3)
        .onlyRowsOfTableWhere("tenant", "id", 2, 3);
    assertThatThrownBy(() -> assertThatDeletes(watch).onlyRowsWhere("tenant_id", 2))
        .hasMessageContaining(
            "expected only rows with tenant_id in [2] but 2 other row(s) were deleted {call_log=2}, tenant_id = [3]")
        .hasMessageContaining(
            "call_log {id=3, tenant_id=3} by: delete from call_log where tenant_id in (?, ?)");
  }

  @Test
  void selectOfAPlainDelete() {
    assertThat(RowImages.selectOf("DELETE FROM tenant t WHERE t.id = ?"))
        .contains("select * from tenant t WHERE t.id = ?");
    assertThat(RowImages.selectOf("delete from tenant")).contains("select * from tenant");
    assertThat(RowImages.selectOf("delete from a using b where a.id = b.id")).isEmpty();
  }
}
