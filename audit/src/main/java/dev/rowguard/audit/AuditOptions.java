package dev.rowguard.audit;

import static dev.rowguard.audit.AuditOption.CALL_SITE_EXCLUDES;
import static dev.rowguard.audit.AuditOption.CHECKPOINT_EVERY_RECORDS;
import static dev.rowguard.audit.AuditOption.CHECKPOINT_INTERVAL_SECONDS;
import static dev.rowguard.audit.AuditOption.CONTEXT_MDC_KEYS;
import static dev.rowguard.audit.AuditOption.DIRECTORY;
import static dev.rowguard.audit.AuditOption.DURABILITY;
import static dev.rowguard.audit.AuditOption.FAILURE_MODE;
import static dev.rowguard.audit.AuditOption.HEARTBEAT_INTERVAL_SECONDS;
import static dev.rowguard.audit.AuditOption.MASK_QUERY_TEXT;
import static dev.rowguard.audit.AuditOption.MAX_FILE_BYTES;
import static dev.rowguard.audit.AuditOption.MAX_ROWS_PER_STATEMENT;
import static dev.rowguard.audit.AuditOption.MAX_ROWS_PER_TRANSACTION;
import static dev.rowguard.audit.AuditOption.ROW_THRESHOLD;
import static dev.rowguard.audit.AuditOption.SIGNING_KEY;
import static dev.rowguard.audit.AuditOption.WITNESS;
import static dev.rowguard.audit.AuditOption.WRITE_TIMEOUT_SECONDS;

import dev.rowguard.audit.log.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every option of an {@link AuditedDataSource}, one component per {@link AuditOption} (where each
 * option's name, default, validation and meaning are declared); built with {@link
 * AuditedDataSource#builder} or from {@code rowguard.audit.*} properties.
 *
 * @param directory {@link AuditOption#DIRECTORY}
 * @param durability {@link AuditOption#DURABILITY}
 * @param failureMode {@link AuditOption#FAILURE_MODE}
 * @param rowThreshold {@link AuditOption#ROW_THRESHOLD}
 * @param maxRowsPerStatement {@link AuditOption#MAX_ROWS_PER_STATEMENT}
 * @param maxRowsPerTransaction {@link AuditOption#MAX_ROWS_PER_TRANSACTION}
 * @param maskQueryText {@link AuditOption#MASK_QUERY_TEXT}
 * @param callSiteExcludes {@link AuditOption#CALL_SITE_EXCLUDES}
 * @param contextMdcKeys {@link AuditOption#CONTEXT_MDC_KEYS}
 * @param checkpointEveryRecords {@link AuditOption#CHECKPOINT_EVERY_RECORDS}
 * @param checkpointInterval {@link AuditOption#CHECKPOINT_INTERVAL_SECONDS}
 * @param signingKey {@link AuditOption#SIGNING_KEY}, or null for unsigned checkpoints
 * @param maxFileBytes {@link AuditOption#MAX_FILE_BYTES}
 * @param writeTimeout {@link AuditOption#WRITE_TIMEOUT_SECONDS}
 * @param heartbeatInterval {@link AuditOption#HEARTBEAT_INTERVAL_SECONDS}
 * @param witness {@link AuditOption#WITNESS}, or null for none
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
    @Nullable Path signingKey,
    long maxFileBytes,
    Duration writeTimeout,
    Duration heartbeatInterval,
    @Nullable Path witness) {

  /**
   * @throws IllegalArgumentException with the one-line message of the first option that is not
   *     valid
   */
  public AuditOptions {
    DIRECTORY.check(directory);
    DURABILITY.check(durability);
    FAILURE_MODE.check(failureMode);
    ROW_THRESHOLD.check(rowThreshold);
    MAX_ROWS_PER_STATEMENT.check(maxRowsPerStatement);
    MAX_ROWS_PER_TRANSACTION.check(maxRowsPerTransaction);
    MASK_QUERY_TEXT.check(maskQueryText);
    CALL_SITE_EXCLUDES.check(callSiteExcludes);
    CONTEXT_MDC_KEYS.check(contextMdcKeys);
    CHECKPOINT_EVERY_RECORDS.check(checkpointEveryRecords);
    CHECKPOINT_INTERVAL_SECONDS.check(checkpointInterval);
    SIGNING_KEY.check(signingKey);
    MAX_FILE_BYTES.check(maxFileBytes);
    WRITE_TIMEOUT_SECONDS.check(writeTimeout);
    HEARTBEAT_INTERVAL_SECONDS.check(heartbeatInterval);
    WITNESS.check(witness);
    callSiteExcludes = List.copyOf(callSiteExcludes);
    contextMdcKeys = List.copyOf(contextMdcKeys);
  }

  /** The defaults for {@code directory}. */
  public static AuditOptions defaults(Path directory) {
    Map<AuditOption<?>, Object> values = new HashMap<>();
    values.put(DIRECTORY, directory);
    return of(values);
  }

  /** The options set in {@code values}, the defaults for the others. */
  @SuppressWarnings("NullAway") // each component is checked by its option in the constructor
  static AuditOptions of(Map<AuditOption<?>, Object> values) {
    return new AuditOptions(
        DIRECTORY.in(values),
        DURABILITY.in(values),
        FAILURE_MODE.in(values),
        ROW_THRESHOLD.in(values),
        MAX_ROWS_PER_STATEMENT.in(values),
        MAX_ROWS_PER_TRANSACTION.in(values),
        MASK_QUERY_TEXT.in(values),
        CALL_SITE_EXCLUDES.in(values),
        CONTEXT_MDC_KEYS.in(values),
        CHECKPOINT_EVERY_RECORDS.in(values),
        CHECKPOINT_INTERVAL_SECONDS.in(values),
        SIGNING_KEY.in(values),
        MAX_FILE_BYTES.in(values),
        WRITE_TIMEOUT_SECONDS.in(values),
        HEARTBEAT_INTERVAL_SECONDS.in(values),
        WITNESS.in(values));
  }

  /** True when a guard limit is set. */
  public boolean guarded() {
    return maxRowsPerStatement > 0 || maxRowsPerTransaction > 0;
  }
}
