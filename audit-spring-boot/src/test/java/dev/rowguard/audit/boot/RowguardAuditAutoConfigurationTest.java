package dev.rowguard.audit.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.AuditOption;
import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.LogVerifier;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

class RowguardAuditAutoConfigurationTest {

  @TempDir Path dir;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(RowguardAuditAutoConfiguration.class))
          .withBean(
              DataSource.class,
              () -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL("jdbc:h2:mem:boot;DB_CLOSE_DELAY=-1");
                return h2;
              });

  @Test
  void leavesTheDataSourceAloneWithoutADirectory() {
    runner.run(
        ctx -> assertThat(ctx.getBean(DataSource.class)).isNotInstanceOf(AuditedDataSource.class));
    runner
        .withPropertyValues("rowguard.audit.directory=" + dir, "rowguard.audit.enabled=false")
        .run(
            ctx ->
                assertThat(ctx.getBean(DataSource.class)).isNotInstanceOf(AuditedDataSource.class));
  }

  @Test
  void wrapsTheDataSourceAndAppliesProperties() throws Exception {
    runner
        .withPropertyValues(
            "rowguard.audit.directory=" + dir,
            "rowguard.audit.row-threshold=5",
            "rowguard.audit.maxRowsPerStatement=1000",
            "rowguard.audit.failure-mode=fail-closed")
        .run(
            ctx -> {
              DataSource ds = ctx.getBean(DataSource.class);
              assertThat(ds).isInstanceOf(AuditedDataSource.class);
              AuditedDataSource audited = (AuditedDataSource) ds;
              assertThat(audited.options().rowThreshold()).isEqualTo(5);
              assertThat(audited.options().maxRowsPerStatement()).isEqualTo(1000);
              assertThat(audited.options().failureMode())
                  .isEqualTo(dev.rowguard.audit.FailureMode.FAIL_CLOSED);
              JdbcTemplate jdbc = new JdbcTemplate(ds);
              jdbc.execute("create table t (id int)");
              jdbc.update("insert into t select x from system_range(1, 10)");
              assertThat(jdbc.update("delete from t where id > 2")).isEqualTo(8);
            });
    assertThat(LogVerifier.verify(dir, null).problems()).isEmpty();
    assertThat(LogReader.records(dir)).extracting(LogRecord::kindName).contains("delete");
  }

  @Test
  void unknownNamesAreRejectedInOneLine() {
    runner
        .withPropertyValues("rowguard.audit.directory=" + dir, "rowguard.audit.row-treshold=5")
        .run(
            ctx ->
                assertThat(ctx)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageStartingWith(
                        "unknown property rowguard.audit.row-treshold; known: "));
  }

  @Test
  void springNamesAreKebabCase() {
    assertThat(AuditedDataSourcePostProcessor.springName(AuditOption.MAX_ROWS_PER_TRANSACTION))
        .isEqualTo("max-rows-per-transaction");
  }
}
