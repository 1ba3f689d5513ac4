package org.sanctuary.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CosignatureTest {
  /**
   * A witness key for tests only, on the same public seed as {@link KnownKeys} (bytes 0x00 to
   * 0x1f) under another name and type byte. Values computed with OpenSSL 3, not with this code:
   *
   * <pre>
   * (printf 'witness.example/w1\n\x04'; cat pub.bin) | sha256sum | head -c 8          # e75f6532
   * (printf '\x04'; cat pub.bin) | base64                                             # vkey data
   * printf 'cosignature/v1\ntime 1700000000\ncity.example/ledger\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n' &gt; msg.txt
   * (printf '\xe7\x5f\x65\x32\x00\x00\x00\x00\x65\x53\xf1\x00'; openssl pkeyutl -sign -inkey key.der -keyform DER -rawin -in msg.txt) | base64 -w0
   * </pre>
   */
  static final String WITNESS = "witness.example/w1";
  static final String WITNESS_VKEY =
      "witness.example/w1+e75f6532+BAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";
  static final String COSIGNATURE_LINE =
      "\u2014 witness.example/w1 519lMgAAAABlU/EAUQcsDqQ5FZAIFUOT6Cp7ELA5yi2nIJRsNT6CQKEC4qGT8YSZZqCPQk3SrDE1P0e1R84HZF89ZLt7cIl5XOrvAw==\n";

  // c2sp.org/tlog-cosignature, "Format": the example witness line; its message example says time 1679315147.
  static final String SPEC_CHECKPOINT =
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
          + "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
          + "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n";

  // c2sp.org/signed-note, "Verifier keys / Example".
  static final String SPEC_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
  static final String SPEC_NOTE =
      "This is an example message.\n\n"
          + "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

  private static Cosigner witness() {
    return Cosigner.fromSeed(WITNESS, KnownKeys.SEED);
  }

  private static Checkpoint checkpoint() throws InvalidNoteException {
    return Checkpoint.open(KnownKeys.CHECKPOINT_NOTE, Verifier.parse(KnownKeys.VERIFIER));
  }

  @Test
  void cosign_fixedKeyAndTime_matchesOpenSsl() throws InvalidNoteException {
    Cosignature cosignature = witness().cosign(checkpoint(), 1_700_000_000L);
    assertThat(cosignature.line().line()).isEqualTo(COSIGNATURE_LINE);
    assertThat(witness().verifier().encoded()).isEqualTo(WITNESS_VKEY);
  }

  @Test
  void keyId_isTruncatedSha256OfNameNewlineTypeFourAndKey() throws Exception {
    byte[] pub = HexFormat.of().parseHex(KnownKeys.PUBLIC_KEY_HEX);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update((WITNESS + "\n").getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0x04);
    byte[] digest = sha.digest(pub);
    int want = ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
    assertThat(witness().keyId()).isEqualTo(want).isEqualTo(0xe75f6532);
    // The same key as a log (type 0x01) key has another id, so the two never stand in for each other.
    assertThat(Signer.fromSeed(WITNESS, KnownKeys.SEED).keyId()).isNotEqualTo(want);
  }

  @Test
  void verify_cosignedNote_returnsTimestampAndLogSignatureStillVerifies() throws InvalidNoteException {
    SignedNote note = SignedNote.parse(KnownKeys.CHECKPOINT_NOTE + COSIGNATURE_LINE);
    CosignatureVerifier verifier = CosignatureVerifier.parse(WITNESS_VKEY);
    assertThat(verifier.verify(note)).isEqualTo(OptionalLong.of(1_700_000_000L));
    assertThat(Checkpoint.open(note.encoded(), Verifier.parse(KnownKeys.VERIFIER)).size()).isEqualTo(8);
  }

  @Test
  void verify_noteWithoutThisWitness_isEmpty() throws InvalidNoteException {
    SignedNote note = SignedNote.parse(KnownKeys.CHECKPOINT_NOTE);
    assertThat(CosignatureVerifier.parse(WITNESS_VKEY).verify(note)).isEmpty();
    // Another witness's line is ignored, as the format requires.
    Cosignature other = Cosigner.generate("witness.example/w2").cosign(checkpoint(), 5);
    assertThat(CosignatureVerifier.parse(WITNESS_VKEY).verify(note.withSignatures(List.of(other.line())))).isEmpty();
  }

  @Test
  void verify_tamperedTimestampOrText_isRefused() throws InvalidNoteException {
    Cosignature good = witness().cosign(checkpoint(), 1_700_000_000L);
    Cosignature laterTime = new Cosignature(good.keyName(), good.keyId(), 1_700_000_001L, good.signature());
    SignedNote note = SignedNote.parse(KnownKeys.CHECKPOINT_NOTE).withSignatures(List.of(laterTime.line()));
    assertThatThrownBy(() -> witness().verifier().verify(note))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("note: cosignature by witness.example/w1+e75f6532 does not verify");
    assertThatThrownBy(() -> witness().verifier().verify("other text\n", good.line()))
        .hasMessageContaining("does not verify");
  }

  @Test
  void cosignature_specExampleLine_framesKeyIdTimestampAndSignature() throws InvalidNoteException {
    SignedNote note = SignedNote.parse(SPEC_CHECKPOINT);
    Cosignature parsed = Cosignature.of(note.signatures().get(1));
    assertThat(parsed.keyName()).isEqualTo("witness.example.com/w1");
    assertThat(parsed.keyId()).isEqualTo(0x8d66cf3f);
    assertThat(parsed.timestamp()).isEqualTo(1_679_315_147L);
    assertThat(parsed.signature()).hasSize(64);
    assertThat(parsed.line()).isEqualTo(note.signatures().get(1));
    // The log's own line is 68 bytes, not a cosignature.
    assertThatThrownBy(() -> Cosignature.of(note.signatures().get(0)))
        .hasMessageContaining("68 bytes (want 76");
  }

  @Test
  void verifier_specNoteExample_verifies() throws InvalidNoteException {
    Verifier verifier = Verifier.parse(SPEC_VKEY);
    assertThat(verifier.keyId()).isEqualTo(0x530d903a);
    assertThat(SignedNote.parse(SPEC_NOTE).verify(verifier)).isEqualTo("This is an example message.\n");
  }

  @Test
  void parse_logKeyAsWitnessKey_isRefused() {
    assertThatThrownBy(() -> CosignatureVerifier.parse(KnownKeys.VERIFIER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("want the Ed25519 cosignature type byte 0x04 and a 32-byte key, got 33 bytes of type 0x01");
    assertThatThrownBy(() -> Verifier.parse(WITNESS_VKEY))
        .hasMessageContaining("want the Ed25519 type byte 0x01");
    assertThatThrownBy(() -> CosignatureVerifier.parse(WITNESS_VKEY.replace("e75f6532", "e75f6533")))
        .hasMessage("witness key: key id e75f6533 does not match the name and key (want e75f6532)");
  }

  @Test
  void cosigner_textForm_roundTripsAndIsOwnerOnlyOnDisk(@TempDir Path dir) throws IOException {
    Cosigner cosigner = Cosigner.generate("witness.example/w9");
    Path file = dir.resolve("witness.key");
    cosigner.write(file);
    Cosigner again = Cosigner.read(file);
    assertThat(again.verifier()).isEqualTo(cosigner.verifier());
    assertThat(again.encoded()).startsWith("PRIVATE+KEY+witness.example/w9+").isEqualTo(cosigner.encoded());
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
    assertThat(cosigner.toString()).doesNotContain(cosigner.encoded().substring(30));
  }

  @Test
  void cosigner_logSignerKeyText_isRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> Cosigner.parse(KnownKeys.SIGNER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("witness private key: the key field is not base64 of 0x04 and a 32-byte seed");
  }

  @Test
  void cosign_negativeTimestamp_isRefused() {
    assertThatThrownBy(() -> witness().cosign(checkpoint(), -1))
        .hasMessage("cosignature timestamp: -1 (want >= 0)");
  }
}
