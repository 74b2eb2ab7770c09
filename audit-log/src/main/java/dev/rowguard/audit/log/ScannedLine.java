package dev.rowguard.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * What the verifier needs of one line, worked out from its bytes alone, so that blocks of lines are
 * scanned in parallel and only the chain is followed in order.
 *
 * @param length the line's length in bytes
 * @param link the record's chain members, or null when the line is not a record; its position
 *     members are not set yet (see {@link ChainLink#at})
 * @param hashOk whether the stored hash is the hash of the line
 * @param checkpoint the parsed record, for checkpoints and {@code log_open} (signatures and
 *     heartbeats)
 * @param looksTorn for a line that is not a record: whether it starts like one ({@link
 *     LogCodec#startsLikeRecord}), which is what a crash during a write leaves
 * @param terminated whether a newline ends the line (false only for the last line of a file)
 * @param rows the batch of captured rows the record references ({@link Fields#ROWS_FILE}, {@link
 *     Fields#ROWS_SHA256}), or null
 * @param crlf whether the line ended in {@code \r\n}; the {@code \r} is not part of the line
 * @param torn for a line that looks torn: the seq and prev_hash as far as it holds them
 */
record ScannedLine(
    int length,
    ChainLink link,
    boolean hashOk,
    LogRecord checkpoint,
    boolean looksTorn,
    boolean terminated,
    RowsFiles.Reference rows,
    boolean crlf,
    TornPrefix torn) {

  /**
   * What a torn line holds of the chain: the digits of its seq ({@code seqComplete} when a comma
   * follows them) and of its prev_hash (empty when it is cut before them).
   */
  record TornPrefix(String seqDigits, boolean seqComplete, String prevHashDigits) {

    private static final byte[] PREV =
        LogCodec.PREV_HASH_MEMBER.getBytes(StandardCharsets.US_ASCII);

    static TornPrefix of(byte[] b, int off, int len) {
      int start = off + LogCodec.RECORD_START_BYTES.length;
      int i = start;
      while (i < off + len && i - start < 19 && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      String seq =
          start < off + len ? new String(b, start, i - start, StandardCharsets.US_ASCII) : "";
      boolean complete = i < off + len && b[i] == ',';
      int prev = indexOf(b, off, len, PREV);
      String hash = "";
      if (prev >= 0) {
        int h = prev + PREV.length;
        int e = h;
        while (e < off + len && e - h < 64 && b[e] != '"') {
          e++;
        }
        hash = new String(b, h, e - h, StandardCharsets.ISO_8859_1);
      }
      return new TornPrefix(seq, complete, hash);
    }

    /**
     * Whether a crash could have left this line where {@code next} follows {@code previous}: a
     * crashed writer was writing the record after {@code previous}, which the next writer wrote
     * again, so its seq is {@code next}'s and its prev_hash {@code previous}'s hash.
     */
    boolean fits(ChainLink previous, ChainLink next) {
      String seq = Long.toString(next.seq());
      return (seqComplete ? seq.equals(seqDigits) : seq.startsWith(seqDigits))
          && previous.hash().startsWith(prevHashDigits);
    }
  }

  private static final byte[] ROWS_FILE =
      ("\"" + Fields.ROWS_FILE + "\":\"").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ROWS_SHA =
      ("\"" + Fields.ROWS_SHA256 + "\":\"").getBytes(StandardCharsets.US_ASCII);

  /** Scans every line of a block ({@link LineBlocks}). */
  static List<ScannedLine> scanBlock(byte[] b, int length, MessageDigest digest) {
    List<ScannedLine> out = new ArrayList<>(length / 256 + 1);
    int i = 0;
    while (i < length) {
      int nl = LineBlocks.indexOfNewline(b, i, length);
      int end = nl < 0 ? length : nl;
      int content = contentEnd(b, i, end, nl >= 0);
      out.add(scan(b, i, content - i, digest, nl >= 0, content < end));
      i = end + 1;
    }
    return out;
  }

  /**
   * Where the content of the line {@code b[start..end)} ends: before the {@code \r} of a {@code
   * \r\n} line end (a file converted to CRLF line endings is judged without the {@code \r}, and its
   * readers say so), else at {@code end}. The one CRLF rule, for verify and {@link LogReader}.
   */
  static int contentEnd(byte[] b, int start, int end, boolean terminated) {
    return terminated && end > start && b[end - 1] == '\r' ? end - 1 : end;
  }

  static ScannedLine scan(
      byte[] b, int off, int len, MessageDigest digest, boolean terminated, boolean crlf) {
    int hashAt = ChainLink.storedHashOffset(b, off, len);
    ChainLink link =
        hashAt < 0 ? null : ChainLink.fromCanonical(b, off, len, hashAt, 0, 0, 0, false);
    LogRecord parsed = null;
    if (hashAt >= 0 && (link == null || Heartbeats.isBeat(link.kind()))) {
      parsed = LogRecord.parse(new String(b, off, len, StandardCharsets.UTF_8));
      link =
          parsed == null
              ? null
              : ChainLink.fromRecord(
                  parsed, new String(b, hashAt, 64, StandardCharsets.ISO_8859_1), 0, 0, 0, false);
    }
    if (link == null) {
      boolean torn = looksTorn(b, off, len, hashAt >= 0);
      return new ScannedLine(
          len,
          null,
          false,
          null,
          torn,
          terminated,
          null,
          crlf,
          torn ? TornPrefix.of(b, off, len) : null);
    }
    return new ScannedLine(
        len,
        link,
        hashMatches(b, off, len, hashAt, digest),
        parsed,
        false,
        terminated,
        mayReferenceRows(link.kind()) ? rowsReference(b, off, len) : null,
        crlf,
        null);
  }

  private static boolean mayReferenceRows(String kind) {
    return kind.equals(RecordKind.DELETE.wireName())
        || kind.equals(RecordKind.TRUNCATE.wireName())
        || kind.equals(RecordKind.TX_AGGREGATE.wireName())
        || kind.equals(RecordKind.COMMIT.wireName());
  }

  /** The rows reference of a record line, read from its bytes, or null. */
  static RowsFiles.Reference rowsReference(byte[] b, int off, int len) {
    int sha = indexOf(b, off, len, ROWS_SHA);
    if (sha < 0 || sha + ROWS_SHA.length + 64 > off + len) {
      return null;
    }
    int file = indexOf(b, off, len, ROWS_FILE);
    String name = "";
    if (file >= 0) {
      int start = file + ROWS_FILE.length;
      int end = start;
      while (end < off + len && b[end] != '"') {
        end++;
      }
      name = new String(b, start, end - start, StandardCharsets.UTF_8);
    }
    int start = sha + ROWS_SHA.length;
    return new RowsFiles.Reference(name, new String(b, start, 64, StandardCharsets.ISO_8859_1));
  }

  private static int indexOf(byte[] b, int off, int len, byte[] needle) {
    int last = off + len - needle.length;
    outer:
    for (int i = off; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (b[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** {@code parsedAlready}: the line was parsed above and is not a record. */
  private static boolean looksTorn(byte[] b, int off, int len, boolean parsedAlready) {
    if (!LogCodec.startsLikeRecord(b, off, len)) {
      return false;
    }
    return parsedAlready
        || LogRecord.parse(new String(b, off, len, StandardCharsets.UTF_8)) == null;
  }

  private static boolean hashMatches(byte[] b, int off, int len, int hashAt, MessageDigest digest) {
    digest.reset();
    digest.update(b, off, len - ChainLink.HASH_SUFFIX);
    digest.update((byte) '}');
    byte[] d = digest.digest();
    for (int i = 0; i < d.length; i++) {
      if (b[hashAt + 2 * i] != hexDigit((d[i] >> 4) & 0xF)
          || b[hashAt + 2 * i + 1] != hexDigit(d[i] & 0xF)) {
        return false;
      }
    }
    return true;
  }

  private static byte hexDigit(int v) {
    return (byte) (v < 10 ? '0' + v : 'a' + v - 10);
  }
}
