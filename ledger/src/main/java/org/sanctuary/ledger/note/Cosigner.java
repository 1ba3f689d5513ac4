package org.sanctuary.ledger.note;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A witness's private Ed25519 key, which cosigns checkpoints (C2SP tlog-cosignature, type 0x04).
 *
 * <p>Its text form, kept in the witness's key file, follows the signer keys of signed notes with
 * the cosignature type byte: {@code PRIVATE+KEY+<name>+<key id>+<base64(0x04 || 32-byte seed)>}.
 * The specifications define no private-key text; this one keeps the type in the key so it cannot be
 * loaded as a log key by mistake. Error messages never quote it.
 */
public final class Cosigner {
  private static final String PREFIX = "PRIVATE+KEY+";

  private final String name;
  private final byte[] seed;
  private final PrivateKey privateKey;
  private final CosignatureVerifier verifier;

  private Cosigner(String name, byte[] seed) {
    Text.checkKeyName(name, "witness key name");
    KeyPair pair = Ed25519.keyPair(seed);
    this.name = name;
    this.seed = seed.clone();
    this.privateKey = pair.getPrivate();
    this.verifier = CosignatureVerifier.of(name, Ed25519.rawPublicKey(pair.getPublic()));
  }

  /** A new key from the system's strong random source. */
  public static Cosigner generate(String name) {
    byte[] seed = new byte[Ed25519.KEY_SIZE];
    new SecureRandom().nextBytes(seed);
    return new Cosigner(name, seed);
  }

  /** The key whose RFC 8032 private key (seed) is the given 32 bytes. */
  public static Cosigner fromSeed(String name, byte[] seed) {
    Objects.requireNonNull(seed, "seed");
    return new Cosigner(name, seed);
  }

  /** Parses the text form, checking the type byte and that the key ID matches the key. */
  public static Cosigner parse(String encoded) {
    Objects.requireNonNull(encoded, "witness private key");
    String want = " (want PRIVATE+KEY+<name>+<8 hex digits>+<base64 of 0x04 and the seed>)";
    if (!encoded.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "witness private key: does not start with PRIVATE+KEY+" + want);
    }
    String rest = encoded.substring(PREFIX.length());
    int first = rest.indexOf('+');
    int second = first < 0 ? -1 : rest.indexOf('+', first + 1);
    if (second < 0) {
      throw new IllegalArgumentException("witness private key: missing fields" + want);
    }
    String name = rest.substring(0, first);
    int keyId;
    byte[] seed;
    try {
      Text.checkKeyName(name, "name");
      keyId = Verifier.parseKeyId(rest.substring(first + 1, second), "key id");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "witness private key: the name or key id field is not valid" + want);
    }
    try {
      seed = Verifier.untype(Text.decodeBase64(rest.substring(second + 1), "key"),
          CosignatureVerifier.TYPE, CosignatureVerifier.LABEL, "key");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "witness private key: the key field is not base64 of 0x04 and a 32-byte seed");
    }
    Cosigner cosigner = new Cosigner(name, seed);
    if (cosigner.keyId() != keyId) {
      throw new IllegalArgumentException(
          "witness private key: key id " + Text.hexKeyId(keyId) + " does not match the key (want "
              + Text.hexKeyId(cosigner.keyId()) + ")");
    }
    return cosigner;
  }

  /** Reads a key file written by {@link #write}. */
  public static Cosigner read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Writes the key to a new file readable by its owner only; never replaces a file. */
  public void write(Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, encoded() + "\n", StandardCharsets.UTF_8);
  }

  /** The secret text form. Keep it out of logs. */
  public String encoded() {
    byte[] typed = new byte[1 + Ed25519.KEY_SIZE];
    typed[0] = CosignatureVerifier.TYPE;
    System.arraycopy(seed, 0, typed, 1, Ed25519.KEY_SIZE);
    return PREFIX + name + "+" + Text.hexKeyId(keyId()) + "+"
        + Base64.getEncoder().encodeToString(typed);
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return verifier.keyId();
  }

  /** The matching public key, to give to logs and monitors. */
  public CosignatureVerifier verifier() {
    return verifier;
  }

  /**
   * Cosigns a checkpoint at a time, in seconds since the epoch. The caller must have checked the
   * checkpoint's signature and its consistency with everything it cosigned before.
   */
  public Cosignature cosign(Checkpoint checkpoint, long timestamp) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (timestamp < 0) {
      throw new IllegalArgumentException("cosignature timestamp: " + timestamp + " (want >= 0)");
    }
    byte[] signature = Ed25519.sign(seed, privateKey, Cosignature.message(checkpoint.text(), timestamp));
    return new Cosignature(name, keyId(), timestamp, signature);
  }

  @Override
  public String toString() {
    return "Cosigner[" + name + "+" + Text.hexKeyId(keyId()) + "]";
  }
}
