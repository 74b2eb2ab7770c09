package dev.rowguard.audit.boot;

import dev.rowguard.audit.AuditOption;
import dev.rowguard.audit.AuditedDataSource;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Replaces each DataSource bean with an {@link AuditedDataSource} around it. Closing the context
 * closes the audit log and then the wrapped DataSource (a pool, say).
 */
final class AuditedDataSourcePostProcessor implements BeanPostProcessor {

  private final Environment environment;

  AuditedDataSourcePostProcessor(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof DataSource ds) || bean instanceof AuditedDataSource) {
      return bean;
    }
    return AuditedDataSource.builder(ds).properties(auditProperties()).closeTarget(true).build();
  }

  /** The {@code rowguard.audit.*} properties with names as AuditProperties expects them. */
  private Properties auditProperties() {
    Map<String, String> bound = Binder.get(environment)
        .bind(AuditOption.PREFIX.substring(0, AuditOption.PREFIX.length() - 1), Bindable.mapOf(String.class, String.class))
        .orElse(Map.of());
    Properties p = new Properties();
    bound.forEach((name, value) -> {
      if (!name.equals("enabled")) {
        // Spring's relaxed names (row-threshold, ROW_THRESHOLD) are the option's own: AuditOption
        // matches them; an unknown name goes through as it is, for the one-line error it deserves.
        p.setProperty(AuditOption.named(name).map(AuditOption::property).orElse(AuditOption.PREFIX + name), value);
      }
    });
    return p;
  }
}
