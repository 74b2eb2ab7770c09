package dev.rowguard.audit;

import static dev.rowguard.audit.AuditOption.CALL_SITE_EXCLUDES;
import static dev.rowguard.audit.AuditOption.CAPTURE;
import static dev.rowguard.audit.AuditOption.CAPTURE_MAX_ROWS;
import static dev.rowguard.audit.AuditOption.CAPTURE_NONE;
import static dev.rowguard.audit.AuditOption.CAPTURE_PUBLIC_KEY;
import static dev.rowguard.audit.AuditOption.CAPTURE_ROWS;
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
 * @param capture {@link AuditOption#CAPTURE}
 * @param captureRows {@link AuditOption#CAPTURE_ROWS}
 * @param captureNone {@link AuditOption#CAPTURE_NONE}
 * @param captureMaxRows {@link AuditOption#CAPTURE_MAX_ROWS}
 * @param capturePublicKey {@link AuditOption#CAPTURE_PUBLIC_KEY}, or null for unencrypted captures
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
    Capture capture,
    List<String> captureRows,
    List<String> captureNone,
    long captureMaxRows,
    @Nullable Path capturePublicKey,
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
    CAPTURE.check(capture);
    CAPTURE_ROWS.check(captureRows);
    CAPTURE_NONE.check(captureNone);
    CAPTURE_MAX_ROWS.check(captureMaxRows);
    CAPTURE_PUBLIC_KEY.check(capturePublicKey);
    captureRows = List.copyOf(captureRows);
    captureNone = List.copyOf(captureNone);
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
        CAPTURE.in(values),
        CAPTURE_ROWS.in(values),
        CAPTURE_NONE.in(values),
        CAPTURE_MAX_ROWS.in(values),
        CAPTURE_PUBLIC_KEY.in(values),
        HEARTBEAT_INTERVAL_SECONDS.in(values),
        WITNESS.in(values));
  }

  /**
   * What is captured of the rows deleted from {@code table} (as the statement names it, compared
   * without case and schema): {@link #captureNone} and {@link #captureRows} before {@link
   * #capture}.
   */
  public Capture captureOf(String table) {
    if (matches(captureNone, table)) {
      return Capture.NONE;
    }
    if (matches(captureRows, table)) {
      return Capture.ROWS;
    }
    return capture;
  }

  private static boolean matches(List<String> tables, String table) {
    if (tables.isEmpty()) {
      return false;
    }
    String bare = bareName(table);
    return tables.stream().anyMatch(t -> bareName(t).equals(bare));
  }

  /** {@code "Public"."Tenant"} is {@code tenant}. */
  static String bareName(String table) {
    String t = table.replace("\"", "").replace("`", "").replace("[", "").replace("]", "");
    return t.substring(t.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
  }

  /** True when a guard limit is set. */
  public boolean guarded() {
    return maxRowsPerStatement > 0 || maxRowsPerTransaction > 0;
  }
}
