package org.sanctuary.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.MemoryTree;

class CheckpointTest {
  // Root of the RFC 6962 test tree of 8 leaves; base64 XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=
  private static final Hash ROOT_8 =
      Hash.fromHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  private static final String ROOT_8_BASE64 = "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=";
  private static final Checkpoint CHECKPOINT = new Checkpoint(KnownKeys.NAME, 8, ROOT_8);

  @Test
  void text_isOriginSizeAndBase64Root() {
    assertThat(CHECKPOINT.text())
        .isEqualTo("city.example/ledger\n8\n" + ROOT_8_BASE64 + "\n");
  }

  @Test
  void sign_fixedKey_givesKnownNote() {
    assertThat(CHECKPOINT.sign(KnownKeys.signer()).encoded()).isEqualTo(KnownKeys.CHECKPOINT_NOTE);
  }

  @Test
  void open_knownNote_returnsCheckpoint() throws InvalidNoteException {
    Verifier verifier = Verifier.parse(KnownKeys.VERIFIER);
    assertThat(Checkpoint.open(KnownKeys.CHECKPOINT_NOTE, verifier)).isEqualTo(CHECKPOINT);
  }

  @Test
  void signThenOpen_roundTrips() throws InvalidNoteException {
    MemoryTree tree = new MemoryTree();
    for (int i = 0; i < 1000; i++) {
      tree.append(("entry " + i).getBytes());
    }
    Signer signer = Signer.generate("city.example/ledger");
    Checkpoint checkpoint = new Checkpoint("city.example/ledger", tree.size(), tree.root());
    String note = checkpoint.sign(signer).encoded();
    assertThat(Checkpoint.open(note, signer.verifier())).isEqualTo(checkpoint);
  }

