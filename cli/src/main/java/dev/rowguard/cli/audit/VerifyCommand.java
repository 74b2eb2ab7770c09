package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.CheckpointKeys;
import dev.rowguard.audit.log.LogVerifier;
import dev.rowguard.audit.log.Problem;
import dev.rowguard.audit.log.ShippedLogSource;
import dev.rowguard.audit.log.VerificationResult;
import dev.rowguard.audit.log.Witness;
import dev.rowguard.cli.InvalidInputException;
import dev.rowguard.cli.Problems;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rowguard audit verify LOG...}: a thin command over {@link LogVerifier}. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks that audit logs are intact and reports the first break.",
      "Follows the hash chain across files and rotations, seq continuity and checkpoint signatures;",
      "a break is told by file, line, seq and kind (edited, deleted, inserted or reordered records,",
      "records missing at a file boundary, torn last line, bad signature, missing file in the",
      "sequence, a file converted to CRLF line endings); with --witness,",
      "also newest records or files missing relative to the witnessed checkpoints.",
      "Exit 0 intact, 1 broken, 2 usage or I/O error."
    })
public final class VerifyCommand implements Callable<Integer> {

  /** Problems listed after the first break; the rest are counted. */
  private static final int LISTED = 20;

  @Mixin LogArguments logs;

  @Option(
      names = "--public-key",
      paramLabel = "FILE",
      description = "PEM public key that checkpoint signatures must verify under.")
  Path publicKey;

  @Option(
      names = "--allow-unsigned-tail",
      description =
          "With --public-key: accept records after the last verified checkpoint (a running"
              + " writer's latest records), reported as a note instead of a break.")
  boolean allowUnsignedTail;

  @Option(
      names = "--witness",
      paramLabel = "DIR|URI",
      description =
          "Witness directory (rowguard.audit.witness) holding copies of the checkpoints, or the"
              + " Kafka topic the log is shipped to (kafka://host:port/topic): reports a log whose"
              + " newest records or files are missing, or rewritten, relative to it.")
  String witness;

  /** Below this a rate says nothing but how long the JVM took to warm up. */
  private static final long RATE_FROM_BYTES = 1_000_000;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    String keyProblem = publicKey == null ? null : Problems.notReadable(publicKey);
    if (keyProblem != null) {
      throw new InvalidInputException(
          "--public-key " + keyProblem + ": give the PEM public key file");
    }
    PublicKey key = publicKey == null ? null : CheckpointKeys.readPublicKey(publicKey);
    boolean shippedWitness = witness != null && ShippedLogs.isSource(witness);
    if (witness != null && !shippedWitness && !Files.isDirectory(Path.of(witness))) {
      throw new InvalidInputException(
          "--witness "
              + witness
              + " is not a directory: give the rowguard.audit.witness directory or the"
              + " kafka://host:port/topic the log is shipped to");
    }
    List<AuditLog> all = logs.resolve();
    Path witnessDir =
        witness == null ? null : shippedWitness ? shippedWitness(all) : Path.of(witness);
    boolean intact = true;
    for (AuditLog log : all) {
      long start = System.nanoTime();
      VerificationResult r = LogVerifier.verify(log.directory(), log.files(), key);
      if (r.records() == 0) {
        throw LogInputs.noRecords(log);
      }
      if (log.shipped()) {
        r = withoutRows(r);
      }
      if (witnessDir != null) {
        r = withWitness(r, Witness.check(log.directory(), log.files(), witnessDir));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Problem first = firstBreak(r, allowUnsignedTail);
      intact &= first == null;
      print(out, log, r, first, key != null, seconds);
    }
    out.flush();
    return intact ? 0 : 1;
  }

  /**
   * The checkpoints the topic {@link #witness} holds, in a witness directory of their own: each
   * writer's in the file {@link Witness} looks for first for the log it was shipped from ({@link
   * ShippedLogSource#writerKey}), the others beside them (found by content for a log copied to
   * another host).
   */
  private Path shippedWitness(List<AuditLog> all) throws IOException {
    ShippedLogSource source = ShippedLogs.source(witness);
    Map<String, Path> byKey = new HashMap<>();
    for (AuditLog log : all) {
      if (!log.shipped()) {
        byKey.put(source.writerKey(log.directory()), log.directory());
      }
    }
    Path dir = Files.createTempDirectory(ShippedLogs.root(), "witness-");
    int other = 0;
    for (Map.Entry<String, List<byte[]>> e :
        ShippedLogs.checkpoints(witness, logs.kafkaProperties).entrySet()) {
      Path logDir = byKey.get(e.getKey());
      Witness.append(
          dir,
          logDir == null ? dir.resolve("shipped-" + ++other) : logDir,
          e.getValue().stream().map(VerifyCommand::withNewline).toList());
    }
    return dir;
  }

