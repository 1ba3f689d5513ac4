package org.sanctuary.incidents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Receipt codes and secrets, in Crockford's base 32 ({@code 0-9 A-Z} without {@code I L O U}):
 * easy to read aloud and to copy, and forgiving of case, spaces, dashes and the letters people
 * confuse with digits. A receipt is 20 characters (100 random bits) and names a report; the
 * secret is 26 characters (130 random bits) and proves the reader filed it. Only the secret's
 * SHA-256 is stored: with that much randomness a fast hash is enough.
 */
public final class Receipts {
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  public static final int RECEIPT_LENGTH = 20;
  public static final int SECRET_LENGTH = 26;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Receipts() {}

  public static String newReceipt() {
    return random(RECEIPT_LENGTH);
  }

  public static String newSecret() {
    return random(SECRET_LENGTH);
  }

  private static String random(int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    return b.toString();
  }

  /**
   * The canonical form of a typed code of {@code length} characters, or null when it cannot be
   * one: upper case, without spaces or dashes, O read as 0 and I or L as 1.
   */
  public static String normalize(String typed, int length) {
    if (typed == null || typed.length() > 3 * length) return null;
    StringBuilder b = new StringBuilder(length);
    for (char ch : typed.toUpperCase(Locale.ROOT).toCharArray()) {
      if (ch == ' ' || ch == '-') continue;
      char c = ch == 'O' ? '0' : (ch == 'I' || ch == 'L') ? '1' : ch;
      if (ALPHABET.indexOf(c) < 0) return null;
      b.append(c);
    }
    return b.length() == length ? b.toString() : null;
  }

  /** Groups of four joined by dashes, for showing: {@code ABCD-EFGH-...}. */
  public static String grouped(String code) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < code.length(); i += 4) {
      if (i > 0) b.append('-');
      b.append(code, i, Math.min(code.length(), i + 4));
    }
    return b.toString();
  }

  /** SHA-256 of a canonical secret (or receipt, for the public ledger). */
  public static byte[] hash(String canonical) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Whether a typed secret matches a stored hash; the comparison takes the same time either way. */
  public static boolean matches(byte[] storedHash, String typedSecret) {
    String canonical = normalize(typedSecret, SECRET_LENGTH);
    byte[] typed = hash(canonical == null ? "" : canonical);
    return MessageDigest.isEqual(storedHash, typed) && canonical != null;
  }
}
