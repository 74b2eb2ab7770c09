package dev.rowguard.test;

import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.Capture;
import dev.rowguard.audit.log.AuditLogException;
import dev.rowguard.audit.log.Durability;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.audit.log.RowBatch;
import dev.rowguard.audit.log.RowsFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Records every delete that reaches the database through a watched DataSource while the watch is
 * open, single-row deletes included. The audit logger is the recorder: a watched DataSource is an
 * {@link AuditedDataSource} with {@code rowThreshold=1}, and the watch reads its records back with
 * {@link LogReader} when it closes.
 *
 * <pre>{@code
 * DataSource dataSource = DeleteWatch.watchable(h2);   // once, where the test builds its DataSource
 * try (DeleteWatch watch = DeleteWatch.on(dataSource)) {
 *   tenantSync.run();
 * }
 * assertThatDeletes(watch).touchOnly("tenant", "call_log").atMost(10).nothingCommitted();
 * }</pre>
 */
public final class DeleteWatch implements AutoCloseable {

  private final AuditedDataSource audited;
  private final long startSeq;
  private @Nullable List<RecordedDelete> deletes;
  private @Nullable List<DeletedRow> rows;

  private DeleteWatch(AuditedDataSource audited) {
    this.audited = audited;
    this.startSeq = lastSeq(audited);
  }

