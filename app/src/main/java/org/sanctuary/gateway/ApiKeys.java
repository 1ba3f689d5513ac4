package org.sanctuary.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys: 256 random bits, shown once; only their SHA-256 is stored. The gateway's partner keys
 * and the register's records-system tokens are both made and checked here, each with its prefix.
 */
public final class ApiKeys {
  static final String PREFIX = "sgw_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  static String generate() {
    return generate(PREFIX);
  }

  /** A new key: {@code prefix} then 43 characters of URL-safe Base64. */
  public static String generate(String prefix) {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** The SHA-256 kept in place of the key. */
  public static byte[] hash(String key) {
    return sha256(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The first characters, enough for staff to tell keys apart, useless to an attacker. */
  static String shown(String key) {
    return shown(key, PREFIX);
  }

  public static String shown(String key, String prefix) {
    return key.substring(0, Math.min(key.length(), prefix.length() + 6));
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
