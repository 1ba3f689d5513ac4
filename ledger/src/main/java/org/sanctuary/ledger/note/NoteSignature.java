package org.sanctuary.ledger.note;

import java.util.Arrays;
import java.util.Base64;

/**
 * One signature line of a signed note: {@code — <key name> <base64(4-byte key id ||
 * signature)>}. Holding the base64 text keeps the record immutable and prints the line as sent.
 */
public record NoteSignature(String keyName, String base64) {
  public NoteSignature {
    Text.checkKeyName(keyName, "signature key name");
    byte[] decoded = Text.decodeBase64(base64, "signature by " + keyName);
    if (decoded.length < 5) {
      throw new IllegalArgumentException(
          "signature by " + keyName + ": " + decoded.length
              + " bytes (want a 4-byte key id and a signature)");
    }
  }

  static NoteSignature of(String keyName, int keyId, byte[] signature) {
    byte[] bytes = new byte[4 + signature.length];
    bytes[0] = (byte) (keyId >>> 24);
    bytes[1] = (byte) (keyId >>> 16);
    bytes[2] = (byte) (keyId >>> 8);
    bytes[3] = (byte) keyId;
    System.arraycopy(signature, 0, bytes, 4, signature.length);
    return new NoteSignature(keyName, Base64.getEncoder().encodeToString(bytes));
  }

  /** The key ID the line claims. */
  public int keyId() {
    byte[] b = Base64.getDecoder().decode(base64);
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  /** The signature bytes after the key ID. */
  public byte[] signature() {
    byte[] b = Base64.getDecoder().decode(base64);
    return Arrays.copyOfRange(b, 4, b.length);
  }

  /** The line as it appears in a note, newline included. */
  public String line() {
    return SignedNote.SIGNATURE_PREFIX + keyName + " " + base64 + "\n";
  }
}
