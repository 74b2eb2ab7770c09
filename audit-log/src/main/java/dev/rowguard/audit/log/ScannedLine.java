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
 * @param checkpoint the parsed record, for checkpoints when signatures are checked
 * @param looksTorn for a line that is not a record: whether it starts like one ({@link
 *     LogCodec#startsLikeRecord}), which is what a crash during a write leaves
 * @param terminated whether a newline ends the line (false only for the last line of a file)
 */
record ScannedLine(
    int length,
    ChainLink link,
    boolean hashOk,
    LogRecord checkpoint,
    boolean looksTorn,
    boolean terminated) {

  /** Scans every line of a block ({@link LineBlocks}). */
  static List<ScannedLine> scanBlock(
      byte[] b, int length, MessageDigest digest, boolean parseCheckpoints) {
    List<ScannedLine> out = new ArrayList<>(length / 256 + 1);
    int i = 0;
    while (i < length) {
      int nl = LineBlocks.indexOfNewline(b, i, length);
      int end = nl < 0 ? length : nl;
      out.add(scan(b, i, end - i, digest, parseCheckpoints, nl >= 0));
      i = end + 1;
    }
    return out;
  }

  static ScannedLine scan(
      byte[] b,
      int off,
      int len,
      MessageDigest digest,
      boolean parseCheckpoints,
      boolean terminated) {
    int hashAt = ChainLink.storedHashOffset(b, off, len);
    ChainLink link =
        hashAt < 0 ? null : ChainLink.fromCanonical(b, off, len, hashAt, 0, 0, 0, false);
    LogRecord parsed = null;
    if (hashAt >= 0
        && (link == null
            || (parseCheckpoints && RecordKind.CHECKPOINT.wireName().equals(link.kind())))) {
      parsed = LogRecord.parse(new String(b, off, len, StandardCharsets.UTF_8));
      link =
          parsed == null
              ? null
              : ChainLink.fromRecord(
                  parsed, new String(b, hashAt, 64, StandardCharsets.ISO_8859_1), 0, 0, 0, false);
    }
    if (link == null) {
      return new ScannedLine(
          len, null, false, null, looksTorn(b, off, len, hashAt >= 0), terminated);
    }
    return new ScannedLine(
        len, link, hashMatches(b, off, len, hashAt, digest), parsed, false, terminated);
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
