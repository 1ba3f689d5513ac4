package org.sanctuary.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignerTest {

  @Test
  void parse_goSignerKey_signsExactlyAsGoDid() {
    Signer signer = Signer.parse(KnownKeys.GO_SIGNER);
    assertThat(signer.name()).isEqualTo("PeterNeumann");
    assertThat(signer.keyId()).isEqualTo(0xc74f20a3);
    assertThat(signer.verifier().encoded()).isEqualTo(KnownKeys.GO_VERIFIER);
    assertThat(signer.sign(KnownKeys.GO_TEXT).encoded()).isEqualTo(KnownKeys.GO_NOTE);
    assertThat(signer.encoded()).isEqualTo(KnownKeys.GO_SIGNER);
  }

  @Test
  void fromSeed_fixedSeed_givesKnownKeys() {
    Signer signer = KnownKeys.signer();
    assertThat(signer.keyId()).isEqualTo(KnownKeys.KEY_ID);
    assertThat(HexFormat.of().formatHex(signer.verifier().publicKey()))
        .isEqualTo(KnownKeys.PUBLIC_KEY_HEX);
    assertThat(signer.encoded()).isEqualTo(KnownKeys.SIGNER);
    assertThat(signer.verifier().encoded()).isEqualTo(KnownKeys.VERIFIER);
  }

  @Test
  void sign_sameTextTwice_givesSameSignature() {
    // Ed25519 is deterministic, which is what makes the known-answer tests possible.
    Signer signer = Signer.generate("city.example/log");
    assertThat(signer.sign("a\n")).isEqualTo(signer.sign("a\n"));
  }

  @Test
  void generate_roundTripsThroughText() throws InvalidNoteException {
    Signer signer = Signer.generate("city.example/log");
    Signer again = Signer.parse(signer.encoded());
    assertThat(again.verifier()).isEqualTo(signer.verifier());
    assertThat(again.sign("hello\n").verify(signer.verifier())).isEqualTo("hello\n");
    assertThat(Signer.generate("city.example/log").verifier()).isNotEqualTo(signer.verifier());
  }

  @Test
  void write_thenRead_roundTripsWithOwnerOnlyPermissions(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("log.key");
    Signer signer = KnownKeys.signer();
    signer.write(file);
    assertThat(Files.readString(file)).isEqualTo(KnownKeys.SIGNER + "\n");
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    assertThat(Signer.read(file).verifier()).isEqualTo(signer.verifier());
  }

  @Test
  void write_existingFile_isRefused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("log.key");
    Files.writeString(file, "keep me");
    assertThatThrownBy(() -> KnownKeys.signer().write(file))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(file)).isEqualTo("keep me");
  }

  @Test
  void read_badFile_namesTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("log.key");
    Files.writeString(file, "not a key\n");
    assertThatThrownBy(() -> Signer.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + ": private key: does not start with PRIVATE+KEY+");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "city.example/ledger+7d441c73+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f",
        "PRIVATE+KEY+city.example/ledger+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f",
        "PRIVATE+KEY+city.example/ledger+7d441c7+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f",
        "PRIVATE+KEY+city.example/ledger+7d441c7g+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f",
        "PRIVATE+KEY+city.example/ledger+7d441c73+AgABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f",
        "PRIVATE+KEY+city.example/ledger+7d441c73+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4",
        "PRIVATE+KEY+city.example/ledger+7d441c73+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fIA==",
        "PRIVATE+KEY+city example/ledger+7d441c73+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f",
        "PRIVATE+KEY+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f+7d441c73+AQAB",
      })
  void parse_malformed_isRejectedWithoutQuotingKeyMaterial(String encoded) {
    assertThatThrownBy(() -> Signer.parse(encoded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("private key")
        .message()
        .doesNotContain("AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4")
        .doesNotContain("ABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f");
  }

  @Test
  void parse_keyIdNotMatchingKey_isRejected() {
    assertThatThrownBy(() -> Signer.parse(KnownKeys.SIGNER.replace("7d441c73", "7d441c74")))
        .hasMessage(
            "private key: key id 7d441c74 does not match the key"
                + " (want 7d441c73)");
  }

  @Test
  void toString_showsNameAndKeyIdOnly() {
    assertThat(KnownKeys.signer()).hasToString("Signer[city.example/ledger+7d441c73]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "city example", "a+b", "tab\there", "nbsp\u00a0here", "line\u2028sep"})
  void generate_invalidKeyName_isRejected(String name) {
    assertThatThrownBy(() -> Signer.generate(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("key name: ");
  }

  @Test
  void fromSeed_wrongLength_isRejected() {
    assertThatThrownBy(() -> Signer.fromSeed("a", new byte[31]))
        .hasMessage("Ed25519 seed: 31 bytes (want 32)");
  }

  @Test
  void sign_textWithoutFinalNewline_isRejected() {
    assertThatThrownBy(() -> KnownKeys.signer().sign("no newline"))
        .hasMessage("note text: does not end in a newline");
  }
}
