package dev.rowguard.test;

import java.lang.reflect.Field;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link WatchDeletes}: one {@link DeleteWatch} per test method,
 * resolvable as a parameter. The DataSource is looked up when each test method starts, so the order
 * of {@code @WatchDeletes} and Spring's {@code @SpringBootTest}/{@code @DataJpaTest} does not
 * matter.
 */
public final class DeleteWatchExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(DeleteWatchExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    DataSource ds =
        fromField(context.getRequiredTestInstance())
            .or(() -> SpringContexts.dataSource(context))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "@WatchDeletes: "
                            + context.getRequiredTestClass().getName()
                            + " has no DataSource field and no Spring test context with a DataSource bean"));
    context.getStore(NS).put(DeleteWatch.class, DeleteWatch.on(ds));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    DeleteWatch watch = context.getStore(NS).remove(DeleteWatch.class, DeleteWatch.class);
    if (watch != null) {
      watch.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
    return p.getParameter().getType() == DeleteWatch.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext context) {
    DeleteWatch watch = context.getStore(NS).get(DeleteWatch.class, DeleteWatch.class);
    if (watch == null) {
      throw new ParameterResolutionException("@WatchDeletes: no watch is open for this method");
    }
    return watch;
  }

  private static Optional<DataSource> fromField(Object testInstance) {
    for (Class<?> c = testInstance.getClass(); c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (DataSource.class.isAssignableFrom(f.getType())) {
          @Nullable Object value = read(f, testInstance);
          if (value instanceof DataSource ds) {
            return Optional.of(ds);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static @Nullable Object read(Field f, Object instance) {
    try {
      f.setAccessible(true);
      return f.get(instance);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
