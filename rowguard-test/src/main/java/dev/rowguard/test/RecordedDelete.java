package dev.rowguard.test;

import org.jspecify.annotations.Nullable;

/**
 * One delete a {@link DeleteWatch} saw, read back from the audit log's {@code delete}, {@code
 * truncate} or {@code blocked} record.
 *
 * @param table the table the rows came from ({@code db.collection.name})
 * @param rows the rows the driver reported ({@code db.response.affected_rows}; 0 for a TRUNCATE)
 * @param statement the statement text ({@code db.query.text})
 * @param callSite the first application frame, {@code Class.method(File.java:12)}, or "unknown"
 * @param tx the audit logger's transaction id
 * @param outcome how its transaction ended, as far as the log knows
 * @param kind the record kind's wire name ({@code delete}, {@code truncate}, {@code blocked})
 */
public record RecordedDelete(
    String table,
    long rows,
    String statement,
    String callSite,
    String tx,
    Outcome outcome,
    String kind) {

  /** How the transaction of a delete ended. */
  public enum Outcome {
    /** A {@code commit} record of its transaction. */
    COMMITTED("committed"),
    /** A {@code rollback} record of its transaction. */
    ROLLED_BACK("rolled back"),
    /**
     * Neither: an autocommit statement (committed when it returned), or a transaction still open
     * when the watch closed (a Spring test transaction, rolled back after the test method).
     */
    NOT_RECORDED("no commit or rollback recorded: autocommit, or still open");

    private final String text;

    Outcome(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** {@code Class.method(File.java:12)} from the record's {@code code.*} members. */
  static String callSite(@Nullable String function, @Nullable String file, @Nullable Long line) {
    if (function == null) {
      return "unknown";
    }
    return function + "(" + (file == null ? "?" : file) + (line == null ? "" : ":" + line) + ")";
  }

  /** One line for a failure message. */
  String describe() {
    return rows + " row(s) from " + table + " at " + callSite + " [" + outcome + "]: " + statement;
  }
}
