package dev.rowguard.audit.log;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A witness of a log's checkpoints: a second directory, one the log's writers should not be able to
 * rewrite (another mount, an append-only share, another host's file system), that receives a copy
 * of every checkpoint line a writer writes, as it writes it. The log alone cannot tell that its
 * newest records or its newest file were cut off (the rest of the chain is intact); the witness
 * still holds the later checkpoints, so {@link #check} reports the log as short of them.
 *
 * <p>One file per log directory, {@code <host>-<16 hex of the directory's SHA-256>.jsonl}, holding
 * the checkpoint lines exactly as in the log (seq, hash and, with a key, signature included).
 */
public final class Witness {

  /** The suffix of a witness file. */
  public static final String SUFFIX = ".jsonl";

  private Witness() {}

  /** The witness file in {@code witnessDir} for the log in {@code logDir} written on this host. */
  public static Path file(Path witnessDir, Path logDir) {
    String host = Origin.HOST.replaceAll("[^A-Za-z0-9._-]", "_");
    return witnessDir.resolve(host + "-" + directoryHash(logDir) + SUFFIX);
  }

  private static String directoryHash(Path logDir) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  logDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /**
   * Appends checkpoint lines (each ending in a newline) to the log's witness file and forces them
   * to disk.
   */
  public static void append(Path witnessDir, Path logDir, List<byte[]> lines) throws IOException {
    Files.createDirectories(witnessDir);
    try (FileChannel ch =
        FileChannel.open(
            file(witnessDir, logDir),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      for (byte[] line : lines) {
        ByteBuffer buf = ByteBuffer.wrap(line);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
      ch.force(false);
    }
  }

  /** A checkpoint as the witness holds it. */
  private record Held(long seq, String hash, String ts, LogRecord record) {}

  /**
   * Compares the log of {@code logDir} ({@code files}, in rotation order) with what {@code
   * witnessDir} holds for it: a witnessed checkpoint the log ends before is a cut-off tail ({@link
   * Problem.Type#WITNESS_AHEAD}); one the log holds with other bytes is a rewritten record ({@link
   * Problem.Type#WITNESS_MISMATCH}). The witness file is the one named for the directory on this
   * host, else (a log copied elsewhere for a post-mortem) the one sharing checkpoints with the log.
   *
   * @return the problems, empty when the log holds every witnessed checkpoint as witnessed
   */
  public static List<Problem> check(Path logDir, List<Path> files, Path witnessDir)
      throws IOException {
    Map<Long, String> logCheckpoints = new HashMap<>();
    Map<Long, String> logWhere = new HashMap<>();
    Map<Long, LogRecord> opens = new HashMap<>();
    long lastSeq = 0;
    try (LogReader r = LogReader.open(files)) {
      for (LogLine l = r.next(); l != null; l = r.next()) {
        LogRecord rec = l.record();
        if (rec == null) {
          continue;
        }
        lastSeq = Math.max(lastSeq, rec.seq());
        if (rec.kind() == RecordKind.CHECKPOINT) {
          logCheckpoints.put(rec.seq(), rec.hash());
          logWhere.put(rec.seq(), l.where());
        }
        if (rec.kind() == RecordKind.LOG_OPEN) {
          opens.put(rec.seq(), rec);
        }
      }
    }
    Path chosen = choose(logDir, witnessDir, logCheckpoints);
    List<Problem> problems = new ArrayList<>();
    if (chosen == null) {
      problems.add(
          new Problem(
              Problem.Type.NO_WITNESS,
              witnessDir.toString(),
              -1,
              "no witness file holds this log's checkpoints (expected "
                  + file(witnessDir, logDir).getFileName()
                  + "): is rowguard.audit.witness set for this writer?"));
      return problems;
    }
    List<Held> held = read(chosen);
    Held newest = null;
    int mismatches = 0;
    for (Held h : held) {
      if (newest == null || h.seq() > newest.seq()) {
        newest = h;
      }
      String inLog = logCheckpoints.get(h.seq());
      if (h.seq() <= lastSeq && !h.hash().equals(inLog) && mismatches++ == 0) {
        problems.add(
            new Problem(
                Problem.Type.WITNESS_MISMATCH,
                inLog == null ? logDir.toString() : logWhere.get(h.seq()),
                h.seq(),
                (inLog == null
                        ? "the witness holds a checkpoint at this seq, the log has another record"
                        : "the log's checkpoint differs from the witnessed one")
                    + " (witness "
                    + chosen.getFileName()
                    + ", written "
                    + h.ts()
                    + "): the log was rewritten from here"));
      }
    }
    Problem gap = heartbeatGap(chosen, held, opens, logCheckpoints);
    if (gap != null) {
      problems.add(gap);
    }
    if (newest != null && newest.seq() > lastSeq) {
      problems.add(
          new Problem(
              Problem.Type.WITNESS_AHEAD,
              logDir.toString(),
              newest.seq(),
              "the witness "
                  + chosen.getFileName()
                  + " holds checkpoint seq "
                  + newest.seq()
                  + " written "
                  + newest.ts()
                  + ", but the log ends at seq "
                  + lastSeq
                  + ": its newest records (at least seq "
                  + (lastSeq + 1)
                  + ".."
                  + newest.seq()
                  + ") or files were cut off"));
    }
    return problems;
  }

  /**
   * The first heartbeat gap ({@link Heartbeats}) among the witnessed checkpoints, in the runs the
   * log's {@code log_open} records start, that the log's own checkpoints do not show: between
   * checkpoints the log lost (its cut-off tail) or holds otherwise.
   */
  private static Problem heartbeatGap(
      Path witnessFile,
      List<Held> held,
      Map<Long, LogRecord> opens,
      Map<Long, String> logCheckpoints) {
    java.util.TreeMap<Long, LogRecord> beats = new java.util.TreeMap<>(opens);
    for (Held h : held) {
      beats.putIfAbsent(h.seq(), h.record());
    }
    Heartbeats rule = new Heartbeats();
    for (LogRecord r : beats.values()) {
      Heartbeats.Gap gap = rule.next(r.kindName(), r.seq(), r);
      if (gap != null
          && !(inLog(gap.fromSeq(), beats, logCheckpoints, opens)
              && inLog(gap.toSeq(), beats, logCheckpoints, opens))) {
        return new Problem(
            Problem.Type.HEARTBEAT_GAP,
            witnessFile.toString(),
            gap.toSeq(),
            gap.message() + " (seen in the witness)");
      }
    }
    return null;
  }

  private static boolean inLog(
      long seq,
      Map<Long, LogRecord> beats,
      Map<Long, String> logCheckpoints,
      Map<Long, LogRecord> opens) {
    return opens.containsKey(seq) || beats.get(seq).hash().equals(logCheckpoints.get(seq));
  }

  private static Path choose(Path logDir, Path witnessDir, Map<Long, String> logCheckpoints)
      throws IOException {
    Path named = file(witnessDir, logDir);
    if (Files.isRegularFile(named)) {
      return named;
    }
    Path best = null;
    int bestShared = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(witnessDir, "*" + SUFFIX)) {
      for (Path f : ds) {
        int shared = 0;
        for (Held h : read(f)) {
          if (h.hash().equals(logCheckpoints.get(h.seq()))) {
            shared++;
          }
        }
        if (shared > bestShared) {
          best = f;
          bestShared = shared;
        }
      }
    }
    return best;
  }

  private static List<Held> read(Path witnessFile) throws IOException {
    List<Held> held = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(witnessFile, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        LogRecord rec = LogRecord.parse(line);
        if (rec != null && rec.kind() == RecordKind.CHECKPOINT) {
          Object ts = rec.members().get(Fields.TS);
          held.add(new Held(rec.seq(), rec.hash(), String.valueOf(ts), rec));
        }
      }
    }
    return held;
  }
}
