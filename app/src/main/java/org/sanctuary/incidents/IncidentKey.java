package org.sanctuary.incidents;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sanctuary.config.Config;
import org.sanctuary.config.KeyFiles;
import org.sanctuary.secrets.Sealed;

/**
 * The key that protects what reporters write: free text and contact details are encrypted with
 * AES-256-GCM, and employee names or badges are linked by HMAC-SHA-256. The 256-bit master key
 * lives in a file outside the database, so a copy of the database alone reveals no report's words.
 * Working keys are derived from it (to encrypt, to link, to name reports in the ledger, to hash
 * the keys of shared rate limits), so no use weakens another.
 */
public final class IncidentKey {
  /** The environment variable naming the key file. */
  public static final String ENV_KEY_FILE = Config.ENV_INCIDENTS_KEY_FILE;
  /** The key file's usual name in the data folder. */
  public static final String DEFAULT_FILE = Config.DEFAULT_INCIDENTS_KEY;

  private static final int KEY_BYTES = 32;

  private final Sealed sealer;
  private final SecretKeySpec linking;
  private final SecretKeySpec naming;
  private final byte[] rateLimitKeys;
  private final byte[] fingerprint;

  private IncidentKey(byte[] master) {
    this.sealer = Sealed.with(derive(master, "sanctuary incidents aes-256-gcm v1"));
    this.linking = new SecretKeySpec(derive(master, "sanctuary incidents employee link v1"), "HmacSHA256");
    this.naming = new SecretKeySpec(derive(master, "sanctuary incidents ledger name v1"), "HmacSHA256");
    this.rateLimitKeys = derive(master, "sanctuary rate limit keys v1");
    this.fingerprint = derive(master, "sanctuary incidents key fingerprint v1");
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

  /** A value derived from the key that tells keys apart and reveals nothing of it (see {@code KeyFingerprints}). */
  public byte[] fingerprint() {
    return fingerprint.clone();
  }

  /**
   * The key that hashes clients' addresses in the shared rate limits: every node holds this file,
   * and a copy of the database alone cannot tell which addresses were limited.
   */
  public byte[] rateLimitKey() {
    return rateLimitKeys.clone();
  }

  /**
   * Encrypts {@code plain} for one column of one report: {@code 0x01 || nonce || ciphertext+tag}.
   * The receipt and column are bound in as associated data, so a value moved elsewhere fails to
   * decrypt.
   */
  public byte[] encrypt(String plain, String receipt, String column) {
    return sealer.seal(plain.getBytes(StandardCharsets.UTF_8), aad(receipt, column));
  }

  /** Decrypts what {@link #encrypt} made for the same receipt and column. */
  public String decrypt(byte[] sealed, String receipt, String column) {
    try {
      return new String(sealer.open(sealed, aad(receipt, column)), StandardCharsets.UTF_8);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("incidents: " + column + " of a report does not decrypt with this key", e);
    }
  }

  /**
   * How the public ledger names a report: the one home of that rule, used by the intake and by
   * case work alike, so every entry about one report carries the same name and none carries the
   * receipt itself. It is an HMAC-SHA-256 of the receipt under a naming key derived from the master key (hex): a
   * plain hash would let anyone holding only a receipt find the report's entries in the public
   * log; the city, holding the key, still links them. Entries written before this rule (versions
   * listed in docs/ledger.md) carry SHA-256 of the receipt.
   */
  public String ledgerName(String receipt) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(naming);
      return java.util.HexFormat.of().formatHex(mac.doFinal(receipt.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
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
