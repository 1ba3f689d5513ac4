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
import java.util.List;
import java.util.Objects;

/**
 * A private Ed25519 key with its name, which signs notes and checkpoints.
 *
 * <p>Its text form, kept in a key file, is {@code PRIVATE+KEY+<name>+<key id as 8 hex
 * digits>+<base64(0x01 || 32-byte seed)>} followed by a newline: the signer-key format of
 * golang.org/x/mod/sumdb/note, so keys move between this log and Go tooling. Anyone holding that
 * text can sign as the log; {@link #toString()} therefore shows only the name and key ID, and
 * error messages never repeat the text.
 */
public final class Signer {
  private static final String PREFIX = "PRIVATE+KEY+";

  private final String name;
  private final byte[] seed;
  private final PrivateKey privateKey;
  private final Verifier verifier;

  private Signer(String name, byte[] seed) {
    Text.checkKeyName(name, "key name");
    KeyPair pair = Ed25519.keyPair(seed);
    this.name = name;
    this.seed = seed.clone();
    this.privateKey = pair.getPrivate();
    this.verifier = Verifier.of(name, Ed25519.rawPublicKey(pair.getPublic()));
  }

  /** A new key from the system's strong random source. */
  public static Signer generate(String name) {
    byte[] seed = new byte[Ed25519.KEY_SIZE];
    new SecureRandom().nextBytes(seed);
    return new Signer(name, seed);
  }

  /** The key whose RFC 8032 private key (seed) is the given 32 bytes. */
  public static Signer fromSeed(String name, byte[] seed) {
    Objects.requireNonNull(seed, "seed");
    return new Signer(name, seed);
  }

  /**
   * Parses the text form, checking that its key ID matches the key it derives. Error messages
   * name the faulty field but quote none, not even the name: a garbled key file may hold key
   * material in any field.
   */
  public static Signer parse(String encoded) {
    Objects.requireNonNull(encoded, "private key");
    String want = " (want PRIVATE+KEY+<name>+<8 hex digits>+<base64 seed>)";
    if (!encoded.startsWith(PREFIX)) {
      throw new IllegalArgumentException("private key: does not start with PRIVATE+KEY+" + want);
    }
    String rest = encoded.substring(PREFIX.length());
    int first = rest.indexOf('+');
    int second = first < 0 ? -1 : rest.indexOf('+', first + 1);
    if (second < 0) {
      throw new IllegalArgumentException("private key: missing fields" + want);
    }
    String name = rest.substring(0, first);
    int keyId;
    byte[] seed;
    try {
      Text.checkKeyName(name, "name");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("private key: the name field is not a valid key name");
    }
    try {
      keyId = Verifier.parseKeyId(rest.substring(first + 1, second), "key id");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "private key: the key id field is not 8 hexadecimal digits");
    }
    try {
      seed = Verifier.untype(Text.decodeBase64(rest.substring(second + 1), "key"), "key");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "private key: the key field is not base64 of 0x01 and a 32-byte seed");
    }
    Signer signer = new Signer(name, seed);
    if (signer.keyId() != keyId) {
      throw new IllegalArgumentException(
          "private key: key id " + Text.hexKeyId(keyId)
              + " does not match the key (want " + Text.hexKeyId(signer.keyId()) + ")");
    }
    return signer;
  }

  /** Reads a key file written by {@link #write} (or by Go's note.GenerateKey plus a newline). */
  public static Signer read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the key to a new file readable by its owner only (where the file system has POSIX
   * permissions). Refuses to replace an existing file, so a log key is never overwritten.
   */
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
    typed[0] = Ed25519.TYPE;
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

  /** The matching public key, to publish. */
  public Verifier verifier() {
    return verifier;
  }

  /** Signs {@code text}, which must end in a newline, into a note with this one signature. */
  public SignedNote sign(String text) {
    SignedNote.checkNoteText(text);
    byte[] signature = Ed25519.sign(seed, privateKey, text.getBytes(StandardCharsets.UTF_8));
    return new SignedNote(text, List.of(NoteSignature.of(name, keyId(), signature)));
  }

  @Override
  public String toString() {
    return "Signer[" + name + "+" + Text.hexKeyId(keyId()) + "]";
  }
}
