package dev.rowguard.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Watches the deletes of each test method: a {@link DeleteWatch} opens before the method and closes
 * after it; declare a {@code DeleteWatch} parameter to assert on it. The DataSource is the test
 * instance's {@code DataSource} field (a {@link DeleteWatch#watchable} one), else the Spring test
 * context's DataSource bean (wrapped by the rowguard audit auto-configuration with {@code
 * rowguard.audit.row-threshold=1}).
 *
 * <pre>{@code
 * @WatchDeletes
 * class TenantSyncTest {
 *   DataSource dataSource = DeleteWatch.watchable(h2);
 *
 *   @Test
 *   void sync(DeleteWatch watch) {
 *     sync.run();
 *     assertThatDeletes(watch).touchOnly("tenant").atMost(1);
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(DeleteWatchExtension.class)
public @interface WatchDeletes {}
