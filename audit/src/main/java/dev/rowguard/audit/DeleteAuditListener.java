package dev.rowguard.audit;

import dev.rowguard.audit.log.AuditLogException;
import dev.rowguard.audit.log.AuditLogWriter;
import dev.rowguard.audit.log.Durability;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogEntry;
import dev.rowguard.audit.log.Origin;
import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.audit.log.RowBatch;
import dev.rowguard.audit.log.RowsEncryption;
import dev.rowguard.audit.log.RowsFiles;
import dev.rowguard.audit.log.Trigger;
import dev.rowguard.sql.Classification;
import dev.rowguard.sql.QueryTextMasker;
import dev.rowguard.sql.StatementClassifier;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The datasource-proxy listener that records mass deletes, aggregates a transaction's deletes per
 * table, applies the guard, and records commits and rollbacks of transactions with records.
 *
 * <p>Statements that do not delete cost one keyword scan of their text (the classifier's
 * pre-filter) and nothing else. Listener methods cannot declare {@link SQLException}, but the JDBC
 * methods they run inside do, so guard and fail-closed exceptions are thrown unchecked-style and
 * reach the application as the SQLException subclasses they are.
 */
final class DeleteAuditListener implements QueryExecutionListener, MethodExecutionListener {

  private static final Logger LOG = LoggerFactory.getLogger(AuditedDataSource.class);
  private static final String PLAN = "rowguard.plan";

  private final AuditOptions options;
  private final AuditLogWriter writer;
  private final CallSites callSites;
  private final StatementClassifier classifier = StatementClassifier.shared();
  private final RowCapture rowCapture = new RowCapture();

  /** The key captured rows are encrypted to, or null. */
  private final java.security.@Nullable PublicKey encryptTo;

  private final Map<String, ConnectionState> connections = new ConcurrentHashMap<>();

