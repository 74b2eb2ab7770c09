package dev.rowguard.audit.log;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verifies a log directory: every record's hash, the chain across all files, gap-free seq, and the
 * Ed25519 signatures of checkpoints when a public key is given. Exactly the procedure of
 * docs/AUDIT-LOG.md ("Verifying a log").
 *
 * <p>A line that is not a record is reported as {@link Problem.Type#TORN_LINE} (a crash, not
 * tampering) when it is the beginning of a record cut short and it is the end of the log or the
 * next record links straight to the record before it; otherwise as {@link Problem.Type#CORRUPT_LINE}.
 */
public final class LogVerifier {

  private static final String RECORD_START = "{\"seq\":";

  private final PublicKey key;
  private final String keyId;
  private final MessageDigest digest = RecordHash.newDigest();

  private final List<Problem> problems = new ArrayList<>();
  private final List<LogLine> pendingBad = new ArrayList<>();
  private final Map<String, Long> byKind = new TreeMap<>();
  private long records;
  private long firstSeq;
  private long lastSeq;
  private String lastHash = RecordHash.GENESIS;
  private long checkpoints;
  private long verifiedSignatures;
  private long lastVerifiedCheckpointSeq;

  private LogVerifier(PublicKey key) {
    this.key = key;
    this.keyId = key == null ? null : CheckpointKeys.keyId(key);
  }

  /** Verifies {@code dir}; {@code publicKey} may be null to skip signature checks. */
  public static VerificationResult verify(Path dir, PublicKey publicKey) throws IOException {
    LogVerifier v = new LogVerifier(publicKey);
    List<Path> files = LogFiles.list(dir);
    for (Path f : files) {
      LogReader.forEachLineOfFile(f, v::accept);
    }
    for (LogLine bad : v.pendingBad) {
      v.problems.add(looksTorn(bad)
          ? new Problem(Problem.Type.TORN_LINE, bad.where(), -1,
              "torn last line (" + bad.text().length() + " chars): a write interrupted by a crash; it was never acknowledged")
          : new Problem(Problem.Type.CORRUPT_LINE, bad.where(), -1, "line is not an audit record"));
    }
    return new VerificationResult(dir, files, v.records, v.firstSeq, v.lastSeq, v.lastHash, v.byKind,
        v.checkpoints, v.verifiedSignatures, v.lastVerifiedCheckpointSeq, List.copyOf(v.problems));
  }

  private void accept(LogLine line) {
    LogRecord r = line.record();
    String stored = RecordHash.storedHash(line.text());
    if (r == null || stored == null) {
      pendingBad.add(line);
      return;
    }
    long seq = r.seq();
    boolean linksToLast = r.prevHash().equals(lastHash) && seq == lastSeq + 1;
    for (LogLine bad : pendingBad) {
      problems.add(linksToLast && looksTorn(bad)
          ? new Problem(Problem.Type.TORN_LINE, bad.where(), -1, "torn line from a crash; the chain continues intact after it")
          : new Problem(Problem.Type.CORRUPT_LINE, bad.where(), -1, "line is not an audit record"));
    }
    pendingBad.clear();
    if (!RecordHash.matches(digest, line.text())) {
      problems.add(new Problem(Problem.Type.HASH_MISMATCH, line.where(), seq, "record was modified: its hash does not match its content"));
    }
    if (records == 0) {
      firstSeq = seq;
      if (seq != 1 || !r.prevHash().equals(RecordHash.GENESIS)) {
        problems.add(new Problem(Problem.Type.MISSING_START, line.where(), seq,
            "log starts at seq " + seq + ", not 1: earlier records or files are missing"));
      }
    } else {
      if (seq != lastSeq + 1) {
        problems.add(new Problem(Problem.Type.SEQ_GAP, line.where(), seq,
            "seq jumps from " + lastSeq + " to " + seq + ": " + describeGap(seq)));
      }
      if (!r.prevHash().equals(lastHash)) {
        problems.add(new Problem(Problem.Type.CHAIN_BREAK, line.where(), seq,
            "prev_hash does not match the hash of seq " + lastSeq + ": records were removed, inserted or reordered"));
      }
    }
    if (r.kind() == RecordKind.CHECKPOINT) {
      checkCheckpoint(line, r);
    }
    records++;
    byKind.merge(r.kindName(), 1L, Long::sum);
    lastSeq = seq;
    lastHash = stored;
  }

  /** The start of a record cut short: begins like every record and is not a whole JSON record. */
  private static boolean looksTorn(LogLine line) {
    String t = line.text();
    return !t.isEmpty() && (t.startsWith(RECORD_START) || RECORD_START.startsWith(t)) && line.record() == null;
  }

  private static String describeGap(long seq) {
    return seq > 0 ? "records are missing or were reordered" : "invalid seq";
  }

  private void checkCheckpoint(LogLine line, LogRecord r) {
    checkpoints++;
    if (key == null) {
      return;
    }
    String signature = r.string(Fields.CHECKPOINT_SIGNATURE);
    String id = r.string(Fields.CHECKPOINT_KEY_ID);
    if (signature == null || !keyId.equals(id)) {
      problems.add(new Problem(Problem.Type.UNSIGNED_CHECKPOINT, line.where(), r.seq(),
          signature == null ? "checkpoint is not signed" : "checkpoint is signed by key " + id + ", not by " + keyId));
      return;
    }
    if (CheckpointSignature.verify(key, r.seq(), r.prevHash(), signature)) {
      verifiedSignatures++;
      lastVerifiedCheckpointSeq = r.seq();
    } else {
      problems.add(new Problem(Problem.Type.BAD_SIGNATURE, line.where(), r.seq(),
          "checkpoint signature does not verify: the log before it was altered or the signature forged"));
    }
  }
}
