package org.sanctuary.staff;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps. A code is
 * accepted for the step it was made in and one step either side, to allow for clock drift.
 */
final class Totp {
  static final long STEP_SECONDS = 30;
  static final int DIGITS = 6;
  private static final int WINDOW = 1;
  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
      100_000_000};

  private Totp() {}

  static long step(Instant time) {
    return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
  }

  /** The code of {@code digits} digits for one step, zero-padded. */
  static String code(byte[] secret, long step, int digits) {
    byte[] hash;
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
    }
    int offset = hash[hash.length - 1] & 0x0f;
    int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
        | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
    String code = Integer.toString(binary % POWERS[digits]);
    return "0".repeat(digits - code.length()) + code;
  }

  static String code(byte[] secret, Instant time) {
    return code(secret, step(time), DIGITS);
  }

  /**
   * The step whose code equals {@code code} within the window around {@code now}, and later than
   * {@code lastUsedStep} (a code is good once), or empty.
   */
  static OptionalLong match(byte[] secret, String code, Instant now, long lastUsedStep) {
    if (code == null || code.length() != DIGITS || !code.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    long current = step(now);
    long found = -1;
    for (long s = current - WINDOW; s <= current + WINDOW; s++) {
      // compare every candidate in constant time so the timing does not tell which step matched
      boolean equal = MessageDigest.isEqual(code(secret, s, DIGITS).getBytes(), code.getBytes());
      if (equal && s > lastUsedStep && found < 0) {
        found = s;
      }
    }
    return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
  }

  /** The provisioning URI authenticator apps scan (Key URI format). */
  static String uri(String issuer, String account, byte[] secret) {
    String label = issuer + ":" + account;
    return "otpauth://totp/" + label + "?secret=" + Base32.encode(secret) + "&issuer=" + issuer
        + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
  }
}
