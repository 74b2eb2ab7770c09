package dev.rowguard.audit.log;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link LogVerifier} found in one log (a directory's files, in rotation order).
 *
 * @param directory the log directory
 * @param files the log files in rotation order
 * @param bytes total size of the files read
 * @param records number of records (lines that parse as records)
 * @param firstSeq seq of the first record, or 0 for an empty log
 * @param lastSeq seq of the last record, or 0 for an empty log
 * @param lastHash hash of the last record, or {@link RecordHash#GENESIS} for an empty log
 * @param recordsByKind record counts by {@code kind}
 * @param checkpoints number of checkpoint records
 * @param verifiedSignatures checkpoints whose Ed25519 signature verified under the given key
 * @param lastVerifiedCheckpointSeq seq of the last checkpoint whose signature verified, or 0
 * @param problems what is wrong, in log order; at most {@link LogVerifier#MAX_PROBLEMS}
 * @param problemCount how many problems there were, also those beyond the list
 */
public record VerificationResult(
    Path directory,
    List<Path> files,
    long bytes,
    long records,
    long firstSeq,
    long lastSeq,
    String lastHash,
    Map<String, Long> recordsByKind,
    long checkpoints,
    long verifiedSignatures,
    long lastVerifiedCheckpointSeq,
    List<Problem> problems,
    long problemCount) {

  /** True when no problem indicates tampering or loss (torn lines from crashes are allowed). */
  public boolean intact() {
    return firstBreak().isEmpty();
  }

  /** The first problem that means tampering or loss. */
  public Optional<Problem> firstBreak() {
    return problems.stream().filter(p -> p.type().tampering()).findFirst();
  }

  /**
   * Records after the last verified signed checkpoint: their absence would not be provable by
   * signature.
   */
  public long recordsAfterLastVerifiedCheckpoint() {
    return lastVerifiedCheckpointSeq == 0
        ? records
        : Math.max(0, lastSeq - lastVerifiedCheckpointSeq);
  }
}
