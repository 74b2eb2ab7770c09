package dev.rowguard.test;

import static dev.rowguard.test.DeleteAssertions.assertThatDeletes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The watch and its row images on a real PostgreSQL, with UUID keys. */
class PostgresDeleteWatchTest {

  private static EmbeddedPostgres postgres;
  private static WatchedDataSource dataSource;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.start();
    dataSource = DeleteWatch.watchable(postgres.getPostgresDatabase());
  }

  @AfterAll
  static void stop() throws Exception {
    dataSource.close();
    postgres.close();
  }

  @Test
  void rowImagesOfAPreparedDeleteInARolledBackTransaction() throws Exception {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.execute("create table call_log (id serial primary key, tenant_id uuid not null)");
    String mine = "00000000-0000-0000-0000-000000000001";
    String other = "00000000-0000-0000-0000-000000000002";
    jdbc.update(
        "insert into call_log (tenant_id) values (?::uuid), (?::uuid), (?::uuid)",
        mine,
        other,
        other);
    DeleteWatch watch = DeleteWatch.on(dataSource);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("delete from call_log where tenant_id <> ?::uuid")) {
      c.setAutoCommit(false);
      ps.setString(1, mine); // the bug: the condition inverted
      ps.executeUpdate();
      c.rollback();
    }
    watch.close();
    assertThatDeletes(watch).touchOnly("call_log").nothingCommitted();
    assertThatThrownBy(() -> assertThatDeletes(watch).onlyRowsWhere("tenant_id", mine))
        .hasMessageContaining(
            "2 other row(s) were deleted {call_log=2}, tenant_id = [" + other + "]")
        .hasMessageContaining("delete from call_log where tenant_id <> ?::uuid");
    jdbc.execute("drop table call_log");
  }
}
