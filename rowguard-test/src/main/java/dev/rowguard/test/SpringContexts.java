package dev.rowguard.test;

import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The Spring test context's DataSource bean, when Spring's test support is on the class path. */
final class SpringContexts {

  private static final boolean SPRING_TEST =
      present("org.springframework.test.context.junit.jupiter.SpringExtension");

  private SpringContexts() {}

  static Optional<DataSource> dataSource(ExtensionContext context) {
    if (!SPRING_TEST) {
      return Optional.empty();
    }
    return Spring.dataSource(context);
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, SpringContexts.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Loaded only when spring-test is present. */
  private static final class Spring {
    static Optional<DataSource> dataSource(ExtensionContext context) {
      var beans =
          org.springframework.test.context.junit.jupiter.SpringExtension.getApplicationContext(
                  context)
              .getBeanProvider(DataSource.class);
      return Optional.ofNullable(beans.getIfUnique());
    }
  }
}
