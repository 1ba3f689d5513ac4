package org.sanctuary.ledger.merkle;

import java.util.Base64;

/**
 * Strict standard base64. The JDK decoder accepts missing padding and non-zero trailing bits, so
 * two different strings could name the same bytes; signed and hashed text must have one spelling.
 */
final class Base64Strict {
  private Base64Strict() {}

  static byte[] decode(String text, String what) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": \"" + text + "\" is not base64", e);
    }
    if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
      throw new IllegalArgumentException(
          what + ": \"" + text + "\" is not canonical padded base64");
    }
    return decoded;
  }
}
