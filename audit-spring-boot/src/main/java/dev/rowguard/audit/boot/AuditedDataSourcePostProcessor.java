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

  /**
   * The {@code rowguard.audit.*} properties as bound by Spring (camelCase, kebab-case, environment
   * variables); the builder maps each name to its {@code AuditOption} and rejects unknown ones.
   */
  private Properties auditProperties() {
    Map<String, String> bound =
        Binder.get(environment)
            .bind("rowguard.audit", Bindable.mapOf(String.class, String.class))
            .orElse(Map.of());
    Properties p = new Properties();
    bound.forEach(
        (name, value) -> {
          if (!name.equals(ENABLED)) {
            p.setProperty(AuditOption.PREFIX + name, value);
          }
        });
    return p;
  }

  /** The Spring (kebab-case) name of an option: {@code rowThreshold} is {@code row-threshold}. */
  static String springName(AuditOption<?> option) {
    return option.name().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
  }

  /** The Spring-only switch next to the options. */
  static final String ENABLED = "enabled";
}