  /**
   * {@code target} behind the audit logger with {@code rowThreshold=1}, logging into a new
   * temporary directory: give this DataSource to the code under test, then {@link #on watch} it.
   * Records are written with {@code durability=async} (a test that crashes has nothing to keep; the
   * watch flushes before it reads), so a delete in a test does not wait for an fsync.
   */
  public static WatchedDataSource watchable(DataSource target) {
    try {
      return new WatchedDataSource(
          AuditedDataSource.builder(target)
              .logDirectory(Files.createTempDirectory("rowguard-watch"))
              .rowThreshold(1)
              .durability(Durability.ASYNC)
              .capture(Capture.ROWS)
              .maskQueryText(false)
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts watching {@code dataSource}: a DataSource from {@link #watchable}, or one the rowguard
   * audit auto-configuration wrapped with {@code rowguard.audit.row-threshold=1}.
   *
   * @throws IllegalArgumentException when {@code dataSource} is not audited, or records only
   *     deletes of many rows
   */
  public static DeleteWatch on(DataSource dataSource) {
    AuditedDataSource audited = audited(dataSource);
    long threshold = audited.options().rowThreshold();
    if (threshold != 1) {
      throw new IllegalArgumentException(
          "rowguard-test: this DataSource records only deletes of at least "
              + threshold
              + " rows; set rowguard.audit.row-threshold=1 (or use DeleteWatch.watchable) so every delete is seen");
    }
    return new DeleteWatch(audited);
  }

  private static AuditedDataSource audited(DataSource dataSource) {
    if (dataSource instanceof AuditedDataSource a) {
      return a;
    }
    if (dataSource instanceof WatchedDataSource w) {
      return w.audited();
    }
    try {
      if (dataSource.isWrapperFor(AuditedDataSource.class)) {
        return dataSource.unwrap(AuditedDataSource.class);
      }
    } catch (SQLException e) {
      // not a wrapper we can see through: the message below says what to do
    }
    throw new IllegalArgumentException(
        "rowguard-test: "
            + dataSource.getClass().getName()
            + " is not watched; wrap it once with DeleteWatch.watchable(dataSource), or in Spring set"
            + " rowguard.audit.directory and rowguard.audit.row-threshold=1");
  }

  private static long lastSeq(AuditedDataSource audited) {
    List<LogRecord> records = read(audited);
    return records.isEmpty() ? -1 : records.get(records.size() - 1).seq();
  }

  private static List<LogRecord> read(AuditedDataSource audited) {
    try {
      audited.flush();
    } catch (AuditLogException e) {
      // A closed log (the test closed its DataSource first) is complete on disk: read it as is.
    }
    try {
      return LogReader.records(audited.logDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops watching; {@link #deletes()} is fixed from here on. Closing twice is harmless. */
  @Override
  public void close() {
    if (deletes == null) {
      deletes = collect();
      rows = collectRows();
    }
  }

  /**
   * The rows the deletes removed, as the audit logger captured them just before each ran ({@code
   * rowguard.audit.capture=rows}, which {@link #watchable} sets); empty when the DataSource
   * captures less (see {@link #hasRowImages()}).
   */
  public List<DeletedRow> deletedRows() {
    return rows != null ? rows : collectRows();
  }

  /**
   * True when the watched DataSource captures whole rows: {@link #watchable}, or {@code
   * rowguard.audit.capture=rows}.
   */
  public boolean hasRowImages() {
    return audited.options().capture() == Capture.ROWS
        && audited.options().capturePublicKey() == null;
  }

  /** The row images of the records after the watch started, read from the log's rows files. */
  private List<DeletedRow> collectRows() {
    if (!hasRowImages()) {
      return List.of();
    }
    List<DeletedRow> out = new ArrayList<>();
    RowsFiles.Lookup stored = RowsFiles.lookup(audited.logDirectory());
    for (LogRecord r : read(audited)) {
      String sha = r.string(Fields.ROWS_SHA256);
      if (r.seq() <= startSeq || sha == null) {
        continue;
      }
      String statement = Objects.requireNonNullElse(r.string(Fields.DB_QUERY_TEXT), "?");
      try {
        stored
            .find(
                new RowsFiles.Reference(
                    Objects.requireNonNullElse(r.string(Fields.ROWS_FILE), ""), sha))
            .ifPresent(batch -> addRows(out, batch.batch(), statement));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(out);
  }

  private static void addRows(List<DeletedRow> out, RowBatch batch, String statement) {
    for (RowBatch.Table t : batch.tables()) {
      for (List<@Nullable Object> values : t.rows()) {
        Map<String, Object> image = new LinkedHashMap<>();
        for (int i = 0; i < t.columns().size(); i++) {
          Object v = values.get(i);
          image.put(t.columns().get(i), v == null ? "NULL" : v);
        }
        out.add(new DeletedRow(t.table(), image, statement));
      }
    }
  }

  /** The deletes seen: so far while open, all of them once closed. */
  public List<RecordedDelete> deletes() {
    return deletes != null ? deletes : collect();
  }

  /** The log directory the watch reads. */
  public Path logDirectory() {
    return audited.logDirectory();
  }

  private List<RecordedDelete> collect() {
    List<LogRecord> statements = new ArrayList<>();
    Map<String, RecordedDelete.Outcome> outcomes = new HashMap<>();
    for (LogRecord r : read(audited)) {
      if (r.seq() <= startSeq) {
        continue;
      }
      RecordKind kind = r.kind();
      if (kind == RecordKind.DELETE || kind == RecordKind.TRUNCATE || kind == RecordKind.BLOCKED) {
        statements.add(r);
      } else if (kind == RecordKind.COMMIT || kind == RecordKind.ROLLBACK) {
        String tx = r.string(Fields.TX);
        if (tx != null) {
          outcomes.put(
              tx,
              kind == RecordKind.COMMIT
                  ? RecordedDelete.Outcome.COMMITTED
                  : RecordedDelete.Outcome.ROLLED_BACK);
        }
      }
    }
    List<RecordedDelete> out = new ArrayList<>(statements.size());
    for (LogRecord r : statements) {
      String tx = Objects.requireNonNullElse(r.string(Fields.TX), "?");
      boolean blocked = r.kind() == RecordKind.BLOCKED;
      out.add(
          new RecordedDelete(
              Objects.requireNonNullElse(r.string(Fields.DB_COLLECTION), "?"),
              Objects.requireNonNullElse(r.number(Fields.AFFECTED_ROWS), 0L),
              Objects.requireNonNullElse(r.string(Fields.DB_QUERY_TEXT), "?"),
              RecordedDelete.callSite(
                  r.string(Fields.CODE_FUNCTION),
                  r.string(Fields.CODE_FILE),
                  r.number(Fields.CODE_LINE)),
              tx,
              // the guard rolled a blocked delete back to its savepoint: it never took effect
              blocked
                  ? RecordedDelete.Outcome.ROLLED_BACK
                  : outcomes.getOrDefault(tx, RecordedDelete.Outcome.NOT_RECORDED),
              r.kindName()));
    }
    return List.copyOf(out);
  }
}
