package org.sanctuary.staff;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.sanctuary.config.Config;
import org.sanctuary.config.KeyFiles;
import org.sanctuary.secrets.Sealed;

/**
 * AES-256-GCM for secrets kept in the database (TOTP seeds). The key lives in a file
 * outside the database, readable by its owner only, so a copy of the database alone reveals nothing.
 * Values are sealed in the one at-rest format ({@link Sealed}); the associated data binds each to
 * its row, so a value copied into another row does not open. Values sealed before that format had
 * its leading format byte still open.
 */
public final class SecretBox {
  public static final String ENV_KEY_FILE = Config.ENV_STAFF_KEY_FILE;

  private static final int KEY_BYTES = 32;

  private final Sealed sealer;
  private final byte[] fingerprint;
  private final javax.crypto.spec.SecretKeySpec hashing;

  private SecretBox(byte[] key) {
    this.sealer = Sealed.withLegacy(key);
    this.fingerprint = hmac(key, "sanctuary staff key fingerprint v1");
    this.hashing = new javax.crypto.spec.SecretKeySpec(hmac(key, "sanctuary staff keyed hash v1"), "HmacSHA256");
  }

  private static byte[] hmac(byte[] key, String text) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /**
   * A keyed hash of {@code value} for {@code purpose}: equal values give equal hashes, and without
   * the key file a stored hash cannot be turned back into the value by trying them all (an IPv4
   * address has only 2^32).
   */
  public byte[] keyedHash(String purpose, String value) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(hashing);
      mac.update(purpose.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** A value derived from the key that tells keys apart and reveals nothing of it (see {@code KeyFingerprints}). */
  public byte[] fingerprint() {
    return fingerprint.clone();
  }

  /** A box with the given raw key (tests, and keys held elsewhere). */
  public static SecretBox of(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("want a " + KEY_BYTES + "-byte key");
    }
    return new SecretBox(key.clone());
  }

  /**
   * Reads the key file, creating it (owner-only, atomically) with a fresh key when it does not
   * exist. A key file others can read, or of the wrong size, is refused: better to stop than to
   * use it.
   */
  public static SecretBox openOrCreate(Path file) {
    return new SecretBox(KeyFiles.randomKey(file, KEY_BYTES, ENV_KEY_FILE));
  }

  public byte[] seal(byte[] plaintext, String associated) {
    return sealer.seal(plaintext, associated.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] open(byte[] sealed, String associated) {
    return sealer.open(sealed, associated.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] sealText(String text, String associated) {
    return seal(text.getBytes(StandardCharsets.UTF_8), associated);
  }

  public String openText(byte[] sealed, String associated) {
    return new String(open(sealed, associated), StandardCharsets.UTF_8);
  }
}
