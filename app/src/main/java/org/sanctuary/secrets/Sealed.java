package org.sanctuary.secrets;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one format for a value sealed at rest: {@code 0x01 || nonce (12 bytes) || ciphertext || tag
 * (16 bytes)}, AES-256-GCM, with associated data that names where the value belongs (so a value
 * copied into another row or column does not open). Values sealed before the format byte existed
 * ({@code nonce || ciphertext || tag}) still open when {@code legacy} is allowed; new ones are
 * always written in this format.
 */
public final class Sealed {
  public static final byte FORMAT = 1;
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final boolean legacy;

  private Sealed(byte[] key, boolean legacy) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("want a " + KEY_BYTES + "-byte key");
    }
    this.key = new SecretKeySpec(key, "AES");
    this.legacy = legacy;
  }

  /** Seals and opens with {@code key} (32 bytes). */
  public static Sealed with(byte[] key) {
    return new Sealed(key, false);
  }

  /** As {@link #with}, also opening values sealed before the format byte existed. */
  public static Sealed withLegacy(byte[] key) {
    return new Sealed(key, true);
  }

  public byte[] seal(byte[] plain, byte[] associated) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
      c.updateAAD(associated);
      byte[] sealed = c.doFinal(plain);
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * Opens what {@link #seal} made with the same key and associated data.
   *
   * @throws IllegalStateException when the value is altered, misplaced or sealed with another key
   */
  public byte[] open(byte[] sealed, byte[] associated) {
    if (sealed.length >= 1 + NONCE_BYTES + TAG_BYTES && sealed[0] == FORMAT) {
      byte[] plain = tryOpen(sealed, 1, associated);
      if (plain != null) return plain;
    }
    // a legacy value starts with its nonce, whose first byte may happen to equal FORMAT
    if (legacy && sealed.length >= NONCE_BYTES + TAG_BYTES) {
      byte[] plain = tryOpen(sealed, 0, associated);
      if (plain != null) return plain;
    }
    throw new IllegalStateException("a sealed value did not open: wrong key, altered or misplaced");
  }

  private byte[] tryOpen(byte[] sealed, int from, byte[] associated) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, from, NONCE_BYTES));
      c.updateAAD(associated);
      return c.doFinal(sealed, from + NONCE_BYTES, sealed.length - from - NONCE_BYTES);
    } catch (javax.crypto.AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }
}
