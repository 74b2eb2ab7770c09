package dev.rowguard.audit.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Batches of captured rows encrypted to an RSA public key with the JDK's own crypto: a fresh
 * AES-256-GCM key per batch encrypts the batch's line (the transaction id as associated data), and
 * RSA-OAEP (SHA-256, MGF1 SHA-256) wraps that key. The application host holds only the public key;
 * {@code rowguard audit restore-plan --private-key} decrypts. The encrypted line is what the
 * record's SHA-256 covers, so {@code verify} needs no key.
 *
 * <p>An encrypted line: {@code {"format":1,"tx":"...","encrypted":{"alg":"RSA-OAEP-256/A256GCM",
 * "key_id":"...","key":"base64","iv":"base64","data":"base64"}}}; {@code key_id} is the first 16
 * hex digits of SHA-256 of the public key's X.509 encoding, as for checkpoint keys.
 */
public final class RowsEncryption {

  /** The {@code alg} member. */
  public static final String ALGORITHM = "RSA-OAEP-256/A256GCM";

  private static final String RSA = "RSA/ECB/OAEPWithSHA-256AndMGF1Padding";
  private static final OAEPParameterSpec OAEP =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private RowsEncryption() {}

  /** A new RSA key pair (3072 bits). */
  public static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(3072);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no RSA", e);
    }
  }

  /**
   * Writes the private key (PKCS#8 PEM, owner-only where the file system allows) and the public.
   */
  public static void write(KeyPair pair, Path privateKeyFile, Path publicKeyFile)
      throws IOException {
    Files.writeString(
        privateKeyFile, CheckpointKeys.pem("PRIVATE", pair.getPrivate().getEncoded()));
    if (privateKeyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
    }
    Files.writeString(publicKeyFile, CheckpointKeys.pem("PUBLIC", pair.getPublic().getEncoded()));
  }

  /** Reads an RSA public key PEM file; fails with a one-line message. */
  public static PublicKey readPublicKey(Path file) throws IOException {
    byte[] der = CheckpointKeys.block(Files.readString(file, StandardCharsets.US_ASCII), "PUBLIC");
    if (der == null) {
      throw new IOException(file + " has no PUBLIC KEY PEM block");
    }
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " does not hold an RSA public key: " + e.getMessage());
    }
  }

  /** Reads an RSA private key PEM file (PKCS#8); fails with a one-line message. */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    byte[] der = CheckpointKeys.block(Files.readString(file, StandardCharsets.US_ASCII), "PRIVATE");
    if (der == null) {
      throw new IOException(file + " has no PRIVATE KEY PEM block (PKCS#8)");
    }
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " does not hold an RSA private key: " + e.getMessage());
    }
  }

  /** The batch's line, encrypted to {@code key}. */
  static String encrypt(RowBatch batch, PublicKey key) {
    try {
      KeyGenerator kg = KeyGenerator.getInstance("AES");
      kg.init(256);
      SecretKey aes = kg.generateKey();
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, iv));
      gcm.updateAAD(batch.tx().getBytes(StandardCharsets.UTF_8));
      byte[] data = gcm.doFinal(batch.toLine().getBytes(StandardCharsets.UTF_8));
      Cipher rsa = Cipher.getInstance(RSA);
      rsa.init(Cipher.ENCRYPT_MODE, key, OAEP);
      byte[] wrapped = rsa.doFinal(aes.getEncoded());
      Base64.Encoder b64 = Base64.getEncoder();
      ObjectNode root = JSON.createObjectNode();
      root.put("format", RowBatch.FORMAT);
      root.put(Fields.TX, batch.tx());
      root.putObject("encrypted")
          .put("alg", ALGORITHM)
          .put("key_id", CheckpointKeys.keyId(key))
          .put("key", b64.encodeToString(wrapped))
          .put("iv", b64.encodeToString(iv))
          .put("data", b64.encodeToString(data));
      return JSON.writeValueAsString(root);
    } catch (GeneralSecurityException | JsonProcessingException e) {
      throw new IllegalStateException("cannot encrypt captured rows: " + e.getMessage(), e);
    }
  }

  /** The key id an encrypted line names, or null for a line that is not encrypted. */
  public static @Nullable String keyIdOf(String line) {
    JsonNode e = encrypted(line);
    return e == null ? null : e.path("key_id").asText();
  }

  private static @Nullable JsonNode encrypted(String line) {
    if (!line.contains("\"encrypted\":")) {
      return null;
    }
    try {
      JsonNode e = JSON.readTree(line).get("encrypted");
      return e != null && e.isObject() ? e : null;
    } catch (JsonProcessingException x) {
      return null;
    }
  }

  /**
   * The batch of an encrypted line.
   *
   * @throws IllegalArgumentException if {@code key} does not decrypt it
   */
  public static RowBatch decrypt(String line, PrivateKey key) {
    JsonNode e = encrypted(line);
    if (e == null) {
      return RowBatch.parse(line);
    }
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      Cipher rsa = Cipher.getInstance(RSA);
      rsa.init(Cipher.DECRYPT_MODE, key, OAEP);
      byte[] aes = rsa.doFinal(b64.decode(e.path("key").asText()));
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(aes, "AES"),
          new GCMParameterSpec(128, b64.decode(e.path("iv").asText())));
      gcm.updateAAD(JSON.readTree(line).path(Fields.TX).asText().getBytes(StandardCharsets.UTF_8));
      byte[] plain = gcm.doFinal(b64.decode(e.path("data").asText()));
      return RowBatch.parse(new String(plain, StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | JsonProcessingException | IllegalArgumentException x) {
      throw new IllegalArgumentException(
          "the private key does not decrypt these rows (encrypted to key id "
              + e.path("key_id").asText()
              + ")");
    }
  }
}
