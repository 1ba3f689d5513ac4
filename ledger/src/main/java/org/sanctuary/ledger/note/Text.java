package org.sanctuary.ledger.note;

import java.util.Base64;

/** The character rules of signed notes, shared by their parts. */
final class Text {
  private Text() {}

  /**
   * A key name is non-empty and has no Unicode space and no plus sign, since the plus separates
   * the fields of encoded keys and a space separates the name from the signature.
   */
  static String checkKeyName(String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(what + ": empty (want a name such as example.org/log)");
    }
    checkCharacters(name, what);
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      if (c == '+' || isSpace(c)) {
        throw new IllegalArgumentException(
            what + ": \"" + name + "\" contains " + describe(c)
                + " (want no spaces and no plus signs)");
      }
      i += Character.charCount(c);
    }
    return name;
  }

  /** Valid Unicode with no control character other than newline, as notes require. */
  static void checkCharacters(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new IllegalArgumentException(
            what + ": control character " + describe(c) + " at offset " + i);
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            what + ": unpaired surrogate " + describe(c) + " at offset " + i
                + " cannot be encoded as UTF-8");
      }
    }
  }

  /** Strict standard base64: one spelling per byte string, so signed text has one form. */
  static byte[] decodeBase64(String text, String what) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": not base64", e);
    }
    if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
      throw new IllegalArgumentException(what + ": not canonical padded base64");
    }
    return decoded;
  }

  static String hexKeyId(int keyId) {
    return String.format("%08x", keyId);
  }

  // Unicode spaces as Go's unicode.IsSpace counts them: white space plus the Z categories.
  private static boolean isSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
  }

  private static String describe(int c) {
    return String.format("U+%04X", c);
  }
}
