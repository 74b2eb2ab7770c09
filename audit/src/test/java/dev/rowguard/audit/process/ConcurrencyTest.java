package dev.rowguard.audit.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.AuditContext;
import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.LogVerifier;
import dev.rowguard.audit.log.VerificationResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes with four threads each on one log directory, with small files to force rotation.
 */
class ConcurrencyTest {

  private static final int THREADS = 4;
  private static final int PER_THREAD = 150;

  @TempDir Path dir;

  @Test
  void twoProcessesAndManyThreadsShareOneGapFreeChain() throws Exception {
    ChildProcesses.Child child = ChildProcesses.start(dir, "child", THREADS, PER_THREAD, 64 * 1024);
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:concurrency;DB_CLOSE_DELAY=-1");
    try (AuditedDataSource ds =
        AuditedDataSource.builder(h2).logDirectory(dir).maxFileBytes(64 * 1024).build()) {
      Thread[] threads = new Thread[THREADS];
      for (int t = 0; t < THREADS; t++) {
        String owner = "parent_t" + t;
        threads[t] = new Thread(() -> deleteRepeatedly(ds, owner));
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
    }
    assertThat(child.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
    child.awaitOutput();
    assertThat(ChildProcesses.failures(child.acked())).isEmpty();
    assertThat(child.acked()).hasSize(THREADS * PER_THREAD);

    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.problems()).isEmpty();
    assertThat(r.files()).hasSizeGreaterThan(1);
    assertThat(r.recordsByKind())
        .containsEntry("delete", 2L * THREADS * PER_THREAD)
        .containsEntry("log_open", 2L);
    List<LogRecord> records = LogReader.records(dir);
    Set<Long> pids = new HashSet<>();
    Set<String> ops = new HashSet<>();
    for (LogRecord rec : records) {
      if ("delete".equals(rec.kindName())) {
        pids.add(rec.number("pid"));
        ops.add(rec.context().get("op"));
      }
    }
    assertThat(pids).hasSize(2);
    assertThat(ops).hasSize(2 * THREADS * PER_THREAD).containsAll(child.acked());
  }

  private static void deleteRepeatedly(AuditedDataSource ds, String owner) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table item_" + owner + " (id int)");
      for (int i = 0; i < PER_THREAD; i++) {
        try (AuditContext.Scope scope = AuditContext.with("op", owner + "-" + i)) {
          s.executeUpdate("delete from item_" + owner);
        }
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
