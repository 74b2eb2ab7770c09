package dev.rowguard.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The record hash: SHA-256 over the record's line with its final {@code hash} member removed.
 *
 * <p>A line is {@code B + ,"hash":"H"}} where {@code B} starts with <code>{</code> and ends with
 * the {@code prev_hash} member; {@code H = lowercase-hex(SHA-256(UTF-8(B + "}")))}. A verifier
 * therefore hashes the bytes as stored, never a re-serialization, so any edit to any byte is
 * detected.
 */
public final class RecordHash {

  /** The {@code prev_hash} of the very first record of a log: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  private static final int SUFFIX_LENGTH = LogCodec.HASH_MEMBER.length() + 64 + 2;
  private static final HexFormat HEX = HexFormat.of();

  private RecordHash() {}

  /** A new SHA-256 digest; callers keep one per thread. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  /** The hash of a line whose body (everything before {@code ,"hash":}) is {@code body}. */
  public static String ofBody(MessageDigest digest, CharSequence body) {
    return ofBody(digest, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The hash of a line whose body, UTF-8 encoded, is {@code body}. */
  public static String ofBody(MessageDigest digest, byte[] body) {
    digest.reset();
    digest.update(body);
    digest.update((byte) '}');
    return HEX.formatHex(digest.digest());
  }

  /**
   * The hash stored at the end of {@code line}, or null if the line does not end with a well-formed
   * {@code ,"hash":"<64 lowercase hex>"}} member (a torn or foreign line).
   */
  public static String storedHash(String line) {
    int n = line.length();
    if (n < SUFFIX_LENGTH + 1
        || !line.endsWith("\"}")
        || !line.startsWith(LogCodec.HASH_MEMBER, n - SUFFIX_LENGTH)) {
      return null;
    }
    String h = line.substring(n - 66, n - 2);
    for (int i = 0; i < 64; i++) {
      char c = h.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return null;
      }
    }
    return h;
  }

  /** True when {@code line} carries a stored hash and it equals the hash of its body. */
  public static boolean matches(MessageDigest digest, String line) {
    String stored = storedHash(line);
    return stored != null
        && stored.equals(ofBody(digest, line.substring(0, line.length() - SUFFIX_LENGTH)));
  }
}
