package org.sanctuary.incidents;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.sanctuary.config.Config;
import org.sanctuary.config.KeyFiles;

/**
 * The key that protects what reporters write: free text and contact details are encrypted with
 * AES-256-GCM, and employee names or badges are linked by HMAC-SHA-256. The 256-bit master key
 * lives in a file outside the database, so a copy of the database alone reveals no report's words.
 * Two working keys are derived from it (one to encrypt, one to link), so neither use weakens the
 * other.
 */
public final class IncidentKey {
  /** The environment variable naming the key file. */
  public static final String ENV_KEY_FILE = Config.ENV_INCIDENTS_KEY_FILE;

  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte FORMAT = 1;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec encryption;
  private final SecretKeySpec linking;

  private IncidentKey(byte[] master) {
    this.encryption = new SecretKeySpec(derive(master, "sanctuary incidents aes-256-gcm v1"), "AES");
    this.linking = new SecretKeySpec(derive(master, "sanctuary incidents employee link v1"), "HmacSHA256");
    Arrays.fill(master, (byte) 0);
  }

  /** A key from 32 bytes, for tests and tools. */
  public static IncidentKey of(byte[] master) {
    if (master.length != KEY_BYTES) {
      throw new IllegalArgumentException("incidents key: " + master.length + " bytes (want " + KEY_BYTES + ")");
    }
    return new IncidentKey(master.clone());
  }

  /**
   * Reads the key file, or creates it (owner-only, atomically) with a fresh random key when it does
   * not exist yet. A file others can read, or that does not hold exactly 32 bytes, is refused.
   */
  public static IncidentKey loadOrCreate(Path file) {
    return new IncidentKey(KeyFiles.randomKey(file, KEY_BYTES, ENV_KEY_FILE));
  }

  /**
   * Encrypts {@code plain} for one column of one report: {@code 0x01 || nonce || ciphertext+tag}.
   * The receipt and column are bound in as associated data, so a value moved elsewhere fails to
   * decrypt.
   */
  public byte[] encrypt(String plain, String receipt, String column) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, encryption, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad(receipt, column));
      byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** Decrypts what {@link #encrypt} made for the same receipt and column. */
  public String decrypt(byte[] sealed, String receipt, String column) {
    if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
      throw new IllegalStateException("incidents: " + column + " of a report is not in a known format");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, encryption, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
      c.updateAAD(aad(receipt, column));
      byte[] plain = c.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("incidents: " + column + " of a report does not decrypt with this key", e);
    }
  }

  /**
   * How the public ledger names a report: the one home of that rule, used by the intake and by
   * case work alike, so every entry about one report carries the same name and none carries the
   * receipt itself.
   */
  public String ledgerName(String receipt) {
    return java.util.HexFormat.of().formatHex(Receipts.hash(receipt));
  }

  /** The keyed hash that links reports naming the same employee (name or badge, normalised). */
  public byte[] employeeHash(String nameOrBadge) {
    String normal = nameOrBadge.strip().replace("#", "").replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(linking);
      return mac.doFinal(normal.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }

  private static byte[] aad(String receipt, String column) {
    return (receipt + ":" + column).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] derive(byte[] master, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(master, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }
}
