package dev.rowguard.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The line grammar of docs/AUDIT-LOG.md, in one place: how a record is encoded and hashed, and
 * whether a line of a log is a {@linkplain LogLine.Type#RECORD record}, the beginning of one a
 * crash cut short ({@linkplain LogLine.Type#TORN torn}) or {@linkplain LogLine.Type#FOREIGN foreign
 * bytes}. The writer, {@link LogTail}, {@link LogReader} and {@link LogVerifier} all judge lines
 * here.
 *
 * <p>A line is <code>{"seq":N</code> + the entry's members + {@code ,"prev_hash":"P"} (the body
 * {@code B}) + {@code ,"hash":"H"}} + newline, where {@code H = hex(SHA-256(B + "}"))}.
 */
public final class LogCodec {

  /** The longest line a log may hold; audit records are a few hundred bytes. */
  public static final int MAX_LINE = 16 << 20;

  static final String RECORD_START = "{\"seq\":";
  static final byte[] RECORD_START_BYTES = RECORD_START.getBytes(StandardCharsets.US_ASCII);
  static final String PREV_HASH_MEMBER = ",\"prev_hash\":\"";

  /** What separates the hashed body from the hash at the end of every line. */
  static final String HASH_MEMBER = ",\"hash\":\"";

  private LogCodec() {}

  /** The body of a record: everything before the {@code hash} member. */
  static String body(long seq, String middle, String prevHash) {
    return new StringBuilder(middle.length() + 110)
        .append(RECORD_START)
        .append(seq)
        .append(middle)
        .append(PREV_HASH_MEMBER)
        .append(prevHash)
        .append('"')
        .toString();
  }

  /**
   * Encodes {@code entry} as record {@code seq} after {@code prevHash}, newline included; returns
   * the line and its hash.
   */
  static Encoded encode(LogEntry entry, long seq, String prevHash, MessageDigest digest) {
    byte[] body = body(seq, entry.middle(), prevHash).getBytes(StandardCharsets.UTF_8);
    String hash = RecordHash.ofBody(digest, body);
    byte[] suffix = (HASH_MEMBER + hash + "\"}\n").getBytes(StandardCharsets.US_ASCII);
    byte[] line = Arrays.copyOf(body, body.length + suffix.length);
    System.arraycopy(suffix, 0, line, body.length, suffix.length);
    return new Encoded(line, hash);
  }

  /** A record's line (with its newline) and its hash. */
  record Encoded(byte[] line, String hash) {}

  /**
   * Whether {@code b[off, off+len)} starts like a record: it begins with <code>{"seq":</code> or is
   * a non-empty prefix of it. A line that does and is not a record is what a crash leaves.
   */
  static boolean startsLikeRecord(byte[] b, int off, int len) {
    int common = Math.min(len, RECORD_START_BYTES.length);
    return len > 0 && Arrays.equals(b, off, off + common, RECORD_START_BYTES, 0, common);
  }

  static boolean startsLikeRecord(String line) {
    return !line.isEmpty() && (line.startsWith(RECORD_START) || RECORD_START.startsWith(line));
  }

  /** The seq of a canonical line (<code>{"seq":N,...</code>), or -1. */
  static long seqOf(String line) {
    if (!line.startsWith(RECORD_START)) {
      return -1;
    }
    long v = 0;
    int i = RECORD_START.length();
    for (;
        i < line.length()
            && i < RECORD_START.length() + 18
            && line.charAt(i) >= '0'
            && line.charAt(i) <= '9';
        i++) {
      v = v * 10 + (line.charAt(i) - '0');
    }
    return i > RECORD_START.length() && i < line.length() && line.charAt(i) == ',' ? v : -1;
  }

  /**
   * What a line that does not parse as a record is: torn if it starts like a record and either ends
   * its file unterminated or is followed by a record (a later writer terminated it and went on);
   * anything else is foreign.
   *
   * @param nextIsRecord whether the line after it is a record (ignored for an unterminated line)
   */
  static LogLine.Type classifyNonRecord(
      boolean startsLikeRecord, boolean terminated, boolean nextIsRecord) {
    return startsLikeRecord && (!terminated || nextIsRecord)
        ? LogLine.Type.TORN
        : LogLine.Type.FOREIGN;
  }

  /** The record in {@code text}, or null when the line is not one. */
  static @Nullable LogRecord parse(String text) {
    return LogRecord.parse(text);
  }

  /** The message of a file whose first line is neither a record nor a torn one. */
  static NotAnAuditLogException foreignFile(java.nio.file.Path file, long line) {
    return new NotAnAuditLogException(
        file,
        file
            + ":"
            + line
            + ": this file is not an audit log: its first line is not an audit record");
  }

  /** The message of a line longer than {@link #MAX_LINE}. */
  static NotAnAuditLogException overlong(java.nio.file.Path file) {
    return new NotAnAuditLogException(
        file,
        file + " has a line longer than " + (MAX_LINE >> 20) + " MiB: it is not an audit log");
  }
}
