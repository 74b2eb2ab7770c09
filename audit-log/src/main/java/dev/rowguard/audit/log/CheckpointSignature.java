package dev.rowguard.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * What a checkpoint signs: the UTF-8 bytes of {@code "rowguard-checkpoint-v1\n" + seq + "\n" +
 * prev_hash + "\n"}, where {@code seq} is the checkpoint's own seq and {@code prev_hash} the hash
 * of the record before it (which, through the chain, commits to every earlier record).
 */
public final class CheckpointSignature {

  private CheckpointSignature() {}

  /** The signed message. */
  public static byte[] message(long seq, String prevHash) {
    return ("rowguard-checkpoint-v1\n" + seq + "\n" + prevHash + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The base64 (RFC 4648, with padding) Ed25519 signature of the message. */
  public static String sign(PrivateKey key, long seq, String prevHash) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(message(seq, prevHash));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot sign a checkpoint with this key: " + e.getMessage(), e);
    }
  }

  /** True when {@code signatureBase64} is a valid signature of the message under {@code key}. */
  public static boolean verify(PublicKey key, long seq, String prevHash, String signatureBase64) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(message(seq, prevHash));
      return s.verify(Base64.getDecoder().decode(signatureBase64));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