  DeleteAuditListener(AuditOptions options, AuditLogWriter writer) {
    this.options = options;
    this.writer = writer;
    this.callSites = new CallSites(options.callSiteExcludes());
    PendingDeletes.audited();
    Path keyFile = options.capturePublicKey();
    try {
      this.encryptTo = keyFile == null ? null : RowsEncryption.readPublicKey(keyFile);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          AuditOption.CAPTURE_PUBLIC_KEY.property() + ": " + e.getMessage(), e);
    }
  }

  /** What beforeQuery found out, handed to afterQuery. */
  private static final class Plan {
    /** Per query of the call: its classification if it deletes, else null. */
    final Classification[] deleting;

    /** The savepoint the statement runs in, or null. */
    final Guard guard;

    /** Per query of the call: what was captured of the rows it deletes, or null. */
    RowCapture.Pending[] captures;

    /** Per query of the call: why the rows it deletes were not captured, or null. */
    String @Nullable [] notCaptured;

    /** TRUNCATEs were recorded before they ran (failClosed): afterQuery does not record them. */
    boolean truncatesRecorded;

    Plan(Classification[] deleting, Guard guard) {
      this.deleting = deleting;
      this.guard = guard;
    }

    Classification[] deleting() {
      return deleting;
    }

    Guard guard() {
      return guard;
    }
  }

  @Override
  public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queries) {
    Classification[] deleting = null;
    boolean onlyTruncate = true;
    for (int i = 0; i < queries.size(); i++) {
      Classification c = classifier.classify(queries.get(i).getQuery());
      if (c.deletes()) {
        if (deleting == null) {
          deleting = new Classification[queries.size()];
        }
        deleting[i] = c;
        onlyTruncate &= c.kind() == Classification.Kind.TRUNCATE;
      }
    }
    if (deleting == null) {
      return;
    }
    if (options.failureMode() == FailureMode.FAIL_CLOSED) {
      try {
        writer.checkWritable();
      } catch (AuditLogException e) {
        LOG.error(
            "rowguard audit: refused a delete because the audit log cannot be written: {}",
            e.getMessage());
        throw sneaky(
            new AuditUnavailableException(
                "rowguard refused this delete (failClosed): " + e.getMessage(), e));
      }
    }
    Guard guard = null;
    // A savepoint lets the guard, and fail-closed when the record cannot be written, undo the
    // delete. TRUNCATE reports 0 rows, so limits cannot apply; H2 also commits on TRUNCATE.
    if ((options.guarded() || options.failureMode() == FailureMode.FAIL_CLOSED) && !onlyTruncate) {
      try {
        guard = Guard.begin(execInfo.getStatement().getConnection());
      } catch (SQLException e) {
        throw sneaky(e);
      }
    }
    Plan plan = new Plan(deleting, guard);
    plan.captures = capture(execInfo, queries, deleting, plan);
    if (options.failureMode() == FailureMode.FAIL_CLOSED) {
      try {
        plan.truncatesRecorded = recordTruncatesBefore(execInfo, queries, plan);
      } catch (SQLException e) {
        if (guard != null) {
          guard.abandon();
        }
        throw sneaky(e);
      }
    }
    execInfo.addCustomValue(PLAN, plan);
  }

  /**
   * failClosed: records each TRUNCATE of the call before it runs, durably, since it cannot be
   * undone afterwards (H2, MySQL, MariaDB and Oracle commit it at once; no savepoint holds it);
   * refuses the call when a record cannot be written. True if it recorded any.
   */
  private boolean recordTruncatesBefore(ExecutionInfo execInfo, List<QueryInfo> queries, Plan plan)
      throws SQLException {
    boolean recorded = false;
    for (int i = 0; i < plan.deleting.length; i++) {
      Classification c = plan.deleting[i];
      if (c == null || c.kind() != Classification.Kind.TRUNCATE) {
        continue;
      }
      Connection raw = execInfo.getStatement().getConnection();
      ConnectionState state =
          connections.computeIfAbsent(execInfo.getConnectionId(), id -> new ConnectionState());
      Execution e = new Execution(c, queries.get(i).getQuery(), 0, 0, 0);
      LogEntry entry =
          statementEntry(
              RecordKind.TRUNCATE, e, state.database(raw), 0, Trigger.TRUNCATE, Map.of(), state);
      RowCapture.Pending capture = plan.captures == null ? null : plan.captures[i];
      if (capture != null) {
        RowBatch.Table captured = capture.table(null);
        state.countCaptured(captured.rows().size());
        attachRows(entry, state, List.of(captured));
      }
      String why = plan.notCaptured == null ? null : plan.notCaptured[i];
      if (why != null) {
        markNotCaptured(entry, why);
      }
      try {
        writer.append(entry);
        if (writer.options().durability() != Durability.SYNC) {
          writer.flush();
        }
      } catch (AuditLogException x) {
        LOG.error(
            "rowguard audit: refused a TRUNCATE of {} because its record could not be written"
                + " (failClosed): {}",
            e.table(),
            x.getMessage());
        throw new AuditUnavailableException(
            "rowguard refused this TRUNCATE (failClosed): it cannot be undone once run, and its"
                + " record could not be written first: "
                + x.getMessage(),
            x);
      }
      state.markRecorded();
      recorded = true;
    }
    return recorded;
  }

  /**
   * Reads what each deleting query is about to remove ({@link RowCapture}; for a table captured as
   * none only what its cascades remove, counted), or null when nothing is captured. A read that
   * fails leaves that delete uncaptured and the statement as it was.
   */
  private RowCapture.Pending[] capture(
      ExecutionInfo execInfo, List<QueryInfo> queries, Classification[] deleting, Plan plan) {
    RowCapture.Pending[] out = null;
    for (int i = 0; i < deleting.length; i++) {
      Classification c = deleting[i];
      if (c == null) {
        continue;
      }
      Capture mode = options.captureOf(c.tables().isEmpty() ? "?" : c.tables().get(0));
      try {
        Connection raw = execInfo.getStatement().getConnection();
        ConnectionState state =
            connections.computeIfAbsent(execInfo.getConnectionId(), id -> new ConnectionState());
        String dbSystem = state.database(raw).systemName();
        if (mode != Capture.NONE) {
          String why = rowCapture.notCaptured(raw, queries.get(i).getQuery(), c, dbSystem);
          if (why != null) {
            notCaptured(plan, deleting.length, i, why);
            continue;
          }
        }
        long budget = state.captureBudget(options.captureMaxRows());
        for (RowCapture.Pending p : out == null ? new RowCapture.Pending[0] : out) {
          budget -= p == null ? 0 : p.totalSize();
        }
        RowCapture.Pending p =
            rowCapture
                .before(raw, c, queries.get(i), mode, options::captureOf, dbSystem, budget)
                .orElse(null);
        if (p != null) {
          if (out == null) {
            out = new RowCapture.Pending[deleting.length];
          }
          out[i] = p;
        }
      } catch (SQLException | RuntimeException e) {
        LOG.warn("rowguard audit: the rows of this delete are not captured: {}", e.getMessage());
        if (mode != Capture.NONE) {
          // Not the message: it may quote the statement's values, which masking would hide.
          notCaptured(plan, deleting.length, i, "the read of its rows failed (logged at WARN)");
        }
      }
    }
    return out;
  }

  /** Says on a statement's record why its rows were not captured. */
  private static void markNotCaptured(LogEntry entry, String why) {
    entry.put(Fields.ROWS_NOT_CAPTURED, why).put(Fields.ROWS_NOT_CAPTURED_STATEMENTS, 1);
  }

  private static void notCaptured(Plan plan, int queries, int i, String why) {
    if (plan.notCaptured == null) {
      plan.notCaptured = new String[queries];
    }
    plan.notCaptured[i] = why;
  }

  /**
   * Per execution, in the order {@link Execution#of} made them, what {@code perQuery} holds for its
   * query ({@code out} filled with nulls when {@code perQuery} is null).
   */
  private static <T> T[] perExecution(Plan plan, T @Nullable [] perQuery, T[] out) {
    if (perQuery == null) {
      return out;
    }
    int k = 0;
    for (int i = 0; i < plan.deleting.length && k < out.length; i++) {
      if (plan.deleting[i] != null) {
        out[k++] = perQuery[i];
        if (out.length == 1) {
          break;
        }
      }
    }
    return out;
  }

  @Override
  public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queries) {
    Plan plan = execInfo.getCustomValue(PLAN, Plan.class);
    if (plan == null) {
      return;
    }
    if (!execInfo.isSuccess()) {
      if (plan.guard() != null) {
        plan.guard().abandon();
      }
      if (plan.truncatesRecorded) {
        truncateFailed(execInfo);
      }
      return;
    }
    try {
      record(execInfo, queries, plan);
    } catch (SQLException e) {
      throw sneaky(e);
    } catch (RuntimeException e) {
      // A bug here must not change what the application's statement did: keep the delete.
      LOG.error("rowguard audit: internal error; this delete was not recorded", e);
      if (plan.guard() != null) {
        try {
          plan.guard().release();
        } catch (SQLException x) {
          throw sneaky(x);
        }
      }
    }
  }

  private void record(ExecutionInfo execInfo, List<QueryInfo> queries, Plan plan)
      throws SQLException {
    Connection raw = execInfo.getStatement().getConnection();
    ConnectionState state =
        connections.computeIfAbsent(execInfo.getConnectionId(), id -> new ConnectionState());
    boolean autoCommit = plan.guard() != null ? plan.guard().autoCommit() : raw.getAutoCommit();
    List<Execution> executions =
        Execution.of(
            plan.deleting(),
            queries,
            execInfo.getResult(),
            execInfo.getStatement(),
            execInfo.isBatch());
    DatabaseInfo db = state.database(raw);
    Guard guard = plan.guard();
    try {
      RowCapture.Pending[] captures =
          perExecution(plan, plan.captures, new RowCapture.Pending[executions.size()]);
      if (guard != null && options.guarded()) {
        enforceGuard(guard, executions, captures, state, db);
      }
      try {
        recordExecutions(
            executions,
            captures,
            perExecution(plan, plan.notCaptured, new String[executions.size()]),
            execInfo.getResult(),
            state,
            db,
            autoCommit,
            plan.truncatesRecorded);
      } catch (AuditUnavailableException e) {
        if (guard != null) {
          guard.rollback();
        }
        throw e;
      }
      if (guard != null) {
        guard.release();
      }
    } finally {
      if (autoCommit) {
        state.reset(); // every autocommit statement is its own transaction
      }
    }
  }

  private void recordExecutions(
      List<Execution> executions,
      RowCapture.Pending[] captures,
      String[] notCaptured,
      Object result,
      ConnectionState state,
      DatabaseInfo db,
      boolean autoCommit,
      boolean truncatesRecorded)
      throws SQLException {
    for (int k = 0; k < executions.size(); k++) {
      Execution e = executions.get(k);
      RowCapture.Pending capture = captures[k];
      // Rows ON DELETE CASCADE removed with this delete count toward the threshold.
      Map<String, Long> cascaded = capture == null ? Map.of() : capture.cascadedRows();
      ConnectionState.Tally tally = state.add(e.table(), e.rows(), cascaded);
      Trigger trigger = e.trigger(options.rowThreshold());
      if (truncatesRecorded && e.classification().kind() == Classification.Kind.TRUNCATE) {
        continue; // recorded before it ran
      }
      long withCascades = e.rows() + cascaded.values().stream().mapToLong(Long::longValue).sum();
      if (trigger == null && !cascaded.isEmpty() && withCascades >= options.rowThreshold()) {
        trigger = Trigger.CASCADE_THRESHOLD;
      }
      if (trigger != null) {
        LogEntry entry =
            statementEntry(
                e.classification().kind() == Classification.Kind.TRUNCATE
                    ? RecordKind.TRUNCATE
                    : RecordKind.DELETE,
                e,
                db,
                e.rows(),
                trigger,
                cascaded.isEmpty() ? Map.of() : Map.of(Fields.CASCADE_DELETED_ROWS, cascaded),
                state);
        if (capture != null) {
          List<RowBatch.Table> captured = capture.tables(result);
          state.countCaptured(captured.stream().mapToLong(t -> t.rows().size()).sum());
          attachRows(entry, state, captured);
        }
        String why = notCaptured[k];
        if (why != null) {
          markNotCaptured(entry, why);
        }
        write(entry, state);
      } else if (notCaptured[k] != null && !autoCommit && e.rows() > 0) {
        state.notCaptured(e.table(), notCaptured[k]);
      } else if (capture != null && !autoCommit && e.rows() > 0) {
        List<RowBatch.Table> captured =
            capture.tables(result).stream().filter(t -> !t.rows().isEmpty()).toList();
        if (!captured.isEmpty()) {
          state.buffer(e.table(), captured);
        }
      }
      if (!autoCommit
          && !tally.aggregated
          && tally.statements > 1
          && tally.withCascades() >= options.rowThreshold()) {
        tally.aggregated = true;
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put(Fields.TX_STATEMENTS, tally.statements);
        if (!tally.cascaded.isEmpty()) {
          extras.put(Fields.CASCADE_DELETED_ROWS, new java.util.TreeMap<>(tally.cascaded));
        }
        LogEntry aggregate =
            statementEntry(
                RecordKind.TX_AGGREGATE, e, db, tally.rows, Trigger.TX_THRESHOLD, extras, state);
        attachRows(aggregate, state, state.takeBuffered(e.table()));
        notCaptured(aggregate, state.takeNotCaptured(e.table()));
        write(aggregate, state);
      }
    }
  }

  /**
   * Refuses the call if a delete in it exceeds a limit. A delete's rows are counted with those its
   * {@code ON DELETE CASCADE} foreign keys remove ({@link RowCapture}'s read before it ran), as for
   * {@code rowThreshold}; the transaction's tally likewise.
   */
  private void enforceGuard(
      Guard guard,
      List<Execution> executions,
      RowCapture.Pending[] captures,
      ConnectionState state,
      DatabaseInfo db)
      throws SQLException {
    for (int k = 0; k < executions.size(); k++) {
      Execution e = executions.get(k);
      RowCapture.Pending capture = captures[k];
      Map<String, Long> cascaded = capture == null ? Map.of() : capture.cascadedRows();
      long cascadedRows = cascaded.values().stream().mapToLong(Long::longValue).sum();
      long statementRows = e.rows() + cascadedRows;
      long soFar = state.rowsWithCascadesSoFar(e.table()) + statementRows;
      String scope = null;
      long limit = 0;
      long rows = 0;
      long total = 0;
      Map<String, Long> cascades = cascaded;
      if (options.maxRowsPerStatement() > 0 && statementRows > options.maxRowsPerStatement()) {
        scope = "statement";
        limit = options.maxRowsPerStatement();
        rows = e.rows();
        total = statementRows;
      } else if (options.maxRowsPerTransaction() > 0 && soFar > options.maxRowsPerTransaction()) {
        scope = "transaction";
        limit = options.maxRowsPerTransaction();
        rows = state.rowsSoFar(e.table()) + e.rows();
        total = soFar;
        cascades = state.cascadedSoFar(e.table(), cascaded);
      }
      if (scope != null) {
        guard.rollback();
        Map<String, Object> guardMembers = new LinkedHashMap<>();
        guardMembers.put(Fields.GUARD_LIMIT, limit);
        guardMembers.put(Fields.GUARD_SCOPE, scope);
        if (!cascades.isEmpty()) {
          guardMembers.put(Fields.CASCADE_DELETED_ROWS, new java.util.TreeMap<>(cascades));
        }
        LogEntry blocked =
            statementEntry(
                RecordKind.BLOCKED,
                e,
                db,
                rows,
                scope.equals("statement")
                    ? Trigger.MAX_ROWS_PER_STATEMENT
                    : Trigger.MAX_ROWS_PER_TRANSACTION,
                guardMembers,
                state);
        try {
          writer.append(blocked);
          state.markRecorded();
        } catch (AuditLogException x) {
          LOG.error(
              "rowguard audit: a blocked delete on {} was NOT recorded: {}",
              e.table(),
              x.getMessage());
        }
        throw new MassDeleteBlockedException(e.table(), total, total - rows, limit, scope);
      }
    }
  }

  /**
   * A statement record; {@code extras} (string, long or per-table count values) go right after the
   * trigger.
   */
  private LogEntry statementEntry(
      RecordKind kind,
      Execution e,
      DatabaseInfo db,
      long rows,
      Trigger trigger,
      Map<String, ?> extras,
      ConnectionState state) {
    // Walked only for statements that get a record: the stack walk is the costliest part.
    CallSite site = callSites.find(e.table());
    LogEntry entry =
        LogEntry.of(kind, writer.now())
            .put(Fields.DB_SYSTEM, db.systemName())
            .put(Fields.DB_NAMESPACE, db.namespace())
            .put(Fields.DB_COLLECTION, e.table())
            .put(Fields.DB_OPERATION, e.classification().operationName())
            .put(
                Fields.DB_QUERY_TEXT,
                options.maskQueryText() ? QueryTextMasker.mask(e.sql()) : e.sql());
    if (e.batchSize() > 0) {
      entry.put(Fields.DB_BATCH_SIZE, e.batchSize());
    }
    entry.put(Fields.AFFECTED_ROWS, rows);
    if (e.unknownRows() > 0) {
      entry.put(Fields.ROWS_UNKNOWN, e.unknownRows());
    }
    entry.put(Fields.TRIGGER, trigger.wireName());
    extras.forEach(
        (k, v) -> {
          if (v instanceof Long n) {
            entry.put(k, n);
          } else if (v instanceof Map<?, ?> counts) {
            Map<String, Long> perTable = new java.util.TreeMap<>();
            counts.forEach((table, n) -> perTable.put((String) table, (Long) n));
            entry.putCounts(k, perTable);
          } else {
            entry.put(k, (String) v);
          }
        });
    entry
        .put(Fields.TX, state.txId())
        .put(Fields.THREAD, Thread.currentThread().getName())
        .put(Fields.HOST, Origin.HOST)
        .put(Fields.PID, Origin.PID)
        .put(Fields.CODE_FUNCTION, site.function())
        .put(Fields.CODE_FILE, site.file());
    if (site.line() > 0) {
      entry.put(Fields.CODE_LINE, site.line());
    }
    return withTrace(entry.put(Fields.REASON, site.reason()).put(Fields.CONTEXT, context()));
  }

  /** The current OpenTelemetry span's ids, when there is one ({@link Traces}). */
  private static LogEntry withTrace(LogEntry entry) {
    Traces.Ids ids = Traces.current();
    return ids == null
        ? entry
        : entry.put(Fields.TRACE_ID, ids.traceId()).put(Fields.SPAN_ID, ids.spanId());
  }

  /**
   * Writes {@code tables} as one batch beside the log and references it from {@code entry}; nothing
   * for no rows. A batch that cannot be written fails the statement only with failClosed.
   */
  private void attachRows(LogEntry entry, ConnectionState state, List<RowBatch.Table> tables)
      throws AuditUnavailableException {
    List<RowBatch.Table> merged = RowCapture.merge(tables);
    long rows = merged.stream().mapToLong(t -> t.rows().size()).sum();
    if (rows == 0) {
      return;
    }
    try {
      RowsFiles.Reference ref = writer.appendRows(new RowBatch(state.txId(), merged), encryptTo);
      entry
          .put(Fields.CAPTURE, merged.get(0).capture())
          .put(Fields.ROWS_FILE, ref.file())
          .put(Fields.ROWS_SHA256, ref.sha256())
          .put(Fields.ROWS_CAPTURED, rows);
    } catch (AuditLogException e) {
      if (options.failureMode() == FailureMode.FAIL_CLOSED && entry.kind() != RecordKind.COMMIT) {
        throw new AuditUnavailableException(
            "rowguard could not write the captured rows of this delete (failClosed): "
                + e.getMessage(),
            e);
      }
      LOG.error(
          "rowguard audit: the captured rows ({} of {}) were NOT written: {}",
          rows,
          entry.members().get(Fields.DB_COLLECTION),
          e.getMessage());
    }
  }

  /** Says on {@code entry} which of its statements' rows were not captured, and why. */
  private static void notCaptured(LogEntry entry, ConnectionState.@Nullable NotCaptured n) {
    if (n != null && n.statements > 0) {
      entry
          .put(Fields.ROWS_NOT_CAPTURED, n.reasons())
          .put(Fields.ROWS_NOT_CAPTURED_STATEMENTS, n.statements);
    }
  }

  private Map<String, String> context() {
    Map<String, String> ctx = new LinkedHashMap<>();
    for (String key : options.contextMdcKeys()) {
      String v = MDC.get(key);
      if (v != null) {
        ctx.put(key, v);
      }
    }
    ctx.putAll(AuditContext.current());
    return ctx;
  }

  private void write(LogEntry entry, ConnectionState state) throws SQLException {
    try {
      writer.append(entry);
      state.markRecorded();
    } catch (AuditLogException e) {
      if (options.failureMode() == FailureMode.FAIL_CLOSED) {
        LOG.error(
            "rowguard audit: a mass delete ran but could not be recorded; failing the statement (failClosed): {}",
            e.getMessage());
        throw new AuditUnavailableException(
            "rowguard could not record this delete (failClosed): " + e.getMessage(), e);
      }
      LOG.error(
          "rowguard audit: a mass delete ({} on {}, {} rows) was NOT recorded: {}",
          entry.kind().wireName(),
          entry.members().get(Fields.DB_COLLECTION),
          entry.members().get(Fields.AFFECTED_ROWS),
          e.getMessage());
    }
  }

  /**
   * A TRUNCATE recorded before it ran failed: in autocommit nothing happened, so its transaction's
   * rollback follows the record; in a transaction, the application's commit or rollback does.
   */
  private void truncateFailed(ExecutionInfo execInfo) {
    ConnectionState state = connections.get(execInfo.getConnectionId());
    if (state == null) {
      return;
    }
    try {
      if (execInfo.getStatement().getConnection().getAutoCommit()) {
        endTransaction(state, RecordKind.ROLLBACK);
      }
    } catch (SQLException e) {
      LOG.warn(
          "rowguard audit: the outcome of a failed TRUNCATE is not recorded: {}", e.getMessage());
    }
  }

  @Override
  public void beforeMethod(MethodExecutionContext ctx) {}

  @Override
  public void afterMethod(MethodExecutionContext ctx) {
    if (!(ctx.getTarget() instanceof Connection) || ctx.getThrown() != null) {
      return;
    }
    String name = ctx.getMethod().getName();
    Object[] args = ctx.getMethodArgs();
    boolean noArgs = args == null || args.length == 0;
    switch (name) {
      case "commit" -> endTransaction(ctx, RecordKind.COMMIT);
      case "rollback" -> {
        if (noArgs) {
          endTransaction(ctx, RecordKind.ROLLBACK);
        }
      }
      case "setAutoCommit" -> {
        if (!noArgs && Boolean.TRUE.equals(args[0])) {
          endTransaction(
              ctx, RecordKind.COMMIT); // JDBC: switching autocommit on commits the transaction
        }
      }
      case "close" -> connections.remove(ctx.getConnectionInfo().getConnectionId());
      default -> {
        // every other connection method passes through
      }
    }
  }

  private void endTransaction(MethodExecutionContext ctx, RecordKind kind) {
    PendingDeletes.clear(); // an ORM's removes not flushed by now never will be
    ConnectionState state = connections.get(ctx.getConnectionInfo().getConnectionId());
    if (state != null) {
      endTransaction(state, kind);
    }
  }

  private void endTransaction(ConnectionState state, RecordKind kind) {
    if (state.hasRecords()) {
      LogEntry e =
          LogEntry.of(kind, writer.now())
              .put(Fields.TX, state.txId())
              .put(Fields.AFFECTED_ROWS, state.deletedRows())
              .putCounts(Fields.TX_DELETED_ROWS, state.rowsByTable())
              .putCounts(Fields.CASCADE_DELETED_ROWS, state.cascadedByTable())
              .put(Fields.THREAD, Thread.currentThread().getName())
              .put(Fields.HOST, Origin.HOST)
              .put(Fields.PID, Origin.PID);
      withTrace(e);
      if (kind == RecordKind.COMMIT) {
        try {
          attachRows(e, state, state.takeBufferedOfAggregated());
        } catch (AuditUnavailableException x) {
          // not thrown for a commit: the transaction is committed, attachRows logs what is lost
        }
        notCaptured(e, state.takeNotCapturedOfAggregated());
      }
      try {
        writer.append(e);
      } catch (AuditLogException x) {
        LOG.error(
            "rowguard audit: the {} of transaction {} was NOT recorded: {}",
            kind.wireName(),
            state.txId(),
            x.getMessage());
      }
    }
    state.reset();
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
    throw (E) e;
  }
}
