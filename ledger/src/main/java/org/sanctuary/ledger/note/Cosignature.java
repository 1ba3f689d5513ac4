package org.sanctuary.ledger.note;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A witness's timestamped Ed25519 cosignature of a checkpoint (C2SP tlog-cosignature, signature
 * type 0x04): a note signature line whose bytes are the key ID, the timestamp as a big-endian
 * 64-bit number of seconds since the epoch, and the 64-byte Ed25519 signature.
 *
 * <p>The signed message is {@code cosignature/v1\n}, {@code time <timestamp>\n}, then the
 * checkpoint's note text. A cosignature states that, at that time, this was the largest tree the
 * witness had seen for the log and that it was consistent with everything the witness saw before.
 */
public record Cosignature(String keyName, int keyId, long timestamp, byte[] signature) {
  /** Key ID (4) + timestamp (8) + Ed25519 signature (64). */
  static final int SIZE = 4 + 8 + Ed25519.SIGNATURE_SIZE;

  public Cosignature {
    Text.checkKeyName(keyName, "cosignature key name");
    if (timestamp < 0) {
      throw new IllegalArgumentException(
          "cosignature timestamp: " + timestamp + " (want 0 to 2^63-1 seconds since the epoch)");
    }
    Objects.requireNonNull(signature, "cosignature signature");
    if (signature.length != Ed25519.SIGNATURE_SIZE) {
      throw new IllegalArgumentException(
          "cosignature by " + keyName + ": " + signature.length + " signature bytes (want "
              + Ed25519.SIGNATURE_SIZE + ")");
    }
    signature = signature.clone();
  }

  /**
   * Reads a note signature line as a cosignature. It says nothing about who signed it until
   * {@link CosignatureVerifier#verify} accepts it.
   *
   * @throws InvalidNoteException when the line is not 76 bytes or its timestamp exceeds 2^63-1
   */
  public static Cosignature of(NoteSignature line) throws InvalidNoteException {
    byte[] sig = line.signature();
    if (sig.length != SIZE - 4) {
      throw new InvalidNoteException(
          "cosignature by " + line.keyName() + ": " + (sig.length + 4)
              + " bytes (want " + SIZE + ": key id, timestamp, Ed25519 signature)");
    }
    long timestamp = 0;
    for (int i = 0; i < 8; i++) {
      timestamp = (timestamp << 8) | (sig[i] & 0xff);
    }
    if (timestamp < 0) {
      throw new InvalidNoteException(
          "cosignature by " + line.keyName() + ": timestamp above 2^63-1");
    }
    return new Cosignature(line.keyName(), line.keyId(), timestamp, Arrays.copyOfRange(sig, 8, sig.length));
  }

  /** The message a cosigner signs for a note text at a time. */
  static byte[] message(String noteText, long timestamp) {
    return ("cosignature/v1\ntime " + timestamp + "\n" + noteText).getBytes(StandardCharsets.UTF_8);
  }

  /** The note signature line that carries this cosignature. */
  public NoteSignature line() {
    byte[] body = new byte[8 + Ed25519.SIGNATURE_SIZE];
    for (int i = 0; i < 8; i++) {
      body[i] = (byte) (timestamp >>> (56 - 8 * i));
    }
    System.arraycopy(signature, 0, body, 8, signature.length);
    return NoteSignature.of(keyName, keyId, body);
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cosignature c && keyName.equals(c.keyName) && keyId == c.keyId
        && timestamp == c.timestamp && Arrays.equals(signature, c.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyName, keyId, timestamp, Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return "Cosignature[" + keyName + "+" + Text.hexKeyId(keyId) + ", time " + timestamp + "]";
  }
}
