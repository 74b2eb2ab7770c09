package dev.rowguard.audit.log;

/**
 * Something {@link LogVerifier} found.
 *
 * @param type what is wrong
 * @param where {@code file:line}, or the file or directory for problems that have no line
 * @param seq the seq of the record concerned, or -1
 * @param message one line saying what is wrong and what it means
 */
public record Problem(Type type, String where, long seq, String message) {

  /**
   * Problem types; {@link #label()} is the kind of break as {@code rowguard audit verify} reports
   * it, {@link #tampering()} tells evidence of editing or loss from crash artifacts.
   */
  public enum Type {
    /**
     * A record's stored hash is not the hash of its bytes, or it no longer parses: it was edited.
     */
    HASH_MISMATCH("edited record", true),
    /**
     * A record whose hash verifies but which the next record (seq + 1) does not link to: it was
     * edited and its hash recomputed.
     */
    REHASHED_RECORD("edited record", true),
    /**
     * Records missing inside a file (seq jumps forward and the chain breaks there), or the first
     * records of a file after the first: it does not start with its {@code rotate} record.
     */
    DELETED_RECORDS("deleted record", true),
    /**
     * Records that are not part of the chain: the chain continues past them as if they were absent.
     */
    INSERTED_RECORDS("inserted record", true),
    /** Records present but out of seq order, each still linking to its seq predecessor. */
    REORDERED_RECORDS("reordered records", true),
    /**
     * Records missing where one file ends and the next begins: the end of the earlier file was cut
     * (the later one starts with its {@code rotate} record); in a log written before rotation
     * markers, or the first lines of the later one deleted (the chain alone cannot tell which).
     */
    TRUNCATED_TAIL("records missing at a file boundary", true),
    /**
     * A file of the sequence is missing: a gap in the file numbers, or the log does not start at
     * seq 1.
     */
    MISSING_FILE("missing file in the sequence", true),
    /** A chain break that none of the kinds above explains. */
    CHAIN_BREAK("chain break", true),
    /** A line that is not a record and is not explained by a crash. */
    CORRUPT_LINE("corrupt line", true),
    /**
     * A file whose lines end in CRLF: converted by an editor, a text-mode copy or git; its records
     * are checked without the {@code \r}, once reported per file.
     */
    CRLF_LINE_ENDINGS("file converted to CRLF line endings", true),
    /**
     * A {@code log_gap} record: the writer found its file deleted or replaced and re-created it;
     * the records it had written there are lost.
     */
    LOG_GAP("lost records (log file deleted while writing)", true),
    /** A checkpoint whose signature does not verify under the given key. */
    BAD_SIGNATURE("bad signature", true),
    /**
     * A partial line left by a crash during a write: the last line, or one the chain continues
     * past.
     */
    TORN_LINE("torn last line", false),
    /**
     * A checkpoint without signature, or signed by another key, while a key was given: with a key,
     * every checkpoint must be signed by it (a rewritten chain with stripped or re-signed
     * checkpoints is otherwise consistent).
     */
    UNSIGNED_CHECKPOINT("checkpoint not signed by the given key", true),
    /** A key was given but no checkpoint verified under it (also: a log without checkpoints). */
    NO_VERIFIED_CHECKPOINT("no verified checkpoint", true),
    /**
     * Records after the last checkpoint that verified under the given key: nothing proves they were
     * not rewritten. {@code rowguard audit verify --allow-unsigned-tail} accepts them.
     */
    UNSIGNED_TAIL("records after the last verified checkpoint", true),
    /** A record references captured rows in a rows file that is not there. */
    ROWS_MISSING("missing rows file", true),
    /** A record references captured rows that its rows file no longer holds as written. */
    ROWS_ALTERED("altered rows file", true),
    /**
     * The witness ({@link Witness}) holds a checkpoint later than the log's last record: the log's
     * newest records or files were cut off.
     */
    WITNESS_AHEAD("newest records missing (the witness holds later checkpoints)", true),
    /** A witnessed checkpoint the log holds with other bytes, or another record at its seq. */
    WITNESS_MISMATCH("record differs from its witnessed checkpoint", true),
    /**
     * Two checkpoints of one writer run further apart than its heartbeat interval allows ({@link
     * Heartbeats}): the writer stalled while the application ran, or the records of that time were
     * removed and the chain after them rewritten.
     */
    HEARTBEAT_GAP("heartbeat gap", true),
    /** A witness directory was given but holds nothing for this log. */
    NO_WITNESS("no witness for this log", false);

    private final String label;
    private final boolean tampering;

    Type(String label, boolean tampering) {
      this.label = label;
      this.tampering = tampering;
    }

    /** The kind of break in words: "edited record", "missing file in the sequence", ... */
    public String label() {
      return label;
    }

    /** True when this problem means the log was altered (or lost records), not just crashed. */
    public boolean tampering() {
      return tampering;
    }
  }

  @Override
  public String toString() {
    return where + ": " + type.label() + ": " + message;
  }
}
