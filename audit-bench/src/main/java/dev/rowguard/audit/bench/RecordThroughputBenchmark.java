package dev.rowguard.audit.bench;

import dev.rowguard.audit.log.Durability;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogEntry;
import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.audit.log.Trigger;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * Records per second one log directory takes from 256 appending threads with {@code
 * durability=sync}: every append waits until its record is fsync'ed, so the figure is what group
 * commit achieves. Records look like real delete records (about 600 bytes).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(256)
public class RecordThroughputBenchmark extends LogWriterState {

  @Override
  protected Durability durability() {
    return Durability.SYNC;
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
        .put(Fields.TRIGGER, Trigger.ROW_THRESHOLD.wireName())
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
