import dev.rowguard.audit.log.AuditLogWriter;
import dev.rowguard.audit.log.Durability;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogEntry;
import dev.rowguard.audit.log.LogFiles;
import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.audit.log.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Writes an audit log of about the given size with the real writer (async durability, default
 * rotation and checkpoints) for bench/audit-verify-bench.sh and bench/audit-timeline-bench.sh. Records
 * look like the logger's: deletes with context and call site, each followed by its commit. The
 * writer's clock (file opens, checkpoints) follows the records' times, as on a real host.
 *
 * <p>Usage: java -cp cli/target/rowguard.jar bench/WriteAuditLog.java DIR MEGABYTES
 */
public final class WriteAuditLog {
  /** The time of the record being written. */
  static final class LogTime extends Clock {
    volatile Instant now;

    LogTime(Instant start) {
      now = start;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long target = Long.parseLong(args[1]) * 1_000_000L;
    Instant t = Instant.parse("2026-11-21T08:00:00Z");
    long n = 0;
    LogTime clock = new LogTime(t);
    try (AuditLogWriter w = AuditLogWriter.open(dir, WriterOptions.defaults().withDurability(Durability.ASYNC).withClock(clock))) {
      while (true) {
        for (int i = 0; i < 10_000; i++, n++) {
          String tx = "k3x9q2-" + n;
          t = t.plusMillis(7);
          clock.now = t;
          w.append(LogEntry.of(RecordKind.DELETE, t)
              .put(Fields.DB_SYSTEM, "postgresql").put(Fields.DB_NAMESPACE, "shop")
              .put(Fields.DB_COLLECTION, "customer").put(Fields.DB_OPERATION, "DELETE")
              .put(Fields.DB_QUERY_TEXT, "DELETE FROM customer WHERE tenant_id NOT IN (?, ?, ?)")
              .put(Fields.AFFECTED_ROWS, 100 + n % 5000).put(Fields.TRIGGER, "row_threshold")
              .put(Fields.TX, tx).put(Fields.THREAD, "sync-" + (n % 8)).put(Fields.HOST, "app-1").put(Fields.PID, 4711)
              .put(Fields.CODE_FUNCTION, "com.example.TenantSync.sync").put(Fields.CODE_FILE, "TenantSync.java")
              .put(Fields.CODE_LINE, 42)
              .put(Fields.CONTEXT, Map.of("tenant", "tenant-" + (n % 97), "requestId", "req-" + n)));
          w.append(LogEntry.of(RecordKind.COMMIT, t.plusMillis(1)).put(Fields.TX, tx).put(Fields.AFFECTED_ROWS, 100 + n % 5000)
              .put(Fields.THREAD, "sync-" + (n % 8)).put(Fields.HOST, "app-1").put(Fields.PID, 4711));
        }
        w.flush();
        long size = 0;
        for (Path f : LogFiles.list(dir)) {
          size += Files.size(f);
        }
        if (size >= target) {
          System.out.printf("wrote %,d bytes in %d files (%,d deletes with their commits)%n", size, LogFiles.list(dir).size(), n);
          return;
        }
      }
    }
  }
}
