package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.audit.log.RowBatch;
import dev.rowguard.audit.log.RowsEncryption;
import dev.rowguard.audit.log.RowsFiles;
import dev.rowguard.cli.InvalidInputException;
import dev.rowguard.cli.OutputOption;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rowguard audit restore-plan LOGDIR}: a reviewable SQL script that puts back the rows an
 * incident's deletes removed, from the rows the audit logger captured ({@code capture=rows}), or by
 * key from a backup database ({@code capture=keys} and {@code --backup-url}).
 */
@Command(
    name = "restore-plan",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a SQL script that restores the rows an incident's deletes removed.",
      "Choose the incident by --tx, --request or --from/--to (see 'rowguard audit timeline').",
      "The script says what it restores, runs in one transaction, inserts parents before children,",
      "and fails, restoring nothing, if any of the rows exists again. Review it, then apply it",
      "(psql -v ON_ERROR_STOP=1 -f FILE; H2: org.h2.tools.RunScript). Exit 0; 1 when the plan",
      "is written but incomplete (rows of some statements were not captured); 2 on bad input."
    })
public final class RestorePlanCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "LOGDIR", description = "The audit log directory.")
  Path directory;

  @Option(
      names = "--tx",
      paramLabel = "ID",
      description = "Restore what this transaction deleted (its tx id).")
  @Nullable String tx;

  @Option(
      names = "--request",
      paramLabel = "ID",
      description = "Restore what the transactions of this request id deleted.")
  @Nullable String request;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description = "Restore what was deleted at or after TIME (ISO-8601 with offset).")
  @Nullable String from;

  @Option(names = "--to", paramLabel = "TIME", description = "... and at or before TIME.")
  @Nullable String to;

  @Option(
      names = "--table",
      paramLabel = "TABLE",
      description =
          "Only these tables (repeatable; default every table the incident deleted from).")
  List<String> tables = new ArrayList<>();

  @Option(
      names = "--dialect",
      paramLabel = "DIALECT",
      description = "${COMPLETION-CANDIDATES} (default: the database the log recorded).")
  RestoreScript.@Nullable Dialect dialect;

  @Option(
      names = "--backup-url",
      paramLabel = "JDBC_URL",
      description =
          "For keys-only captures: read the rows by key from this backup database (credentials in"
              + " the URL, or ROWGUARD_BACKUP_USER and ROWGUARD_BACKUP_PASSWORD).")
  @Nullable String backupUrl;

  @Option(
      names = "--private-key",
      paramLabel = "FILE",
      description =
          "PEM RSA private key (PKCS#8) for rows captured encrypted (rowguard.audit.capturePublicKey).")
  @Nullable Path privateKey;

  @Mixin OutputOption output;

  @Spec CommandSpec spec;

  private java.security.@Nullable PrivateKey key;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new InvalidInputException(
          directory
              + " is not a directory: pass the audit log directory (rowguard.audit.directory)");
    }
    if (tx == null && request == null && from == null && to == null) {
      throw new InvalidInputException(
          "say which incident to restore: --tx ID, --request ID or --from TIME --to TIME"
              + " ('rowguard audit timeline "
              + directory
              + "' lists them)");
    }
    if (privateKey != null) {
      String problem = dev.rowguard.cli.Problems.notReadable(privateKey);
      if (problem != null) {
        throw new InvalidInputException(
            "--private-key " + problem + ": give the PEM private key the rows were encrypted to");
      }
      try {
        key = RowsEncryption.readPrivateKey(privateKey);
      } catch (IOException e) {
        throw new InvalidInputException("--private-key " + e.getMessage());
      }
    }
    Instant fromTime = Times.instant("--from", from, ZoneId.of("UTC"));
    Instant toTime = Times.instant("--to", to, ZoneId.of("UTC"));
    List<LogRecord> records = LogReader.records(directory);
    if (records.isEmpty()) {
      throw LogInputs.noRecords(new AuditLog(directory, List.of()));
    }
    Map<String, RecordKind> outcomes = new LinkedHashMap<>();
    Set<String> requestTxs = new LinkedHashSet<>();
    Set<String> knownTxs = new LinkedHashSet<>();
    for (LogRecord r : records) {
      String id = r.string(Fields.TX);
      if (id == null) {
        continue;
      }
      knownTxs.add(id);
      if (r.kind() == RecordKind.COMMIT || r.kind() == RecordKind.ROLLBACK) {
        outcomes.put(id, r.kind());
      }
      if (request != null && requestIdOf(r).equals(request)) {
        requestTxs.add(id);
      }
    }
    if (tx != null && !knownTxs.contains(tx)) {
      throw new InvalidInputException(
          "no transaction "
              + tx
              + " in "
              + directory
              + ": 'rowguard audit timeline "
              + directory
              + "' shows each delete's tx");
    }
    if (request != null && requestTxs.isEmpty()) {
      throw new InvalidInputException(
          "no delete of request "
              + request
              + " in "
              + directory
              + ": the request id comes from the records' context (requestId, request_id)");
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String t : tables) {
      wanted.add(RestoreScript.bare(t));
    }
    List<LogRecord> selected = new ArrayList<>();
    Set<String> rolledBack = new LinkedHashSet<>();
    for (LogRecord r : records) {
      String id = r.string(Fields.TX);
      if (id == null || !isDeleteRecord(r)) {
        continue;
      }
      if ((tx != null && !tx.equals(id))
          || (request != null && !requestTxs.contains(id))
          || (fromTime != null && r.ts().isBefore(fromTime))
          || (toTime != null && r.ts().isAfter(toTime))) {
        continue;
      }
      if (outcomes.get(id) == RecordKind.ROLLBACK) {
        rolledBack.add(id);
        continue;
      }
      selected.add(r);
    }
    if (selected.isEmpty()) {
      throw new InvalidInputException(
          rolledBack.isEmpty()
              ? "no recorded delete matches in "
                  + directory
                  + ": check --tx, --request, --from, --to"
              : "the matching deletes were rolled back (tx "
                  + String.join(", ", rolledBack)
                  + "): nothing to restore");
    }
    // The commit of a selected transaction carries the rows deleted after its tx_aggregate.
    Set<String> txs = new LinkedHashSet<>();
    selected.forEach(r -> txs.add(Objects.requireNonNull(r.string(Fields.TX))));
    List<LogRecord> withRows = new ArrayList<>();
    for (LogRecord r : records) {
      String id = r.string(Fields.TX);
      boolean rowsOfTx = r.kind() == RecordKind.COMMIT && id != null && txs.contains(id);
      if ((selected.contains(r) || rowsOfTx) && r.string(Fields.ROWS_SHA256) != null) {
        withRows.add(r);
      }
    }
    String notCaptured = notCaptured(records, selected, txs, wanted);
    Map<String, RestoreScript.Table> byTable = new LinkedHashMap<>();
    Map<String, List<RowBatch.Table>> keysOnly = new TreeMap<>();
    List<String> deletionOrder = new ArrayList<>();
    for (LogRecord r : withRows) {
      RowBatch batch = batchOf(r);
      for (RowBatch.Table t : batch.tables()) {
        String name = RestoreScript.bare(t.table());
        if (!wanted.isEmpty() && !wanted.contains(name)) {
          continue;
        }
        if (!deletionOrder.contains(name)) {
          deletionOrder.add(name);
        }
        if (t.capture().equals("keys") && !t.key().isEmpty()) {
          keysOnly.computeIfAbsent(name, n -> new ArrayList<>()).add(t);
          continue;
        }
        RestoreScript.Table target =
            byTable.computeIfAbsent(
                name,
                n -> new RestoreScript.Table(n, t.key(), t.parents(), t.columns(), t.types()));
        t.rows().forEach(target::add);
      }
    }
    if (!keysOnly.isEmpty()) {
      if (backupUrl == null) {
        Map<String, Long> counts = new TreeMap<>();
        keysOnly.forEach(
            (n, ts) -> counts.put(n, ts.stream().mapToLong(t -> t.rows().size()).sum()));
        throw new InvalidInputException(
            "only the keys of "
                + counts
                + " rows were captured (capture=keys): give --backup-url JDBC_URL of a backup that"
                + " still has them");
      }
      BackupRows.read(backupUrl, keysOnly, byTable);
    }
    if (byTable.isEmpty()) {
      throw new InvalidInputException(
          "the matching deletes have no captured rows"
              + (wanted.isEmpty() ? "" : " of " + String.join(", ", wanted))
              + (notCaptured != null
                  ? ": " + notCaptured
                  : " (capture=none, or a statement shape that is not captured: see"
                      + " docs/AUDIT-LOG.md)"));
    }
    RestoreScript.Dialect d =
        dialect != null
            ? dialect
            : RestoreScript.Dialect.of(selected.get(0).string(Fields.DB_SYSTEM));
    if (d == null) {
      throw new InvalidInputException(
          "the log recorded "
              + selected.get(0).string(Fields.DB_SYSTEM)
              + ": say which SQL to write with --dialect postgresql, h2 or mysql");
    }
    List<RestoreScript.Table> inDeletionOrder = new ArrayList<>();
    for (String name : deletionOrder) {
      if (byTable.containsKey(name)) {
        inDeletionOrder.add(byTable.get(name));
      }
    }
    List<RestoreScript.Table> ordered = RestoreScript.insertOrder(inDeletionOrder);
    try (Writer out = output.open()) {
      RestoreScript.write(out, d, header(selected, outcomes, ordered, d, notCaptured), ordered);
    }
    if (notCaptured != null) {
      spec.commandLine()
          .getErr()
          .println(
              spec.qualifiedName()
                  + ": the plan is incomplete: "
                  + notCaptured
                  + "; it restores only the rows that were captured");
      return 1;
    }
    return 0;
  }

  /**
   * {@code rows of N statement(s) not captured: why} for the selected deletes (of the wanted
   * tables) and the commits of their transactions, or null when every statement was captured.
   */
  private static @Nullable String notCaptured(
      List<LogRecord> records, List<LogRecord> selected, Set<String> txs, Set<String> wanted) {
    long statements = 0;
    Set<String> reasons = new LinkedHashSet<>();
    Set<LogRecord> chosen = new java.util.HashSet<>(selected);
    for (LogRecord r : records) {
      String id = r.string(Fields.TX);
      boolean commitOfTx = r.kind() == RecordKind.COMMIT && id != null && txs.contains(id);
      Long n = r.number(Fields.ROWS_NOT_CAPTURED_STATEMENTS);
      if (n == null || n <= 0 || !(commitOfTx || chosen.contains(r))) {
        continue;
      }
      String table = r.string(Fields.DB_COLLECTION);
      if (!commitOfTx
          && !wanted.isEmpty()
          && (table == null || !wanted.contains(RestoreScript.bare(table)))) {
        continue;
      }
      statements += n;
      String why = r.string(Fields.ROWS_NOT_CAPTURED);
      reasons.add((table == null ? "" : table + ": ") + (why == null ? "unknown" : why));
    }
    return statements == 0
        ? null
        : "rows of " + statements + " statement(s) not captured: " + String.join("; ", reasons);
  }

  private static boolean isDeleteRecord(LogRecord r) {
    RecordKind k = r.kind();
    return k == RecordKind.DELETE || k == RecordKind.TRUNCATE || k == RecordKind.TX_AGGREGATE;
  }

  private static String requestIdOf(LogRecord r) {
    Map<String, String> ctx = r.context();
    for (String key : AccessMatcher.REQUEST_ID_KEYS) {
      String v = ctx.get(key);
      if (v != null) {
        return v;
      }
    }
    return "";
  }

  /** The rows files, each hashed once however many records point into it. */
  private RowsFiles.@Nullable Lookup rowsFiles;

  private RowsFiles.Lookup lookup() {
    RowsFiles.Lookup l = rowsFiles;
    if (l == null) {
      l = RowsFiles.lookup(directory);
      rowsFiles = l;
    }
    return l;
  }

  private RowBatch batchOf(LogRecord r) throws IOException {
    String file = Objects.requireNonNullElse(r.string(Fields.ROWS_FILE), "");
    RowsFiles.Reference ref =
        new RowsFiles.Reference(file, Objects.requireNonNull(r.string(Fields.ROWS_SHA256)));
    Path f = directory.resolve(file);
    if (!Files.isRegularFile(f)) {
      throw new InvalidInputException(
          "record seq "
              + r.seq()
              + " needs "
              + f
              + ", which is missing: restore it from the log's"
              + " backup ('rowguard audit verify "
              + directory
              + "' lists what is missing)");
    }
    RowsFiles.Stored stored =
        lookup()
            .find(ref)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "the captured rows of record seq "
                            + r.seq()
                            + " in "
                            + f
                            + " were altered: run 'rowguard audit verify "
                            + directory
                            + "'"));
    try {
      return stored.batch(key);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          e.getMessage()
              + (key == null
                  ? ": give --private-key FILE, the private key of rowguard.audit.capturePublicKey"
                  : ": give the --private-key that matches rowguard.audit.capturePublicKey"));
    }
  }

  private List<String> header(
      List<LogRecord> selected,
      Map<String, RecordKind> outcomes,
      List<RestoreScript.Table> ordered,
      RestoreScript.Dialect d,
      @Nullable String notCaptured) {
    List<String> h = new ArrayList<>();
    h.add("rowguard restore plan (" + d + ")");
    if (notCaptured != null) {
      h.add("INCOMPLETE: " + notCaptured + "; restore those rows by other means");
    }
    h.add("log: " + directory.toAbsolutePath().normalize());
    Set<String> txLines = new LinkedHashSet<>();
    Set<String> sites = new LinkedHashSet<>();
    Set<String> requests = new LinkedHashSet<>();
    Set<String> cascades = new LinkedHashSet<>();
    for (LogRecord r : selected) {
      Map<String, Long> cascaded = r.counts(Fields.CASCADE_DELETED_ROWS);
      if (!cascaded.isEmpty()) {
        List<String> parts = new ArrayList<>();
        cascaded.forEach((table, rows) -> parts.add(table + " " + rows));
        cascades.add(
            r.string(Fields.DB_COLLECTION)
                + " -> "
                + String.join(", ", parts)
                + " row(s) by ON DELETE CASCADE");
      }
      String id = r.string(Fields.TX);
      RecordKind outcome = outcomes.get(id);
      txLines.add(
          id
              + " ("
              + (outcome == RecordKind.COMMIT ? "committed" : "outcome not recorded")
              + ", host "
              + r.string(Fields.HOST)
              + ", pid "
              + r.number(Fields.PID)
              + ")");
      String fn = r.string(Fields.CODE_FUNCTION);
      if (fn != null) {
        Long line = r.number(Fields.CODE_LINE);
        sites.add(fn + " (" + r.string(Fields.CODE_FILE) + (line == null ? "" : ":" + line) + ")");
      }
      String req = requestIdOf(r);
      if (!req.isEmpty()) {
        requests.add(req);
      }
    }
    h.add("deleted: " + selected.get(0).ts() + " .. " + selected.get(selected.size() - 1).ts());
    txLines.forEach(t -> h.add("transaction: " + t));
    h.add("request: " + (requests.isEmpty() ? "(none recorded)" : String.join(", ", requests)));
    sites.forEach(s -> h.add("call site: " + s));
    cascades.forEach(c -> h.add("cascade: " + c));
    if (backupUrl != null) {
      h.add(
          "rows of keys-only captures read from the backup "
              + BackupRows.withoutSecrets(backupUrl));
    }
    long total = 0;
    for (RestoreScript.Table t : ordered) {
      h.add("restores: " + t.name + ", " + t.rows.size() + " row(s)");
      total += t.rows.size();
    }
    h.add("in total " + total + " row(s), in this order (parents first), in one transaction;");
    h.add("the script fails, restoring nothing, if any of these rows exists again.");
    h.add(
        d == RestoreScript.Dialect.POSTGRESQL
            ? "apply: psql -v ON_ERROR_STOP=1 -d DATABASE -f THIS_FILE"
            : d == RestoreScript.Dialect.H2
                ? "apply: java -cp h2.jar org.h2.tools.RunScript -url JDBC_URL -script THIS_FILE"
                : "apply: mysql DATABASE < THIS_FILE");
    return h;
  }
}
