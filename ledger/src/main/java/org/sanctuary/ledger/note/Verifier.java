package org.sanctuary.ledger.note;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A public Ed25519 key with its name, as published for anyone who checks the log's signatures.
 * Its text form, the verifier key, is {@code <name>+<key id as 8 hex digits>+<base64(0x01 ||
 * 32-byte public key)>}, the form used by signed-note tools.
 */
public final class Verifier {
  private final String name;
  private final int keyId;
  private final byte[] publicKey;
  private final PublicKey key;

  private Verifier(String name, byte[] publicKey) {
    this.name = Text.checkKeyName(name, "key name");
    this.key = Ed25519.publicKey(publicKey);
    this.publicKey = publicKey.clone();
    this.keyId = Ed25519.keyId(name, this.publicKey);
  }

  /** A verifier for a raw 32-byte Ed25519 public key. */
  public static Verifier of(String name, byte[] publicKey) {
    Objects.requireNonNull(publicKey, "public key");
    return new Verifier(name, publicKey);
  }

  /** Parses a verifier key, checking that its key ID matches its name and key. */
  public static Verifier parse(String verifierKey) {
    Objects.requireNonNull(verifierKey, "verifier key");
    String want = " (want <name>+<8 hex digits>+<base64 key>)";
    int first = verifierKey.indexOf('+');
    int second = first < 0 ? -1 : verifierKey.indexOf('+', first + 1);
    if (second < 0) {
      throw new IllegalArgumentException(
          "verifier key: \"" + verifierKey + "\" has fewer than three fields" + want);
    }
    String name = verifierKey.substring(0, first);
    String hexId = verifierKey.substring(first + 1, second);
    String what = "verifier key \"" + verifierKey + "\"";
    byte[] typedKey = Text.decodeBase64(verifierKey.substring(second + 1), what);
    int keyId = parseKeyId(hexId, what);
    Verifier verifier = of(name, untype(typedKey, what));
    if (verifier.keyId != keyId) {
      throw new IllegalArgumentException(
          "verifier key: key id " + hexId + " does not match the name and key (want "
              + Text.hexKeyId(verifier.keyId) + ")");
    }
    return verifier;
  }

  /** The key's name, by convention the log's origin, e.g. {@code city.example/ledger}. */
  public String name() {
    return name;
  }

  /** The 32-bit key ID that signature lines carry. */
  public int keyId() {
    return keyId;
  }

  /** The raw 32-byte public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The verifier key text, for configuration files and publication. */
  public String encoded() {
    byte[] typed = new byte[1 + Ed25519.KEY_SIZE];
    typed[0] = Ed25519.TYPE;
    System.arraycopy(publicKey, 0, typed, 1, Ed25519.KEY_SIZE);
    return name + "+" + Text.hexKeyId(keyId) + "+" + Base64.getEncoder().encodeToString(typed);
  }

  boolean verify(byte[] message, byte[] signature) {
    return Ed25519.verify(publicKey, key, message, signature);
  }

  /** Parses the 8 hex digits of a key ID. */
  static int parseKeyId(String hex, String what) {
    if (hex.length() != 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(
          what + ": key id \"" + hex + "\" is not 8 hexadecimal digits");
    }
    return (int) HexFormat.fromHexDigitsToLong(hex);
  }

  /** Strips the signature type byte, accepting only Ed25519. */
  static byte[] untype(byte[] typed, String what) {
    return untype(typed, Ed25519.TYPE, "Ed25519", what);
  }

  /** Strips the signature type byte, accepting only {@code type} ({@code label} names it). */
  static byte[] untype(byte[] typed, byte type, String label, String what) {
    if (typed.length != 1 + Ed25519.KEY_SIZE || typed[0] != type) {
      throw new IllegalArgumentException(
          what + ": want the " + label + String.format(" type byte 0x%02x", type)
              + " and a 32-byte key, got " + typed.length
              + " bytes" + (typed.length > 0 ? String.format(" of type 0x%02x", typed[0]) : ""));
    }
    return Arrays.copyOfRange(typed, 1, typed.length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Verifier
        && name.equals(((Verifier) other).name)
        && Arrays.equals(publicKey, ((Verifier) other).publicKey);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return encoded();
  }
}
