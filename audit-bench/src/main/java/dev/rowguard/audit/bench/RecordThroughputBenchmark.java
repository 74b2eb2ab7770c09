package dev.rowguard.audit.bench;

import dev.rowguard.audit.log.AuditLogWriter;
import dev.rowguard.audit.log.Durability;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogEntry;
import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.audit.log.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Records per second one log directory takes from 256 appending threads with {@code
 * durability=sync}: every append waits until its record is fsync'ed, so the figure is what group
 * commit achieves. Records look like real delete records (about 600 bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(256)
public class RecordThroughputBenchmark {

  private Path dir;
  private AuditLogWriter writer;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("rowguard-bench");
    writer = AuditLogWriter.open(dir, WriterOptions.defaults().withDurability(Durability.SYNC));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    writer.close();
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public void append() throws Exception {
    writer.append(record());
  }

  /** A typical delete record. */
  static LogEntry record() {
    return LogEntry.of(RecordKind.DELETE, java.time.Instant.now())
        .put(Fields.DB_SYSTEM, "postgresql")
        .put(Fields.DB_NAMESPACE, "shop")
        .put(Fields.DB_COLLECTION, "customer")
        .put(Fields.DB_OPERATION, "DELETE")
        .put(Fields.DB_QUERY_TEXT, "delete from customer where tenant_id not in (?, ?, ?)")
        .put(Fields.AFFECTED_ROWS, 420)
        .put(Fields.TRIGGER, "row_threshold")
        .put(Fields.TX, "k3x9q2-17")
        .put(Fields.THREAD, Thread.currentThread().getName())
        .put(Fields.HOST, "app-1")
        .put(Fields.PID, 4711)
        .put(Fields.CODE_FUNCTION, "com.example.tenant.TenantSync.sync")
        .put(Fields.CODE_FILE, "TenantSync.java")
        .put(Fields.CODE_LINE, 42)
        .put(Fields.CONTEXT, Map.of("tenant", "acme", "requestId", "req-123"));
  }
}
