package dev.rowguard.test;

import static dev.rowguard.test.DeleteAssertions.assertThatDeletes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.boot.RowguardAuditAutoConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

/**
 * A Spring test whose DataSource bean the production auto-configuration wraps once (row threshold
 * 1), in a rollback-only test transaction: the deletes count as what the code would do.
 */
@SpringJUnitConfig(SpringTransactionalTest.Config.class)
@TestPropertySource(
    properties = {"rowguard.audit.row-threshold=1", "rowguard.audit.mask-query-text=false"})
@Transactional
@WatchDeletes
class SpringTransactionalTest {

  @Configuration
  @EnableTransactionManagement
  @ImportAutoConfiguration(RowguardAuditAutoConfiguration.class)
  static class Config {
    @Bean
    DataSource dataSource() {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:spring;DB_CLOSE_DELAY=-1");
      return h2;
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource ds) {
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      jdbc.execute("create table if not exists tenant (id int primary key)");
      jdbc.execute("merge into tenant key (id) values (1), (2), (3)");
      return jdbc;
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource ds) {
      return new DataSourceTransactionManager(ds);
    }
  }

  /** A directory of this run's own: the audit log takes a lock on it. */
  @DynamicPropertySource
  static void auditDirectory(DynamicPropertyRegistry registry) {
    registry.add(
        "rowguard.audit.directory",
        () -> {
          try {
            return Files.createTempDirectory("rowguard-test-spring").toString();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;

  @Test
  void rolledBackTestTransactionStillCountsTheDeletes(DeleteWatch watch) {
    assertThat(dataSource).isInstanceOf(AuditedDataSource.class);
    jdbc.update("delete from tenant where id = ?", 1);
    jdbc.update("delete from tenant where id > ?", 1);
    assertThatDeletes(watch).touchOnly("tenant").exactlyRowsIn("tenant", 3).nothingCommitted();
    assertThat(watch.deletes())
        .extracting(RecordedDelete::outcome)
        .containsOnly(RecordedDelete.Outcome.NOT_RECORDED);
  }
}
