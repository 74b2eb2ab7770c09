package dev.rowguard.test;

import static dev.rowguard.test.DeleteAssertions.assertThatDeletes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

@WatchDeletes
class WatchDeletesFieldTest {

  private final WatchedDataSource dataSource = DeleteWatch.watchable(h2());
  private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

  private static JdbcDataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:field" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }

  @AfterEach
  void close() throws Exception {
    jdbc.execute("drop all objects");
    dataSource.close();
  }

  @Test
  void theWatchIsAParameterAndSeesTheMethodsDeletes(DeleteWatch watch) {
    jdbc.execute("create table tenant (id int primary key, tenant_id int)");
    jdbc.update("insert into tenant values (1, 1), (2, 2), (3, 2)");
    jdbc.update("delete from tenant where tenant_id = 2");
    assertThatDeletes(watch).touchOnly("tenant").atMost(2).onlyRowsWhere("tenant_id", 2);
    assertThatThrownBy(() -> assertThatDeletes(watch).atMost(1))
        .hasMessageContaining("1 beyond the allowance");
  }
}
