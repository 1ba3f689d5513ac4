package org.sanctuary.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** API keys: 256 random bits, shown once; only their SHA-256 is stored. */
final class ApiKeys {
  static final String PREFIX = "sgw_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  static String generate() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static byte[] hash(String key) {
    return sha256(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The first characters, enough for staff to tell keys apart, useless to an attacker. */
  static String shown(String key) {
    return key.substring(0, Math.min(key.length(), PREFIX.length() + 6));
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] secret() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return b;
  }
}
