package dev.rowguard.audit.log;

import java.nio.charset.StandardCharsets;

/**
 * The members of one record that the chain is made of, read straight from the stored bytes of a
 * canonical line (docs/AUDIT-LOG.md: {@code seq} first, {@code kind} third, {@code prev_hash} and
 * {@code hash} last), with a JSON parse only for lines that are not canonical.
 *
 * @param seq the record's seq
 * @param kind its {@code kind}
 * @param prevHash its {@code prev_hash}
 * @param hash its stored {@code hash}
 * @param lineNumber its line in its file
 * @param ordinal the line's position in the whole log, to report problems in log order
 * @param fileIndex index of its file in the log's file list
 * @param firstInFile whether it is the first record of its file
 */
record ChainLink(
    long seq,
    String kind,
    String prevHash,
    String hash,
    long lineNumber,
    long ordinal,
    int fileIndex,
    boolean firstInFile) {

  private static final byte[] SEQ = LogCodec.RECORD_START_BYTES;
  private static final byte[] KIND =
      ("\"" + Fields.KIND + "\":\"").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PREV = LogCodec.PREV_HASH_MEMBER.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HASH = LogCodec.HASH_MEMBER.getBytes(StandardCharsets.US_ASCII);

  /** {@code ,"hash":"} + 64 hex + {@code "}} */
  static final int HASH_SUFFIX = HASH.length + 64 + 2;

  private static final int PREV_SUFFIX = PREV.length + 64 + 1;

  /** How far into a line {@code kind} may start: after seq and a six-digit-fraction ts. */
  private static final int KIND_WINDOW = 96;

  private static final boolean[] LOWER_HEX = new boolean[256];

  static {
    for (char c : "0123456789abcdef".toCharArray()) {
      LOWER_HEX[c] = true;
    }
  }

  /**
   * Where the stored hash starts in a line of length {@code len}, or -1 if it has no well-formed
   * one.
   */
  static int storedHashOffset(byte[] b, int off, int len) {
    int end = off + len;
    if (len < HASH_SUFFIX + 1
        || b[end - 1] != '}'
        || b[end - 2] != '"'
        || !at(b, end - HASH_SUFFIX, HASH)) {
      return -1;
    }
    int h = end - 66;
    return isHex(b, h) ? h : -1;
  }

  /**
   * The link of a canonical line whose stored hash is at {@code hashAt}, or null when the line is
   * not canonical (the caller then falls back to a JSON parse).
   */
  static ChainLink fromCanonical(
      byte[] b,
      int off,
      int len,
      int hashAt,
      long lineNumber,
      long ordinal,
      int fileIndex,
      boolean first) {
    int bodyEnd = off + len - HASH_SUFFIX;
    int prevAt = bodyEnd - PREV_SUFFIX;
    if (prevAt <= off
        || !at(b, prevAt, PREV)
        || b[bodyEnd - 1] != '"'
        || !isHex(b, prevAt + PREV.length)
        || !at(b, off, SEQ)) {
      return null;
    }
    int i = off + SEQ.length;
    long seq = 0;
    int digits = 0;
    while (i < bodyEnd && b[i] >= '0' && b[i] <= '9' && digits < 18) {
      seq = seq * 10 + (b[i++] - '0');
      digits++;
    }
    if (digits == 0 || b[i] != ',') {
      return null;
    }
    int k = indexOf(b, i, Math.min(bodyEnd, i + KIND_WINDOW), KIND);
    if (k < 0) {
      return null;
    }
    int kindStart = k + KIND.length;
    int kindEnd = kindStart;
    while (kindEnd < bodyEnd && b[kindEnd] != '"' && b[kindEnd] != '\\') {
      kindEnd++;
    }
    if (kindEnd >= bodyEnd || b[kindEnd] != '"') {
      return null;
    }
    return new ChainLink(
        seq,
        new String(b, kindStart, kindEnd - kindStart, StandardCharsets.UTF_8),
        ascii(b, prevAt + PREV.length, 64),
        ascii(b, hashAt, 64),
        lineNumber,
        ordinal,
        fileIndex,
        first);
  }

  /** The link of a record parsed as JSON (a record that is valid but not canonical). */
  static ChainLink fromRecord(
      LogRecord r, String storedHash, long lineNumber, long ordinal, int fileIndex, boolean first) {
    return new ChainLink(
        r.seq(), r.kindName(), r.prevHash(), storedHash, lineNumber, ordinal, fileIndex, first);
  }

  /** This link at its place in the log. */
  ChainLink at(long line, long position, int file, boolean first) {
    return new ChainLink(seq, kind, prevHash, hash, line, position, file, first);
  }

  /** True when this record continues the chain after {@code previous}. */
  boolean follows(ChainLink previous) {
    return seq == previous.seq + 1 && prevHash.equals(previous.hash);
  }

  private static boolean at(byte[] b, int pos, byte[] what) {
    if (pos < 0 || pos + what.length > b.length) {
      return false;
    }
    for (int i = 0; i < what.length; i++) {
      if (b[pos + i] != what[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] b, int from, int to, byte[] what) {
    for (int i = from; i + what.length <= to; i++) {
      if (at(b, i, what)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isHex(byte[] b, int pos) {
    for (int i = pos; i < pos + 64; i++) {
      if (!LOWER_HEX[b[i] & 0xFF]) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.ISO_8859_1);
  }
}
