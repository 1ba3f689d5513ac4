package org.sanctuary.staff;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.sanctuary.config.Config;
import org.sanctuary.config.KeyFiles;

/**
 * AES-256-GCM for secrets kept in the database (TOTP seeds). The key lives in a file
 * outside the database, readable by its owner only, so a copy of the database alone reveals nothing.
 * Each sealed value is {@code nonce (12 bytes) || ciphertext || tag}; the associated data binds it
 * to its row, so a value copied into another row does not open.
 */
public final class SecretBox {
  public static final String ENV_KEY_FILE = Config.ENV_STAFF_KEY_FILE;

  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  private SecretBox(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
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
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  public byte[] open(byte[] sealed, String associated) {
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new IllegalArgumentException("sealed value too short");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a sealed value did not open: wrong key or altered data", e);
    }
  }

  public byte[] sealText(String text, String associated) {
    return seal(text.getBytes(StandardCharsets.UTF_8), associated);
  }

  public String openText(byte[] sealed, String associated) {
    return new String(open(sealed, associated), StandardCharsets.UTF_8);
  }
}
