package org.sanctuary.ledger.note;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A witness's public key, as a log or a monitor configures it. Its text form is a verifier key
 * with signature type 0x04 (C2SP signed-note and tlog-cosignature): {@code <name>+<key id as 8
 * hex digits>+<base64(0x04 || 32-byte Ed25519 public key)>}, where the key ID is the first four
 * bytes of {@code SHA-256(name || 0x0A || 0x04 || public key)}.
 */
public final class CosignatureVerifier {
  /** The signed-note signature type of timestamped Ed25519 cosignatures. */
  static final byte TYPE = 0x04;
  static final String LABEL = "Ed25519 cosignature";

  private final String name;
  private final int keyId;
  private final byte[] publicKey;
  private final PublicKey key;

  private CosignatureVerifier(String name, byte[] publicKey) {
    this.name = Text.checkKeyName(name, "witness key name");
    this.key = Ed25519.publicKey(publicKey);
    this.publicKey = publicKey.clone();
    this.keyId = Ed25519.keyId(name, TYPE, this.publicKey);
  }

  /** A cosignature verifier for a raw 32-byte Ed25519 public key. */
  public static CosignatureVerifier of(String name, byte[] publicKey) {
    Objects.requireNonNull(publicKey, "public key");
    return new CosignatureVerifier(name, publicKey);
  }

  /** Parses a witness verifier key, checking that its key ID matches its name and key. */
  public static CosignatureVerifier parse(String verifierKey) {
    Objects.requireNonNull(verifierKey, "witness key");
    String want = " (want <name>+<8 hex digits>+<base64 of 0x04 and the key>)";
    int first = verifierKey.indexOf('+');
    int second = first < 0 ? -1 : verifierKey.indexOf('+', first + 1);
    if (second < 0) {
      throw new IllegalArgumentException(
          "witness key: \"" + verifierKey + "\" has fewer than three fields" + want);
    }
    String name = verifierKey.substring(0, first);
    String hexId = verifierKey.substring(first + 1, second);
    String what = "witness key \"" + verifierKey + "\"";
    byte[] typed = Text.decodeBase64(verifierKey.substring(second + 1), what);
    int keyId = Verifier.parseKeyId(hexId, what);
    CosignatureVerifier verifier = of(name, Verifier.untype(typed, TYPE, LABEL, what));
    if (verifier.keyId != keyId) {
      throw new IllegalArgumentException(
          "witness key: key id " + hexId + " does not match the name and key (want "
              + Text.hexKeyId(verifier.keyId) + ")");
    }
    return verifier;
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The verifier key text. */
  public String encoded() {
    byte[] typed = new byte[1 + Ed25519.KEY_SIZE];
    typed[0] = TYPE;
    System.arraycopy(publicKey, 0, typed, 1, Ed25519.KEY_SIZE);
    return name + "+" + Text.hexKeyId(keyId) + "+" + Base64.getEncoder().encodeToString(typed);
  }

  /** Whether a signature line claims to be by this key (same name and key ID). */
  public boolean claims(NoteSignature line) {
    return line.keyName().equals(name) && line.keyId() == keyId;
  }

  /**
   * Checks one cosignature line against a note text and returns its timestamp.
   *
   * @throws InvalidNoteException when the line is not by this key or does not verify
   */
  public long verify(String noteText, NoteSignature line) throws InvalidNoteException {
    Objects.requireNonNull(noteText, "note text");
    if (!claims(line)) {
      throw new InvalidNoteException(
          "cosignature: by " + line.keyName() + "+" + Text.hexKeyId(line.keyId()) + ", not by "
              + name + "+" + Text.hexKeyId(keyId));
    }
    Cosignature cosignature = Cosignature.of(line);
    byte[] message = Cosignature.message(noteText, cosignature.timestamp());
    if (!Ed25519.verify(publicKey, key, message, cosignature.signature())) {
      throw new InvalidNoteException(
          "note: cosignature by " + name + "+" + Text.hexKeyId(keyId) + " does not verify");
    }
    return cosignature.timestamp();
  }

  /**
   * Looks for this witness's cosignature on a note. Lines by other keys are ignored; a line that
   * claims this key but does not verify makes the whole note invalid, as signed-note requires.
   *
   * @return the cosignature's timestamp, or empty when the note carries none by this key
   */
  public OptionalLong verify(SignedNote note) throws InvalidNoteException {
    Objects.requireNonNull(note, "note");
    OptionalLong found = OptionalLong.empty();
    for (NoteSignature line : note.signatures()) {
      if (claims(line)) {
        long timestamp = verify(note.text(), line);
        if (found.isEmpty() || timestamp > found.getAsLong()) {
          found = OptionalLong.of(timestamp);
        }
      }
    }
    return found;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CosignatureVerifier v && name.equals(v.name)
        && Arrays.equals(publicKey, v.publicKey);
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
