package org.sanctuary.ledger.merkle;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A 32-byte SHA-256 value: a leaf hash, a node hash or a tree root.
 *
 * <p>A final class rather than a record because a record compares array components by identity;
 * this one compares contents and never hands out its internal array.
 */
public final class Hash {
  /** Length of a hash in bytes. */
  public static final int SIZE = 32;

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}, which must be exactly {@value #SIZE} bytes long. */
  public static Hash of(byte[] bytes) {
    Objects.requireNonNull(bytes, "hash bytes");
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException(
          "hash: " + bytes.length + " bytes (want " + SIZE + ")");
    }
    return new Hash(bytes.clone());
  }

  /** Parses 64 hexadecimal digits (either case). */
  public static Hash fromHex(String hex) {
    Objects.requireNonNull(hex, "hex hash");
    if (hex.length() != 2 * SIZE) {
      throw new IllegalArgumentException(
          "hex hash: " + hex.length() + " characters (want " + 2 * SIZE + ")");
    }
    try {
      return new Hash(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("hex hash: \"" + hex + "\" is not hexadecimal", e);
    }
  }

  /**
   * Parses standard, padded base64 (RFC 4648 section 4) of exactly {@value #SIZE} bytes. Only the
   * canonical spelling is accepted, so one hash has one text form in checkpoints.
   */
  public static Hash fromBase64(String base64) {
    Objects.requireNonNull(base64, "base64 hash");
    byte[] decoded = Base64Strict.decode(base64, "base64 hash");
    if (decoded.length != SIZE) {
      throw new IllegalArgumentException(
          "base64 hash: \"" + base64 + "\" decodes to " + decoded.length
              + " bytes (want " + SIZE + ")");
    }
    return new Hash(decoded);
  }

  /** Wraps a freshly computed array without copying; the caller gives up the array. */
  static Hash wrap(byte[] bytes) {
    return new Hash(bytes);
  }

  /** The internal array, for hashing inside this package only; never modify it. */
  byte[] raw() {
    return bytes;
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, SIZE);
  }

  /** Lower-case hexadecimal, 64 characters. */
  public String hex() {
    return HEX.formatHex(bytes);
  }

  /** Standard padded base64, 44 characters. */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object other) {
    // Hashes here are public values, so a constant-time comparison buys nothing.
    return other instanceof Hash && Arrays.equals(bytes, ((Hash) other).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
