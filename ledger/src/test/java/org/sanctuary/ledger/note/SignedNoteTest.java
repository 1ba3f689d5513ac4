package org.sanctuary.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignedNoteTest {
  private static final String SIG =
      "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";

  @Test
  void parse_goNote_verifiesAndReturnsText() throws InvalidNoteException {
    SignedNote note = SignedNote.parse(KnownKeys.GO_NOTE);
    assertThat(note.text()).isEqualTo(KnownKeys.GO_TEXT);
    assertThat(note.signatures()).hasSize(1);
    assertThat(note.signatures().get(0).keyName()).isEqualTo("PeterNeumann");
    assertThat(note.signatures().get(0).keyId()).isEqualTo(0xc74f20a3);
    assertThat(note.verify(Verifier.parse(KnownKeys.GO_VERIFIER))).isEqualTo(KnownKeys.GO_TEXT);
    assertThat(note.encoded()).isEqualTo(KnownKeys.GO_NOTE);
  }

  @Test
  void parse_bytes_acceptsUtf8AndRefusesInvalidUtf8() throws InvalidNoteException {
    byte[] bytes = KnownKeys.GO_NOTE.getBytes(StandardCharsets.UTF_8);
    assertThat(SignedNote.parse(bytes).encoded()).isEqualTo(KnownKeys.GO_NOTE);
    bytes[3] = (byte) 0xff;
    assertThatThrownBy(() -> SignedNote.parse(bytes))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("note: not valid UTF-8");
  }

  @Test
  void verify_signaturesByOtherKeys_areIgnored() throws InvalidNoteException {
    Signer log = Signer.generate("city.example/log");
    Signer witness = Signer.generate("witness.example/w1");
    SignedNote byLog = log.sign("tree head\n");
    String cosigned =
        byLog.encoded() + witness.sign("tree head\n").signatures().get(0).line();
    SignedNote note = SignedNote.parse(cosigned);
    assertThat(note.signatures()).hasSize(2);
    assertThat(note.verify(log.verifier())).isEqualTo("tree head\n");
    assertThat(note.verify(witness.verifier())).isEqualTo("tree head\n");
  }

  @Test
  void verify_noSignatureByThisKey_isRejected() throws InvalidNoteException {
    SignedNote note = SignedNote.parse(KnownKeys.GO_NOTE);
    Verifier sameNameOtherKey = Signer.generate("PeterNeumann").verifier();
    assertThatThrownBy(() -> note.verify(sameNameOtherKey))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessageStartingWith("note: no signature by PeterNeumann+")
        .hasMessageEndingWith("(signed by PeterNeumann+c74f20a3)");
    assertThatThrownBy(() -> note.verify(KnownKeys.signer().verifier()))
        .hasMessageStartingWith("note: no signature by city.example/ledger+7d441c73");
  }

  @Test
  void verify_badSignatureByThisKey_isRejected() throws InvalidNoteException {
    // Same key id, one signature bit flipped ('x' -> 'y' changes the key id's first byte, so
    // flip a later character instead).
    String tampered = KnownKeys.GO_NOTE.replace("ZJkuBS9", "ZJkuBS8");
    SignedNote note = SignedNote.parse(tampered);
    assertThatThrownBy(() -> note.verify(Verifier.parse(KnownKeys.GO_VERIFIER)))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("note: signature by PeterNeumann+c74f20a3 does not verify");
  }

  @Test
  void verify_changedText_isRejected() throws InvalidNoteException {
    SignedNote note = SignedNote.parse(KnownKeys.GO_NOTE.replace("answer", "Answer"));
    assertThatThrownBy(() -> note.verify(Verifier.parse(KnownKeys.GO_VERIFIER)))
        .hasMessage("note: signature by PeterNeumann+c74f20a3 does not verify");
  }

  @Test
  void verify_oneGoodOneBadSignatureByThisKey_isRejected() throws InvalidNoteException {
    String line = "\u2014 PeterNeumann " + SIG + "\n";
    String bad = "\u2014 PeterNeumann " + SIG.replace("ZJkuBS9", "ZJkuBS8") + "\n";
    SignedNote note = SignedNote.parse(KnownKeys.GO_TEXT + "\n" + line + bad);
    assertThatThrownBy(() -> note.verify(Verifier.parse(KnownKeys.GO_VERIFIER)))
        .hasMessage("note: signature by PeterNeumann+c74f20a3 does not verify");
  }

  static Stream<Arguments> malformedNotes() {
    String text = KnownKeys.GO_TEXT;
    String line = "\u2014 PeterNeumann " + SIG + "\n";
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= SignedNote.MAX_SIGNATURES; i++) {
      many.add(line);
    }
    return Stream.of(
        Arguments.of("no blank line", text + line, "no blank line"),
        Arguments.of("no signature lines", text + "\n", "no signature lines"),
        Arguments.of("last line unterminated", text + "\n" + line.strip(), "does not end in a newline"),
        Arguments.of("hyphen for em dash", text + "\n- PeterNeumann " + SIG + "\n", "em dash"),
        Arguments.of("two hyphens", text + "\n-- PeterNeumann " + SIG + "\n", "em dash"),
        Arguments.of("en dash", text + "\n\u2013 PeterNeumann " + SIG + "\n", "em dash"),
        Arguments.of("no space after dash", text + "\n\u2014PeterNeumann " + SIG + "\n", "em dash"),
        Arguments.of("no space before signature", text + "\n\u2014 PeterNeumann" + SIG + "\n", "no space"),
        Arguments.of("two spaces", text + "\n\u2014 PeterNeumann  " + SIG + "\n", "not base64"),
        Arguments.of("trailing space", text + "\n\u2014 PeterNeumann " + SIG + " \n", "not base64"),
        Arguments.of("bad base64", text + "\n\u2014 PeterNeumann ***\n", "not base64"),
        Arguments.of("unpadded base64", text + "\n\u2014 PeterNeumann " + SIG.replace("=", "") + "\n", "not canonical"),
        Arguments.of("signature too short", text + "\n\u2014 PeterNeumann AAAAAA==\n", "want a 4-byte key id"),
        Arguments.of("plus in key name", text + "\n\u2014 Peter+Neumann " + SIG + "\n", "plus"),
        Arguments.of("text after signatures", text + "\n" + line + "extra\n", "line 2 does not start"),
        Arguments.of("carriage return", text.replace("\n", "\r\n") + "\r\n" + line, "control character U+000D"),
        Arguments.of("tab in text", "a\tb\n\n" + line, "control character U+0009"),
        Arguments.of("nul in text", "a\0b\n\n" + line, "control character U+0000"),
        Arguments.of("unpaired surrogate", "a\ud800b\n\n" + line, "unpaired surrogate"),
        Arguments.of("too many signatures", text + "\n" + String.join("", many), "signature lines (want at most 100)"),
        Arguments.of("empty", "", "no blank line"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedNotes")
  void parse_malformed_isRejected(String description, String note, String message) {
    assertThatThrownBy(() -> SignedNote.parse(note))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessageContaining(message);
  }

  @Test
  void constructor_noSignatures_isRejected() {
    assertThatThrownBy(() -> new SignedNote("a\n", List.of()))
        .hasMessage("signed note: 0 signatures (want 1 to 100)");
  }
}
