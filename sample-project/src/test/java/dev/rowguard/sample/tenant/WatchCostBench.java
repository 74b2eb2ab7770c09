package dev.rowguard.sample.tenant;

import static dev.rowguard.test.DeleteAssertions.assertThatDeletes;

import dev.rowguard.test.DeleteWatch;
import dev.rowguard.test.WatchedDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Benchmark (not a test) of what rowguard-test's watch costs a test: the sample's blast-radius
 * test, run whole (a new H2 database, Hibernate booted, tenants seeded, the sync, the assertion,
 * tear down), once with a plain DataSource and its rows counted by SQL afterwards, once watched and
 * asserted with {@code assertThatDeletes}. The two alternate in every round (ABBA order) so a noisy
 * machine slows both alike; the figure is the ratio of the medians. Run by {@code
 * bench/watch-bench.sh}; the results are in docs/PERFORMANCE.md, "rowguard-test".
 *
 * <p>Arguments: {@code rounds tenants...}; each tenant has three call logs and one recording, as in
 * the demo. Two scenarios per size: the fixed sync (one tenant departed) and the shipped bug (every
 * tenant deleted, the most the watch has to capture).
 */
public final class WatchCostBench {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);

  private static int databases;

  private WatchCostBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int[] sizes =
        args.length > 1
            ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
            : new int[] {4, 120};
    System.out.printf(
        Locale.ROOT,
        "rounds %d, %d cores, load average %s%n",
        rounds,
        Runtime.getRuntime().availableProcessors(),
        loadAverage());
    for (int tenants : sizes) {
      for (boolean bug : new boolean[] {false, true}) {
        measure(tenants, bug, rounds);
      }
    }
  }

  private static void measure(int tenants, boolean bug, int rounds) throws Exception {
    for (int i = 0; i < 3; i++) { // warm-up: class loading, JIT, Hibernate's caches
      runTest(tenants, bug, false);
      runTest(tenants, bug, true);
    }
    List<Long> plain = new ArrayList<>();
    List<Long> watched = new ArrayList<>();
    List<Long> plainCpu = new ArrayList<>();
    List<Long> watchedCpu = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      boolean watchedFirst = round % 2 == 1;
      for (int k = 0; k < 2; k++) {
        boolean watch = (k == 0) == watchedFirst;
        long cpu = processCpuNanos();
        (watch ? watched : plain).add(runTest(tenants, bug, watch));
        (watch ? watchedCpu : plainCpu).add(processCpuNanos() - cpu);
      }
    }
    String scenario = bug ? "shipped bug (all gone)" : "fixed sync (1 gone)";
    print(tenants, scenario, "wall", plain, watched);
    print(tenants, scenario, "CPU ", plainCpu, watchedCpu);
  }

  private static void print(
      int tenants, String scenario, String what, List<Long> plain, List<Long> watched) {
    double p = median(plain);
    double w = median(watched);
    System.out.printf(
        Locale.ROOT,
        "%4d tenants, %-22s %s: unwatched median %7.1f ms [%.1f-%.1f], watched %7.1f ms"
            + " [%.1f-%.1f] -> %.2fx%n",
        tenants,
        scenario,
        what,
        p / 1e6,
        min(plain) / 1e6,
        max(plain) / 1e6,
        w / 1e6,
        min(watched) / 1e6,
        max(watched) / 1e6,
        w / p);
  }

  /** CPU time of the whole process (every thread: the log writer's too). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** One whole test, set-up and tear-down included, in nanoseconds. */
  private static long runTest(int tenants, boolean bug, boolean watch) throws Exception {
    long start = System.nanoTime();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:watchcost" + databases++ + ";DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    WatchedDataSource watchable = watch ? DeleteWatch.watchable(h2) : null;
    DataSource dataSource = watchable != null ? watchable : h2;
    EntityManagerFactory emf = TenantTests.sessionFactory(dataSource, "create-drop");
    try {
      List<String> ids = seed(emf, tenants);
      List<String> live = ids.subList(0, tenants - 1);
      TenantDirectory directory = TenantTests.directoryListing(live);
      int departed = bug ? tenants : 1;
      if (watchable != null) {
        try (DeleteWatch w = DeleteWatch.on(watchable)) {
          sync(emf, directory, bug);
          w.close();
          assertThatDeletes(w)
              .touchOnly("tenant", "call_log", "recording")
              .exactlyRowsIn("tenant", departed)
              .exactlyRowsIn("call_log", 3 * departed)
              .exactlyRowsIn("recording", departed);
        }
      } else {
        sync(emf, directory, bug);
        expectRows(h2, "tenant", tenants - departed);
        expectRows(h2, "call_log", 3 * (tenants - departed));
        expectRows(h2, "recording", tenants - departed);
      }
    } finally {
      emf.close();
      if (watchable != null) {
        watchable.close();
      }
      try (Connection c = h2.getConnection();
          Statement s = c.createStatement()) {
        s.execute("shutdown");
      }
    }
    return System.nanoTime() - start;
  }

  private static List<String> seed(EntityManagerFactory emf, int tenants) {
    return TenantTests.inTransaction(
        emf,
        (em, repository) -> {
          List<String> ids = new ArrayList<>();
          for (int i = 0; i < tenants; i++) {
            Tenant t = new Tenant(new UUID(0, i + 1), "Tenant " + (i + 1), CLOCK.instant());
            em.persist(t);
            for (int c = 0; c < 3; c++) {
              em.persist(
                  new CallLog(t, "+4930" + (100 * i + c), CLOCK.instant(), Duration.ofSeconds(60)));
            }
            em.persist(
                new Recording(t, "s3://recordings/" + t.getId() + "/1.ogg", CLOCK.instant()));
            ids.add(t.getId().toString());
          }
          return ids;
        });
  }

  private static void sync(EntityManagerFactory emf, TenantDirectory directory, boolean bug) {
    TenantTests.inTransaction(
        emf,
        (em, tenants) ->
            bug
                ? new TenantSyncService(directory, tenants, CLOCK).sync()
                : new FixedTenantSync(directory, tenants).sync());
  }

  private static void expectRows(DataSource dataSource, String table, int expected)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      if (rs.getInt(1) != expected) {
        throw new AssertionError(table + ": " + rs.getInt(1) + " rows, expected " + expected);
      }
    }
  }

  private static double median(List<Long> values) {
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static long min(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).min().orElse(0);
  }

  private static long max(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().orElse(0);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