  @Test
  void open_emptyTree_roundTrips() throws InvalidNoteException {
    Checkpoint empty = new Checkpoint(KnownKeys.NAME, 0, new MemoryTree().root());
    assertThat(empty.text()).contains("\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
    Signer signer = KnownKeys.signer();
    assertThat(Checkpoint.open(empty.sign(signer).encoded(), signer.verifier())).isEqualTo(empty);
  }

  @Test
  void open_tamperedSize_isRejected() {
    String tampered = KnownKeys.CHECKPOINT_NOTE.replace("\n8\n", "\n9\n");
    assertThatThrownBy(() -> Checkpoint.open(tampered, Verifier.parse(KnownKeys.VERIFIER)))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("note: signature by city.example/ledger+7d441c73 does not verify");
  }

  @Test
  void open_tamperedRoot_isRejected() {
    String tampered = KnownKeys.CHECKPOINT_NOTE.replace("XcnaeacG", "XcnaeacH");
    assertThatThrownBy(() -> Checkpoint.open(tampered, Verifier.parse(KnownKeys.VERIFIER)))
        .hasMessage("note: signature by city.example/ledger+7d441c73 does not verify");
  }

  @Test
  void open_tamperedOrigin_isRejected() {
    String tampered =
        KnownKeys.CHECKPOINT_NOTE.replaceFirst("city.example/ledger\n", "town.example/ledger\n");
    assertThatThrownBy(() -> Checkpoint.open(tampered, Verifier.parse(KnownKeys.VERIFIER)))
        .hasMessage("note: signature by city.example/ledger+7d441c73 does not verify");
  }

  @Test
  void open_wrongKey_isRejected() {
    Verifier other = Signer.generate(KnownKeys.NAME).verifier();
    assertThatThrownBy(() -> Checkpoint.open(KnownKeys.CHECKPOINT_NOTE, other))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessageStartingWith("note: no signature by city.example/ledger+");
  }

  @Test
  void open_signedByKeyNamedOtherThanOrigin_isRejected() {
    Signer other = Signer.generate("other.example/log");
    String note = other.sign(CHECKPOINT.text()).encoded();
    assertThatThrownBy(() -> Checkpoint.open(note, other.verifier()))
        .hasMessage("checkpoint: origin city.example/ledger is not the key name other.example/log");
  }

  @Test
  void sign_signerNamedOtherThanOrigin_isRefused() {
    assertThatThrownBy(() -> CHECKPOINT.sign(Signer.generate("other.example/log")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "checkpoint for city.example/ledger cannot be signed by key other.example/log"
                + " (the key name must be the origin)");
  }

  @Test
  void open_malformedNote_isRejected() {
    String unsigned = CHECKPOINT.text();
    assertThatThrownBy(() -> Checkpoint.open(unsigned, Verifier.parse(KnownKeys.VERIFIER)))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessageContaining("no blank line");
  }

  @Test
  void open_signedExtensionLine_isRejected() {
    Signer signer = KnownKeys.signer();
    String note = signer.sign(CHECKPOINT.text() + "extension\n").encoded();
    assertThatThrownBy(() -> Checkpoint.open(note, signer.verifier()))
        .hasMessageStartingWith("checkpoint: 4 lines (want 3");
  }

  static Stream<Arguments> malformedTexts() {
    String origin = "city.example/ledger\n";
    String root = ROOT_8_BASE64 + "\n";
    return Stream.of(
        Arguments.of("missing root line", origin + "8\n", "2 lines (want 3"),
        Arguments.of("only origin", origin, "1 lines (want 3"),
        Arguments.of("extension line", origin + "8\n" + root + "ext\n", "4 lines (want 3"),
        Arguments.of("blank extension line", origin + "8\n" + root + "\n", "4 lines (want 3"),
        Arguments.of("no final newline", origin + "8\n" + ROOT_8_BASE64, "does not end in a newline"),
        Arguments.of("empty origin", "\n8\n" + root, "empty origin"),
        Arguments.of("leading zero", origin + "08\n" + root, "\"08\" is not a canonical decimal"),
        Arguments.of("zero padded zero", origin + "00\n" + root, "\"00\" is not a canonical decimal"),
        Arguments.of("plus sign", origin + "+8\n" + root, "\"+8\" is not a canonical decimal"),
        Arguments.of("minus sign", origin + "-1\n" + root, "\"-1\" is not a canonical decimal"),
        Arguments.of("leading space", origin + " 8\n" + root, "\" 8\" is not a canonical decimal"),
        Arguments.of("trailing space", origin + "8 \n" + root, "\"8 \" is not a canonical decimal"),
        Arguments.of("empty size", origin + "\n" + root, "\"\" is not a canonical decimal"),
        Arguments.of("exponent", origin + "1e3\n" + root, "\"1e3\" is not a canonical decimal"),
        Arguments.of("hexadecimal", origin + "0x8\n" + root, "\"0x8\" is not a canonical decimal"),
        Arguments.of("arabic-indic digit", origin + "\u0668\n" + root, "is not a canonical decimal"),
        Arguments.of("size beyond 63 bits", origin + "9223372036854775808\n" + root, "is larger than"),
        Arguments.of("size beyond 64 bits", origin + "18446744073709551616\n" + root, "is larger than"),
        Arguments.of("short root", origin + "8\nAAAA\n", "decodes to 3 bytes (want 32)"),
        Arguments.of("unpadded root", origin + "8\n" + ROOT_8_BASE64.replace("=", "") + "\n", "not canonical"),
        Arguments.of("hex root", origin + "8\n" + ROOT_8.hex() + "\n", "checkpoint root"),
        Arguments.of("url-safe base64 root", origin + "8\n" + ROOT_8_BASE64.replace('+', '-').replace('/', '_') + "\n", "is not base64"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedTexts")
  void parse_malformed_isRejected(String description, String text, String message) {
    assertThatThrownBy(() -> Checkpoint.parse(text))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessageContaining(message);
  }

  @Test
  void parse_largestSize_isAccepted() throws InvalidNoteException {
    String text = "city.example/ledger\n9223372036854775807\n" + ROOT_8_BASE64 + "\n";
    assertThat(Checkpoint.parse(text).size()).isEqualTo(Long.MAX_VALUE);
    assertThat(Checkpoint.parse("o\n0\n" + ROOT_8_BASE64 + "\n").size()).isZero();
  }

  @Test
  void constructor_invalidValues_areRejected() {
    assertThatThrownBy(() -> new Checkpoint("", 1, ROOT_8))
        .hasMessageStartingWith("checkpoint origin: empty");
    assertThatThrownBy(() -> new Checkpoint("a\nb", 1, ROOT_8))
        .hasMessage("checkpoint origin: contains a newline");
    assertThatThrownBy(() -> new Checkpoint("a", -1, ROOT_8))
        .hasMessage("checkpoint size: -1 (want >= 0)");
  }
}
