package dev.rowguard.audit.boot;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Wraps every {@link DataSource} bean in an {@code AuditedDataSource} once {@code
 * rowguard.audit.directory} is set; every other {@code rowguard.audit.*} property applies
 * (camelCase or kebab-case names). {@code rowguard.audit.enabled=false} turns it off.
 */
@AutoConfiguration
@ConditionalOnClass(DataSource.class)
@ConditionalOnProperty(prefix = "rowguard.audit", name = "directory")
public class RowguardAuditAutoConfiguration {

  /** Static: a post-processor must exist before the DataSource beans it wraps. */
  @Bean
  @ConditionalOnProperty(prefix = "rowguard.audit", name = "enabled", matchIfMissing = true)
  static AuditedDataSourcePostProcessor rowguardAuditedDataSourcePostProcessor(
      Environment environment) {
    return new AuditedDataSourcePostProcessor(environment);
  }
}
