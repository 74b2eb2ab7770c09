package dev.rowguard.audit.log;

/**
 * Something {@link LogVerifier} found.
 *
 * @param type what is wrong
 * @param where {@code file:line} ({@link LogLine#where()}), or the directory for log-wide problems
 * @param seq the seq of the record concerned, or -1
 * @param message one line saying what is wrong and what it means
 */
public record Problem(Type type, String where, long seq, String message) {

  /** Problem types; {@link #tampering()} tells evidence of editing from crash artifacts. */
  public enum Type {
    /** A record's stored hash is not the hash of its bytes: the record was edited. */
    HASH_MISMATCH(true),
    /** A record's prev_hash is not the previous record's hash: records were removed, inserted or reordered. */
    CHAIN_BREAK(true),
    /** A record's seq is not the previous seq + 1. */
    SEQ_GAP(true),
    /** The log does not start at seq 1 with the genesis prev_hash: its first files are missing. */
    MISSING_START(true),
    /** A line that is not a record and is not explained by a crash. */
    CORRUPT_LINE(true),
    /** A checkpoint whose signature does not verify under the given key. */
    BAD_SIGNATURE(true),
    /** A partial line left by a crash during a write; the chain continues past it intact. */
    TORN_LINE(false),
    /** A checkpoint without signature, or signed by another key, while a key was given. */
    UNSIGNED_CHECKPOINT(false);

    private final boolean tampering;

    Type(boolean tampering) {
      this.tampering = tampering;
    }

    /** True when this problem means the log was altered (or lost records), not just crashed. */
    public boolean tampering() {
      return tampering;
    }
  }

  @Override
  public String toString() {
    return where + ": " + type + ": " + message;
  }
}
