package org.sanctuary.ledger.note;

import java.util.Objects;
import org.sanctuary.ledger.merkle.Hash;

/**
 * A signed tree head in the C2SP tlog-checkpoint form: the note text
 *
 * <pre>
 * &lt;origin&gt;
 * &lt;tree size in decimal&gt;
 * &lt;base64 of the RFC 6962 root hash&gt;
 * </pre>
 *
 * <p>each line ending in a newline. This log writes no extension lines and refuses notes that
 * carry any: nothing it signs may go unaudited. The log's key name is its origin, on both sides.
 */
public record Checkpoint(String origin, long size, Hash root) {
  public Checkpoint {
    Objects.requireNonNull(origin, "checkpoint origin");
    if (origin.isEmpty()) {
      throw new IllegalArgumentException(
          "checkpoint origin: empty (want e.g. city.example/ledger)");
    }
    if (origin.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("checkpoint origin: contains a newline");
    }
    Text.checkCharacters(origin, "checkpoint origin");
    if (size < 0) {
      throw new IllegalArgumentException("checkpoint size: " + size + " (want >= 0)");
    }
    Objects.requireNonNull(root, "checkpoint root");
  }

  /** The note text this checkpoint signs. */
  public String text() {
    return origin + "\n" + size + "\n" + root.base64() + "\n";
  }

  /** Signs the checkpoint; the signer's name must be the origin. */
  public SignedNote sign(Signer signer) {
    Objects.requireNonNull(signer, "signer");
    if (!signer.name().equals(origin)) {
      throw new IllegalArgumentException(
          "checkpoint for " + origin + " cannot be signed by key " + signer.name()
              + " (the key name must be the origin)");
    }
    return signer.sign(text());
  }

  /**
   * Parses and verifies a signed checkpoint: the note must carry a valid signature by
   * {@code verifier}, whose name must be the checkpoint's origin, and the text must be exactly a
   * checkpoint.
   */
  public static Checkpoint open(String note, Verifier verifier) throws InvalidNoteException {
    Objects.requireNonNull(verifier, "verifier");
    Checkpoint checkpoint = parse(SignedNote.parse(note).verify(verifier));
    if (!checkpoint.origin().equals(verifier.name())) {
      throw new InvalidNoteException(
          "checkpoint: origin " + checkpoint.origin() + " is not the key name "
              + verifier.name());
    }
    return checkpoint;
  }

  /** Parses checkpoint text strictly. It is untrusted unless it came from a verified note. */
  public static Checkpoint parse(String text) throws InvalidNoteException {
    Objects.requireNonNull(text, "checkpoint text");
    if (!text.endsWith("\n")) {
      throw new InvalidNoteException("checkpoint: text does not end in a newline");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length != 3) {
      throw new InvalidNoteException(
          "checkpoint: " + lines.length + " lines (want 3: origin, size, root; extension lines"
              + " are not accepted)");
    }
    if (lines[0].isEmpty()) {
      throw new InvalidNoteException("checkpoint: empty origin line");
    }
    long size = parseSize(lines[1]);
    Hash root;
    try {
      root = Hash.fromBase64(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new InvalidNoteException("checkpoint root: " + e.getMessage(), e);
    }
    try {
      return new Checkpoint(lines[0], size, root);
    } catch (IllegalArgumentException e) {
      throw new InvalidNoteException(e.getMessage(), e);
    }
  }

  /** ASCII decimal with no sign, no spaces and no leading zero (except "0" itself). */
  private static long parseSize(String line) throws InvalidNoteException {
    boolean digits = !line.isEmpty() && line.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits || (line.length() > 1 && line.charAt(0) == '0')) {
      throw new InvalidNoteException(
          "checkpoint size: \"" + line + "\" is not a canonical decimal number"
              + " (want digits only, no leading zero)");
    }
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw new InvalidNoteException(
          "checkpoint size: " + line + " is larger than " + Long.MAX_VALUE, e);
    }
  }
}
