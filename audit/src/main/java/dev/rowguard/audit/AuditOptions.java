package dev.rowguard.audit;

import dev.rowguard.audit.log.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every option of an {@link AuditedDataSource}; built with {@link AuditedDataSource#builder} or
 * from {@code rowguard.audit.*} properties ({@link AuditProperties}).
 *
 * @param directory the log directory (created if missing)
 * @param durability {@code sync} (default) or {@code async}
 * @param failureMode {@code failOpen} (default) or {@code failClosed}
 * @param rowThreshold a DELETE affecting at least this many rows, or a transaction whose DELETEs on
 *     one table add up to it, is a mass delete (default 100)
 * @param maxRowsPerStatement guard: roll back and refuse a DELETE affecting more rows; 0 = off
 * @param maxRowsPerTransaction guard: roll back and refuse a DELETE that brings its transaction's
 *     deleted rows on one table above this; 0 = off
 * @param maskQueryText replace literals in {@code db.query.text} with {@code ?} (default true)
 * @param callSiteExcludes extra class-name prefixes skipped when looking for the call site
 * @param contextMdcKeys SLF4J MDC keys copied into {@code context}
 * @param checkpointEveryRecords a checkpoint after this many records (default 1000)
 * @param checkpointInterval or this long after the last one (default 60 s)
 * @param signingKey PEM file with the Ed25519 key that signs checkpoints, or null
 * @param maxFileBytes rotate log files at this size (default 64 MiB)
 */
public record AuditOptions(
    Path directory,
    Durability durability,
    FailureMode failureMode,
    long rowThreshold,
    long maxRowsPerStatement,
    long maxRowsPerTransaction,
    boolean maskQueryText,
    List<String> callSiteExcludes,
    List<String> contextMdcKeys,
    int checkpointEveryRecords,
    Duration checkpointInterval,
    Path signingKey,
    long maxFileBytes) {

  public static final List<String> DEFAULT_MDC_KEYS = List.of("tenant", "user", "requestId", "request_id", "route");

  public AuditOptions {
    if (directory == null) {
      throw new IllegalArgumentException("the audit log directory is not set: pass it to AuditedDataSource.wrap or set rowguard.audit.directory");
    }
    if (rowThreshold < 1) {
      throw new IllegalArgumentException("rowguard.audit.rowThreshold must be at least 1, was " + rowThreshold);
    }
    if (maxRowsPerStatement < 0 || maxRowsPerTransaction < 0) {
      throw new IllegalArgumentException("rowguard.audit.maxRowsPerStatement and maxRowsPerTransaction must be >= 0 (0 = off)");
    }
    callSiteExcludes = List.copyOf(callSiteExcludes);
    contextMdcKeys = List.copyOf(contextMdcKeys);
  }

  /** The defaults for {@code directory}. */
  public static AuditOptions defaults(Path directory) {
    return new AuditOptions(directory, Durability.SYNC, FailureMode.FAIL_OPEN, 100, 0, 0, true, List.of(),
        DEFAULT_MDC_KEYS, 1000, Duration.ofSeconds(60), null, 64L << 20);
  }

  /** True when a guard limit is set. */
  public boolean guarded() {
    return maxRowsPerStatement > 0 || maxRowsPerTransaction > 0;
  }
}
