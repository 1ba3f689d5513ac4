package org.sanctuary.ledger.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A signed note (C2SP signed-note): a text ending in a newline, a blank line, then one or more
 * signature lines, each {@code — <key name> <base64(key id || signature)>}. The signatures cover
 * the text including its final newline and nothing after it.
 *
 * <pre>
 * city.example/ledger
 * 8
 * XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=
 *
 * — city.example/ledger fUQcc/jzF6eOaYimdM4dKkWzav6yxHqOUT3eyfcLn8/24GRScQIgRNXCpoQksGq+oe91qdxQ7+rllYxIRRlfybWFxw0=
 * </pre>
 *
 * <p>The text of a parsed note is untrusted until {@link #verify} accepts it.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
  /** Em dash (U+2014) and a space: the start of every signature line. */
  static final String SIGNATURE_PREFIX = "\u2014 ";

  /** More signatures than this is refused; the format asks verifiers for at least 16. */
  static final int MAX_SIGNATURES = 100;

  /** Longest note parsed, in characters; a checkpoint is a few hundred. */
  static final int MAX_LENGTH = 1 << 20;

  public SignedNote {
    checkNoteText(text);
    signatures = List.copyOf(Objects.requireNonNull(signatures, "signatures"));
    if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "signed note: " + signatures.size() + " signatures (want 1 to " + MAX_SIGNATURES + ")");
    }
  }

  /** Parses a note received as bytes, which must be valid UTF-8. */
  public static SignedNote parse(byte[] note) throws InvalidNoteException {
    Objects.requireNonNull(note, "note");
    if (note.length > 4 * MAX_LENGTH) {
      throw new InvalidNoteException("note: " + note.length + " bytes is too long");
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(note))
              .toString();
      return parse(text);
    } catch (CharacterCodingException e) {
      throw new InvalidNoteException("note: not valid UTF-8", e);
    }
  }

  /** Parses a note. Checks its form only; {@link #verify} checks its signatures. */
  public static SignedNote parse(String note) throws InvalidNoteException {
    Objects.requireNonNull(note, "note");
    if (note.length() > MAX_LENGTH) {
      throw new InvalidNoteException(
          "note: " + note.length() + " characters (want at most " + MAX_LENGTH + ")");
    }
    try {
      Text.checkCharacters(note, "note");
    } catch (IllegalArgumentException e) {
      throw new InvalidNoteException(e.getMessage(), e);
    }
    // The text may itself hold blank lines; the signatures follow the last one.
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new InvalidNoteException("note: no blank line between the text and the signatures");
    }
    String text = note.substring(0, split + 1);
    String block = note.substring(split + 2);
    if (block.isEmpty()) {
      throw new InvalidNoteException("note: no signature lines after the blank line");
    }
    if (!block.endsWith("\n")) {
      throw new InvalidNoteException("note: the last signature line does not end in a newline");
    }
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new InvalidNoteException(
          "note: " + lines.length + " signature lines (want at most " + MAX_SIGNATURES + ")");
    }
    List<NoteSignature> signatures = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      signatures.add(parseSignatureLine(lines[i], i + 1));
    }
    return new SignedNote(text, signatures);
  }

  private static NoteSignature parseSignatureLine(String line, int number)
      throws InvalidNoteException {
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw new InvalidNoteException(
          "note: signature line " + number + " does not start with an em dash and a space: \""
              + line + "\"");
    }
    String rest = line.substring(SIGNATURE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new InvalidNoteException(
          "note: signature line " + number + " has no space between key name and signature");
    }
    try {
      return new NoteSignature(rest.substring(0, space), rest.substring(space + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidNoteException(
          "note: signature line " + number + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks the note's signatures by {@code verifier}'s key and returns the text they cover.
   * Signatures by other keys are ignored, as the format requires, so witnesses may add theirs. At
   * least one signature must be by this key, and every signature by this key must verify.
   */
  public String verify(Verifier verifier) throws InvalidNoteException {
    Objects.requireNonNull(verifier, "verifier");
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    boolean found = false;
    for (NoteSignature signature : signatures) {
      if (!signature.keyName().equals(verifier.name())
          || signature.keyId() != verifier.keyId()) {
        continue;
      }
      found = true;
      if (!verifier.verify(message, signature.signature())) {
        throw new InvalidNoteException(
            "note: signature by " + verifier.name() + "+" + Text.hexKeyId(verifier.keyId())
                + " does not verify");
      }
    }
    if (!found) {
      throw new InvalidNoteException(
          "note: no signature by " + verifier.name() + "+" + Text.hexKeyId(verifier.keyId())
              + " (signed by " + signers() + ")");
    }
    return text;
  }

  /**
   * The same note with more signature lines after its own, e.g. witnesses' cosignatures. Lines
   * already present are not repeated.
   */
  public SignedNote withSignatures(List<NoteSignature> more) {
    List<NoteSignature> all = new ArrayList<>(signatures);
    for (NoteSignature line : Objects.requireNonNull(more, "signatures")) {
      if (!all.contains(line)) {
        all.add(line);
      }
    }
    return new SignedNote(text, all);
  }

  /** The note as sent: text, blank line, signature lines. */
  public String encoded() {
    StringBuilder out = new StringBuilder(text).append('\n');
    signatures.forEach(signature -> out.append(signature.line()));
    return out.toString();
  }

  private String signers() {
    List<String> names = new ArrayList<>();
    for (NoteSignature signature : signatures) {
      names.add(signature.keyName() + "+" + Text.hexKeyId(signature.keyId()));
    }
    return String.join(", ", names);
  }

  static void checkNoteText(String text) {
    Objects.requireNonNull(text, "note text");
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("note text: does not end in a newline");
    }
    Text.checkCharacters(text, "note text");
  }
}
