package dev.rowguard.audit.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys for checkpoint signatures, in PEM files the JDK reads without extra libraries.
 *
 * <p>The signing key file holds two blocks: {@code -----BEGIN PRIVATE KEY-----} (PKCS#8) and {@code
 * -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo); the verification key file holds only
 * the public block. Keep the signing key away from the machine that can edit the log.
 */
public final class CheckpointKeys {

  private static final String ALGORITHM = "Ed25519";
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN (PRIVATE|PUBLIC) KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1 KEY-----");

  private CheckpointKeys() {}

  /** A new Ed25519 key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  /** Writes the signing key file (both blocks) and the public key file. */
  public static void write(KeyPair pair, Path signingKeyFile, Path publicKeyFile)
      throws IOException {
    Files.writeString(
        signingKeyFile,
        pem("PRIVATE", pair.getPrivate().getEncoded())
            + pem("PUBLIC", pair.getPublic().getEncoded()));
    Files.writeString(publicKeyFile, pem("PUBLIC", pair.getPublic().getEncoded()));
  }

  /** Reads a signing key file; fails with a one-line message if it lacks either block. */
  public static KeyPair readSigningKey(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    byte[] priv = block(text, "PRIVATE");
    byte[] pub = block(text, "PUBLIC");
    if (priv == null || pub == null) {
      throw new IOException(
          file
              + " is not a rowguard signing key: it needs a PRIVATE KEY and a PUBLIC KEY PEM block (create one with CheckpointKeys.generate/write)");
    }
    try {
      KeyFactory f = KeyFactory.getInstance(ALGORITHM);
      return new KeyPair(
          f.generatePublic(new X509EncodedKeySpec(pub)),
          f.generatePrivate(new PKCS8EncodedKeySpec(priv)));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " does not hold an Ed25519 key pair: " + e.getMessage());
    }
  }

  /** Reads a public key file (or the public block of a signing key file). */
  public static PublicKey readPublicKey(Path file) throws IOException {
    byte[] pub = block(Files.readString(file, StandardCharsets.US_ASCII), "PUBLIC");
    if (pub == null) {
      throw new IOException(file + " has no PUBLIC KEY PEM block");
    }
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(pub));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " does not hold an Ed25519 public key: " + e.getMessage());
    }
  }

  /** The key id recorded in checkpoints: first 16 hex digits of SHA-256 of the X.509 encoding. */
  public static String keyId(PublicKey key) {
    return HexFormat.of()
        .formatHex(RecordHash.newDigest().digest(key.getEncoded()))
        .substring(0, 16);
  }

  /** The DER bytes of the first {@code type} (PRIVATE or PUBLIC) PEM block, or null. */
  static byte[] block(String text, String type) {
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(type)) {
        return Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
      }
    }
    return null;
  }

  /** A PEM block of {@code type} (PRIVATE or PUBLIC) holding {@code der}. */
  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + " KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + " KEY-----\n";
  }
}