  private static byte[] withNewline(byte[] line) {
    byte[] b = Arrays.copyOf(line, line.length + 1);
    b[line.length] = '\n';
    return b;
  }

  /**
   * {@code r} without the rows checks: a shipped source holds the records, not the captured rows
   * files beside them (verify those in the log directory).
   */
  private static VerificationResult withoutRows(VerificationResult r) {
    List<Problem> kept =
        r.problems().stream()
            .filter(
                p -> p.type() != Problem.Type.ROWS_MISSING && p.type() != Problem.Type.ROWS_ALTERED)
            .toList();
    return withProblems(r, kept, r.problemCount() - (r.problems().size() - kept.size()));
  }

  /** {@code r} with the witness's problems after the log's own. */
  private static VerificationResult withWitness(VerificationResult r, List<Problem> found) {
    if (found.isEmpty()) {
      return r;
    }
    List<Problem> all = new ArrayList<>(r.problems());
    all.addAll(found);
    return withProblems(r, all, r.problemCount() + found.size());
  }

  private static VerificationResult withProblems(
      VerificationResult r, List<Problem> problems, long count) {
    return new VerificationResult(
        r.directory(),
        r.files(),
        r.bytes(),
        r.records(),
        r.firstSeq(),
        r.lastSeq(),
        r.lastHash(),
        r.recordsByKind(),
        r.checkpoints(),
        r.verifiedSignatures(),
        r.lastVerifiedCheckpointSeq(),
        problems,
        count);
  }

  /**
   * {@code 412 KB in 0.03 s}, with the rate only from a size where it means something: {@code 120.4
   * MB in 0.41 s (294 MB/s)}.
   */
  static String sizeAndTime(long bytes, double seconds) {
    String size =
        bytes < 1_000
            ? bytes + " bytes"
            : bytes < 1_000_000
                ? String.format(Locale.ROOT, "%.1f KB", bytes / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    String time = String.format(Locale.ROOT, "%s in %.2f s", size, seconds);
    return bytes < RATE_FROM_BYTES
        ? time
        : time + String.format(Locale.ROOT, " (%.0f MB/s)", bytes / 1e6 / Math.max(seconds, 1e-9));
  }

  /** The first break, leaving out an unsigned tail when it was accepted. */
  private static @Nullable Problem firstBreak(VerificationResult r, boolean allowUnsignedTail) {
    return r.problems().stream()
        .filter(p -> p.type().tampering())
        .filter(p -> !(allowUnsignedTail && p.type() == Problem.Type.UNSIGNED_TAIL))
        .findFirst()
        .orElse(null);
  }

  private static void print(
      PrintWriter out,
      AuditLog log,
      VerificationResult r,
      @Nullable Problem first,
      boolean signed,
      double seconds) {
    String size =
        String.format(
            Locale.ROOT,
            "%d file(s), %,d records, seq %d..%d, %s",
            r.files().size(),
            r.records(),
            r.firstSeq(),
            r.lastSeq(),
            sizeAndTime(r.bytes(), seconds));
    String where = log.name();
    if (first == null) {
      out.println(where + ": intact (" + size + ")");
    } else {
      out.println(where + ": BROKEN (" + size + ")");
      out.println(
          "  first break: "
              + first.type().label()
              + " at "
              + log.where().apply(first.where())
              + (first.seq() >= 0 ? " (seq " + first.seq() + ")" : "")
              + ": "
              + first.message());
    }
    if (signed) {
      out.printf(
          Locale.ROOT,
          "  checkpoints: %d, %d signature(s) verified; %d record(s) after the last verified one%n",
          r.checkpoints(),
          r.verifiedSignatures(),
          r.recordsAfterLastVerifiedCheckpoint());
    }
    int listed = 0;
    for (Problem p : r.problems()) {
      if (p.equals(first)) {
        continue;
      }
      if (listed++ == LISTED) {
        break;
      }
      out.println(
          "  "
              + (p.type().tampering() && first != null ? "also: " : "note: ")
              + p.type().label()
              + " at "
              + log.where().apply(p.where())
              + (p.seq() >= 0 ? " (seq " + p.seq() + ")" : "")
              + ": "
              + p.message());
    }
    long more = r.problemCount() - (first == null ? 0 : 1) - Math.min(listed, LISTED);
    if (more > 0) {
      out.println("  ... and " + more + " more problem(s)");
    }
  }
}
