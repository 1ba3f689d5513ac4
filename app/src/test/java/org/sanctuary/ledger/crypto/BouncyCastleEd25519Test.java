package org.sanctuary.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.note.Checkpoint;
import org.sanctuary.ledger.note.Ed25519Provider;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.merkle.Hash;

class BouncyCastleEd25519Test {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void sign_rfc8032Test1_givesThePublishedSignature() {
    // RFC 8032 section 7.1, TEST 1
    byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    byte[] publicKey = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    String want = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    BouncyCastleEd25519 ed = new BouncyCastleEd25519();
    byte[] signature = ed.sign(seed, new byte[0]);
    assertThat(HEX.formatHex(signature)).isEqualTo(want);
    assertThat(ed.verify(publicKey, new byte[0], signature)).isTrue();
    assertThat(ed.verify(publicKey, new byte[] {0}, signature)).isFalse();
    assertThat(ed.verify(new byte[31], new byte[0], signature)).isFalse();
  }

  @Test
  void inUse_inTheApplication_isBouncyCastleAndSignsAsTheJdkDid() {
    assertThat(Ed25519Provider.inUse()).isEqualTo(BouncyCastleEd25519.class.getName());
    // The checkpoint in docs/ledger.md, signed by the test key with seed 00..1f (computed with OpenSSL).
    byte[] seed = new byte[32];
    for (int i = 0; i < 32; i++) seed[i] = (byte) i;
    Signer signer = Signer.fromSeed("city.example/ledger", seed);
    String note = new Checkpoint("city.example/ledger", 8,
        Hash.fromBase64("XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=")).sign(signer).encoded();
    assertThat(note).endsWith("\u2014 city.example/ledger fUQcc/jzF6eOaYimdM4dKkWzav6yxHqOUT3eyfcLn8/24GRScQIgRNXCpoQksGq+oe91qdxQ7+rllYxIRRlfybWFxw0=\n");
  }
}
