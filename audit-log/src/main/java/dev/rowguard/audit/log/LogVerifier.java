package dev.rowguard.audit.log;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verifies a log: every record's hash, the chain across all files, gap-free seq, and the Ed25519
 * signatures of checkpoints when a public key is given. Exactly the procedure of docs/AUDIT-LOG.md
 * ("Verifying a log"), plus naming each break: when the chain breaks, up to {@link #LOOKAHEAD}
 * following records are held to tell deleted, inserted and reordered records and edited ones apart.
 *
 * <p>A line that is not a record is {@link Problem.Type#TORN_LINE} (a crash, not tampering) when it
 * is the beginning of a record cut short and it ends the log or the next record links straight to
 * the record before it; otherwise {@link Problem.Type#CORRUPT_LINE}.
 *
 * <p>Memory is constant: a few blocks of lines in flight ({@link LineBlocks}), the lookahead
 * window, and at most {@link #MAX_PROBLEMS} problems kept (all are counted). Blocks are scanned and
 * hashed on up to {@link #SCANNERS} threads; lines are hashed as stored bytes, never decoded,
 * except checkpoints when a key is given and lines that are not in canonical form.
 */
public final class LogVerifier {

  /** Records held after a break to classify it. */
  static final int LOOKAHEAD = 32;

  /**
   * Stands before the first record until it is read: a log whose first records are out of order is
   * then named like any reordering, not as missing files.
   */
  private static final ChainLink START =
      new ChainLink(0, "", RecordHash.GENESIS, RecordHash.GENESIS, 0, 0, 0, false);

  /** Problems kept in the result; later ones are only counted. */
  public static final int MAX_PROBLEMS = 1000;

  private final PublicKey key;
  private final String keyId;
  private final List<Path> files;

  /** Threads that scan and hash blocks of lines; the chain is followed on the calling thread. */
  private static final int SCANNERS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private static final ThreadLocal<MessageDigest> DIGESTS =
      ThreadLocal.withInitial(RecordHash::newDigest);

  /**
   * Problems sorted by the position of their line: breaks are named after the lookahead, later than
   * edits seen meanwhile.
   */
  private final List<Found> problems = new ArrayList<>();

  private final List<RowsRef> rowsRefs = new ArrayList<>();

  private long problemCount;
  private final Map<String, Long> byKind = new TreeMap<>();

  /**
   * Whether each writer run (by the ordinal of its {@code log_open}) starts every file after the
   * first with a {@code rotate} record: older writers do not, and then a gap at a file boundary
   * stays ambiguous.
   */
  private final TreeMap<Long, Boolean> rotationMarkers = new TreeMap<>();

  /** The current writer run's heartbeats. */
  private final Heartbeats beats = new Heartbeats();

  /** Lines that are not records, waiting for the next record to tell torn from corrupt. */
  private final List<BadLine> pendingBad = new ArrayList<>();

  private long pendingBadCount;
  private final Deque<ChainLink> input = new ArrayDeque<>();
  private final List<ChainLink> window = new ArrayList<>();
  private ChainLink last;
  private ChainLink beforeLast;
  private long records;
  private long bytes;
  private long firstSeq;
  private long checkpoints;
  private long verifiedSignatures;
  private long lastVerifiedCheckpointSeq;
  private long ordinal;
  private long lineNumber;
  private int fileIndex;
  private boolean firstInFile;

  /** Whether a CRLF line of the current file was reported (once per file). */
  private boolean crlfReported;

  /**
   * The current file's first line starts like a record but is none: foreign unless a record follows
   * it.
   */
  private boolean firstLineSuspect;

  private LogVerifier(PublicKey key, List<Path> files) {
    this.key = key;
    this.keyId = key == null ? null : CheckpointKeys.keyId(key);
    this.files = files;
  }

  /** Verifies the log in {@code dir}; {@code publicKey} may be null to skip signature checks. */
  public static VerificationResult verify(Path dir, PublicKey publicKey) throws IOException {
    return verify(dir, LogFiles.list(dir), publicKey);
  }

  /** Verifies {@code files} (the log files of {@code dir}, in rotation order) as one chain. */
  public static VerificationResult verify(Path dir, List<Path> files, PublicKey publicKey)
      throws IOException {
    LogVerifier v = new LogVerifier(publicKey, List.copyOf(files));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            SCANNERS,
            r -> {
              Thread t = new Thread(r, "rowguard-verify");
              t.setDaemon(true);
              return t;
            });
    try {
      for (int i = 0; i < files.size(); i++) {
        Path f = files.get(i);
        v.fileIndex = i;
        v.firstInFile = true;
        v.crlfReported = false;
        v.lineNumber = 0;
        v.bytes += Files.size(f);
        Deque<Future<List<ScannedLine>>> inFlight = new ArrayDeque<>();
        LineBlocks.read(
            f,
            (data, length) -> {
              inFlight.add(pool.submit(() -> ScannedLine.scanBlock(data, length, DIGESTS.get())));
              if (inFlight.size() > 2 * SCANNERS) {
                v.lines(take(inFlight.poll()));
              }
            });
        while (!inFlight.isEmpty()) {
          v.lines(take(inFlight.poll()));
        }
        if (v.firstLineSuspect) {
          throw LogCodec.foreignFile(f, 1);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    v.finish();
    v.checkRows(dir);
    return new VerificationResult(
        dir,
        v.files,
        v.bytes,
        v.records,
        v.firstSeq,
        v.last == null ? 0 : v.last.seq(),
        v.last == null ? RecordHash.GENESIS : v.last.hash(),
        v.byKind,
        v.checkpoints,
        v.verifiedSignatures,
        v.lastVerifiedCheckpointSeq,
        v.problems.stream().map(Found::problem).toList(),
        v.problemCount);
  }

  private static List<ScannedLine> take(Future<List<ScannedLine>> block) throws IOException {
    try {
      return block.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while verifying");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void lines(List<ScannedLine> block) throws IOException {
    for (ScannedLine line : block) {
      line(line);
    }
  }

  private void line(ScannedLine line) throws IOException {
    ordinal++;
    lineNumber++;
    if (firstLineSuspect && lineNumber == 2 && line.link() == null) {
      throw LogCodec.foreignFile(files.get(fileIndex), 1);
    }
    firstLineSuspect = false;
    if (line.crlf() && !crlfReported) {
      crlfReported = true;
      report(
          Problem.Type.CRLF_LINE_ENDINGS,
          where(fileIndex, lineNumber),
          ordinal,
          line.link() == null ? -1 : line.link().seq(),
          "the file was converted to CRLF line endings (its lines end in \\r\\n, not \\n, as"
              + " a Windows editor, a copy in text mode or git with core.autocrlf writes them);"
              + " its records are checked without the \\r: remove them (tr -d '\\r') to"
              + " restore the bytes the writer wrote");
    }
    if (line.link() == null && lineNumber == 1) {
      // Judged as LogReader judges it: a file that does not start with a record (or a torn one) is
      // not a log.
      if (LogCodec.classifyNonRecord(line.looksTorn(), line.terminated(), true)
          == LogLine.Type.FOREIGN) {
        throw LogCodec.foreignFile(files.get(fileIndex), 1);
      }
      firstLineSuspect = line.terminated();
    }
    if (line.link() == null) {
      pendingBadCount++;
      if (pendingBad.size() < LOOKAHEAD) {
        pendingBad.add(
            new BadLine(
                ordinal,
                fileIndex,
                lineNumber,
                line.length(),
                line.looksTorn(),
                line.terminated(),
                line.torn()));
      }
      return;
    }
    ChainLink link = line.link().at(lineNumber, ordinal, fileIndex, firstInFile);
    LogRecord parsed = line.checkpoint();
    firstInFile = false;
    if (!line.hashOk()) {
      report(
          Problem.Type.HASH_MISMATCH,
          where(link),
          ordinal,
          link.seq(),
          "record seq " + link.seq() + " was modified: its hash does not match its content");
    }
    records++;
    byKind.merge(link.kind(), 1L, Long::sum);
    if (RecordKind.LOG_GAP.wireName().equals(link.kind())) {
      report(
          Problem.Type.LOG_GAP,
          where(link),
          ordinal,
          link.seq(),
          "record seq "
              + link.seq()
              + " says the writer found its log file deleted or replaced: the records it had"
              + " written there are lost (its "
              + Fields.GAP_AFTER_SEQ
              + " and "
              + Fields.GAP_THROUGH_SEQ
              + " fields say which)");
    }
    if (RecordKind.CHECKPOINT.wireName().equals(link.kind())) {
      checkCheckpoint(link, parsed);
    }
    if (parsed != null && RecordKind.LOG_OPEN.wireName().equals(link.kind())) {
      Long markers = parsed.number(Fields.LOG_ROTATION_MARKERS);
      rotationMarkers.put(ordinal, markers != null && markers == 1);
    }
    Heartbeats.Gap gap = beats.next(link.kind(), link.seq(), parsed);
    if (gap != null) {
      report(Problem.Type.HEARTBEAT_GAP, where(link), ordinal, link.seq(), gap.message());
    }
    if (line.rows() != null) {
      rowsRefs.add(new RowsRef(line.rows(), link));
    }
    resolvePendingBad(link);
    input.add(link);
    drain();
  }

  /**
   * Lines before {@code next} that were not records: torn by a crash if the chain goes on, else
   * edited or foreign.
   */
  private void resolvePendingBad(ChainLink next) {
    if (pendingBadCount == 0) {
      return;
    }
    ChainLink reference = window.isEmpty() ? last : null;
    if (reference != null && next.follows(reference)) {
      for (BadLine bad : pendingBad) {
        if (bad.looksTorn() && (bad.torn() == null || bad.torn().fits(reference, next))) {
          report(
              Problem.Type.TORN_LINE,
              bad,
              "torn line from a crash; the chain continues intact after it");
        } else if (bad.looksTorn()) {
          report(
              Problem.Type.CORRUPT_LINE,
              bad,
              "line is the start of a record, but not of the one a crash here would leave (seq "
                  + next.seq()
                  + " after seq "
                  + reference.seq()
                  + ", linking to its hash): it was put there, not torn");
        } else {
          report(
              Problem.Type.CORRUPT_LINE,
              bad,
              "line is not an audit record, nor the start of one a crash cut short");
        }
      }
    } else if (reference != null && pendingBadCount == 1 && next.seq() == reference.seq() + 2) {
      BadLine bad = pendingBad.get(0);
      report(
          Problem.Type.HASH_MISMATCH,
          where(bad.fileIndex(), bad.lineNumber()),
          bad.ordinal(),
          reference.seq() + 1,
          "record seq "
              + (reference.seq() + 1)
              + " was modified so that it is no longer a valid record");
      // Stand in for the edited record so the next one links to it.
      beforeLast = last;
      last =
          new ChainLink(
              reference.seq() + 1,
              "?",
              reference.hash(),
              next.prevHash(),
              bad.lineNumber(),
              bad.ordinal(),
              bad.fileIndex(),
              false);
    } else {
      for (BadLine bad : pendingBad) {
        report(
            Problem.Type.CORRUPT_LINE,
            bad,
            "line is not an audit record, and the chain does not continue past it");
      }
    }
    problemCount += Math.max(0, pendingBadCount - pendingBad.size());
    pendingBad.clear();
    pendingBadCount = 0;
  }

  private void drain() {
    while (!input.isEmpty()) {
      ChainLink l = input.poll();
      if (!window.isEmpty()) {
        window.add(l);
        if (window.size() >= LOOKAHEAD) {
          classifyBreak();
        }
      } else if (last == null) {
        firstSeq = l.seq();
        if (l.follows(START)) {
          advance(l);
        } else {
          last = START; // named once the window is full: reordered, or the first files missing
          window.add(l);
        }
      } else if (l.follows(last)) {
        advance(l);
      } else {
        window.add(l);
      }
    }
  }

  private void advance(ChainLink l) {
    beforeLast = last;
    last = l;
  }

  /** Names the break at {@code window.get(0)} and puts back the records it does not explain. */
  private void classifyBreak() {
    List<ChainLink> w = new ArrayList<>(window);
    window.clear();
    ChainLink p = last;
    ChainLink first = w.get(0);
    int resume;
    int reordered = reorderedPrefix(p, w);
    int rejoin = rejoinIndex(p, w);
    if (reordered >= 2) {
      report(
          Problem.Type.REORDERED_RECORDS,
          where(first),
          first.ordinal(),
          first.seq(),
          "records seq "
              + (p.seq() + 1)
              + ".."
              + (p.seq() + reordered)
              + " are out of order (seq "
              + first.seq()
              + " comes right after seq "
              + p.seq()
              + ")");
      ChainLink highest =
          w.subList(0, reordered).stream()
              .filter(l -> l.seq() == p.seq() + reordered)
              .findFirst()
              .orElseThrow();
      ChainLink secondHighest =
          w.subList(0, reordered).stream()
              .filter(l -> l.seq() == p.seq() + reordered - 1)
              .findFirst()
              .orElse(p);
      last = highest;
      beforeLast = secondHighest;
      resume = reordered;
    } else if (rejoin > 0) {
      report(
          Problem.Type.INSERTED_RECORDS,
          where(first),
          first.ordinal(),
          first.seq(),
          rejoin
              + " record(s) not in the chain were inserted after seq "
              + p.seq()
              + ": the record after them links to seq "
              + p.seq());
      resume = rejoin;
    } else if (p == START) {
      report(
          Problem.Type.MISSING_FILE,
          where(first),
          first.ordinal(),
          first.seq(),
          "the log starts at seq "
              + first.seq()
              + ", not 1: the first file(s) of the sequence are missing");
      last = first;
      beforeLast = null;
      resume = 1;
    } else if (beforeLast != null
        && first.seq() == p.seq()
        && first.prevHash().equals(beforeLast.hash())) {
      report(
          Problem.Type.INSERTED_RECORDS,
          where(p),
          p.ordinal(),
          p.seq(),
          "a record not in the chain was inserted as seq "
              + p.seq()
              + ": the next record ("
              + where(first)
              + ") has the same seq and links to seq "
              + beforeLast.seq());
      last = first;
      resume = 1;
    } else if (first.seq() > p.seq() + 1) {
      reportGap(p, first);
      advance(first);
      resume = 1;
    } else if (first.seq() == p.seq() + 1) {
      report(
          Problem.Type.REHASHED_RECORD,
          where(p),
          p.ordinal(),
          p.seq(),
          "record seq "
              + p.seq()
              + " was modified and its hash recomputed: seq "
              + first.seq()
              + " links to a different version of it");
      advance(first);
      resume = 1;
    } else {
      report(
          Problem.Type.CHAIN_BREAK,
          where(first),
          first.ordinal(),
          first.seq(),
          "seq "
              + first.seq()
              + " after seq "
              + p.seq()
              + " does not link to it: records were removed, inserted or reordered");
      advance(first);
      resume = 1;
    }
    for (int i = w.size() - 1; i >= resume; i--) {
      input.addFirst(w.get(i));
    }
  }

  private void reportGap(ChainLink p, ChainLink next) {
    String missing =
        next.seq() - p.seq() == 2
            ? "seq " + (p.seq() + 1)
            : "seq " + (p.seq() + 1) + ".." + (next.seq() - 1);
    if (next.firstInFile() && next.fileIndex() == p.fileIndex() + 1) {
      Path before = files.get(p.fileIndex()).getFileName();
      Path after = files.get(next.fileIndex()).getFileName();
      long gapFiles =
          LogFiles.number(files.get(next.fileIndex()))
              - LogFiles.number(files.get(p.fileIndex()))
              - 1;
      if (gapFiles > 0) {
        report(
            Problem.Type.MISSING_FILE,
            where(next),
            next.ordinal(),
            next.seq(),
            gapFiles + " file(s) before " + after + " are missing, with " + missing);
      } else if (RecordKind.ROTATE.wireName().equals(next.kind())) {
        // The next file starts with its rotation marker: it is whole, the earlier one was cut.
        report(
            Problem.Type.TRUNCATED_TAIL,
            where(p),
            p.ordinal(),
            p.seq(),
            "the end of "
                + before
                + " was cut after seq "
                + p.seq()
                + ": "
                + missing
                + " missing ("
                + after
                + " starts with its rotation marker, seq "
                + next.seq()
                + ", so "
                + before
                + " ended at seq "
                + (next.seq() - 1)
                + ")");
      } else if (writesRotationMarkers(p)) {
        report(
            Problem.Type.DELETED_RECORDS,
            where(next),
            next.ordinal(),
            next.seq(),
            "the first record(s) of "
                + after
                + " were deleted: "
                + missing
                + " missing, and "
                + after
                + " does not start with the rotation marker its writer puts first in every file"
                + " (it starts at seq "
                + next.seq()
                + ")");
      } else {
        // A log written before rotation markers: both leave the same chain, the end of one file
        // cut, or the start of the next deleted.
        report(
            Problem.Type.TRUNCATED_TAIL,
            where(p),
            p.ordinal(),
            p.seq(),
            missing
                + " missing between "
                + before
                + " (ends at seq "
                + p.seq()
                + ") and "
                + after
                + " (starts at seq "
                + next.seq()
                + "): the end of "
                + before
                + " was cut, or the first line(s) of "
                + after
                + " deleted; the chain cannot tell which");
      }
    } else {
      report(
          Problem.Type.DELETED_RECORDS,
          where(next),
          next.ordinal(),
          next.seq(),
          missing
              + " deleted: seq jumps from "
              + p.seq()
              + " to "
              + next.seq()
              + " and the chain breaks there");
    }
  }

  /**
   * Whether the writer run that wrote {@code l} starts every file after the first with a marker.
   */
  private boolean writesRotationMarkers(ChainLink l) {
    Map.Entry<Long, Boolean> run = rotationMarkers.floorEntry(l.ordinal());
    return run != null && run.getValue();
  }

  /**
   * The smallest m >= 2 such that w[0..m) holds seq p+1..p+m, out of order, each linking to its seq
   * predecessor; else 0.
   */
  private static int reorderedPrefix(ChainLink p, List<ChainLink> w) {
    if (w.get(0).seq() == p.seq() + 1) {
      return 0;
    }
    Map<Long, ChainLink> bySeq = new HashMap<>();
    for (int m = 1; m <= w.size(); m++) {
      ChainLink l = w.get(m - 1);
      if (l.seq() <= p.seq() || l.seq() > p.seq() + w.size() || bySeq.put(l.seq(), l) != null) {
        return 0;
      }
      if (m >= 2
          && bySeq.size() == m
          && bySeq.containsKey(p.seq() + 1)
          && bySeq.containsKey(p.seq() + m)
          && linksInSeqOrder(p, bySeq, m)) {
        return m;
      }
    }
    return 0;
  }

  private static boolean linksInSeqOrder(ChainLink p, Map<Long, ChainLink> bySeq, int m) {
    ChainLink previous = p;
    for (long s = p.seq() + 1; s <= p.seq() + m; s++) {
      ChainLink l = bySeq.get(s);
      if (l == null || !l.follows(previous)) {
        return false;
      }
      previous = l;
    }
    return true;
  }

  /** The index j >= 1 of the first record in w that continues the chain after p, or 0. */
  private static int rejoinIndex(ChainLink p, List<ChainLink> w) {
    for (int j = 1; j < w.size(); j++) {
      if (w.get(j).follows(p)) {
        return j;
      }
    }
    return 0;
  }

  private void finish() {
    if (pendingBadCount > 0) {
      for (BadLine bad : pendingBad) {
        if (LogCodec.classifyNonRecord(bad.looksTorn(), bad.terminated(), false)
            == LogLine.Type.TORN) {
          report(
              Problem.Type.TORN_LINE,
              bad,
              "torn last line: a write interrupted by a crash; it was never acknowledged");
        } else {
          report(
              Problem.Type.CORRUPT_LINE,
              bad,
              "line is not an audit record, nor the start of one a crash cut short");
        }
      }
      problemCount += Math.max(0, pendingBadCount - pendingBad.size());
    }
    while (!window.isEmpty()) {
      classifyBreak();
      drain();
    }
    if (key != null && !files.isEmpty()) {
      String lastFile = files.get(files.size() - 1).toString();
      long lastSeq = last == null ? 0 : last.seq();
      if (verifiedSignatures == 0) {
        report(
            Problem.Type.NO_VERIFIED_CHECKPOINT,
            lastFile,
            Long.MAX_VALUE,
            -1,
            checkpoints == 0
                ? "the log has no checkpoint, so nothing in it is signed by the given key"
                : "none of the "
                    + checkpoints
                    + " checkpoint(s) verifies under the given key: the log may have been"
                    + " rewritten");
      } else if (lastSeq > lastVerifiedCheckpointSeq) {
        report(
            Problem.Type.UNSIGNED_TAIL,
            lastFile,
            Long.MAX_VALUE,
            lastVerifiedCheckpointSeq + 1,
            "seq "
                + (lastVerifiedCheckpointSeq + 1)
                + ".."
                + lastSeq
                + " come after the last verified checkpoint (seq "
                + lastVerifiedCheckpointSeq
                + "): no signature covers them (a running writer's latest records;"
                + " --allow-unsigned-tail accepts them)");
      }
    }
  }

  private void checkCheckpoint(ChainLink link, LogRecord r) {
    checkpoints++;
    if (key == null) {
      return;
    }
    String signature = r.string(Fields.CHECKPOINT_SIGNATURE);
    String id = r.string(Fields.CHECKPOINT_KEY_ID);
    if (signature == null || !keyId.equals(id)) {
      report(
          Problem.Type.UNSIGNED_CHECKPOINT,
          where(link),
          link.ordinal(),
          link.seq(),
          signature == null
              ? "checkpoint is not signed"
              : "checkpoint is signed by key " + id + ", not by " + keyId);
    } else if (CheckpointSignature.verify(key, link.seq(), link.prevHash(), signature)) {
      verifiedSignatures++;
      lastVerifiedCheckpointSeq = link.seq();
    } else {
      report(
          Problem.Type.BAD_SIGNATURE,
          where(link),
          link.ordinal(),
          link.seq(),
          "checkpoint signature does not verify: the log before it was altered or the signature forged");
    }
  }

  private void report(Problem.Type type, BadLine line, String message) {
    report(
        type,
        where(line.fileIndex(), line.lineNumber()),
        line.ordinal(),
        -1,
        message + " (" + line.length() + " bytes)");
  }

  private void report(Problem.Type type, String where, long at, long seq, String message) {
    problemCount++;
    int i = problems.size();
    while (i > 0 && problems.get(i - 1).ordinal() > at) {
      i--;
    }
    if (i < MAX_PROBLEMS) {
      problems.add(i, new Found(at, new Problem(type, where, seq, message)));
      if (problems.size() > MAX_PROBLEMS) {
        problems.remove(MAX_PROBLEMS);
      }
    }
  }

  private String where(ChainLink l) {
    return where(l.fileIndex(), l.lineNumber());
  }

  /** {@code file:line}, built only for problems: most lines never need it. */
  private String where(int file, long line) {
    return files.get(file) + ":" + line;
  }

  /** A line that is not a record. */
  private record BadLine(
      long ordinal,
      int fileIndex,
      long lineNumber,
      int length,
      boolean looksTorn,
      boolean terminated,
      ScannedLine.TornPrefix torn) {}

  /** A record's reference to a batch of captured rows. */
  private record RowsRef(RowsFiles.Reference ref, ChainLink link) {}

  /**
   * Every batch a record references is in its rows file with the SHA-256 the record holds: a
   * deleted rows file is {@link Problem.Type#ROWS_MISSING}, an edited one {@link
   * Problem.Type#ROWS_ALTERED}.
   */
  private void checkRows(Path dir) throws IOException {
    Map<String, Map<String, RowsFiles.Stored>> byFile = new java.util.HashMap<>();
    for (RowsRef r : rowsRefs) {
      String name = r.ref().file();
      Path f = dir.resolve(name);
      if (!RowsFiles.isRowsFile(f) || !Files.isRegularFile(f)) {
        report(
            Problem.Type.ROWS_MISSING,
            where(r.link()),
            r.link().ordinal(),
            r.link().seq(),
            "record seq "
                + r.link().seq()
                + " references captured rows in "
                + (name.isEmpty() ? "a rows file it does not name" : name)
                + ", which is not in "
                + dir);
        continue;
      }
      Map<String, RowsFiles.Stored> hashes = byFile.get(name);
      if (hashes == null) {
        hashes = RowsFiles.hashes(f);
        byFile.put(name, hashes);
      }
      if (!hashes.containsKey(r.ref().sha256())) {
        report(
            Problem.Type.ROWS_ALTERED,
            where(r.link()),
            r.link().ordinal(),
            r.link().seq(),
            "record seq "
                + r.link().seq()
                + " references captured rows in "
                + name
                + " that are no longer there as written (SHA-256 "
                + r.ref().sha256().substring(0, 16)
                + "...): the rows file was edited");
      }
    }
  }

  /** A problem and the position of its line in the log. */
  private record Found(long ordinal, Problem problem) {}
}
