package org.sanctuary.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519Test {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void rfc8032Test1_signsAndVerifiesTheEmptyMessage() {
    byte[] seed = HEX.parseHex(Ed25519.RFC8032_SEED);
    var pair = Ed25519.keyPair(seed);
    byte[] publicKey = Ed25519.rawPublicKey(pair.getPublic());
    assertThat(HEX.formatHex(publicKey)).isEqualTo(Ed25519.RFC8032_PUBLIC);
    byte[] signature = Ed25519.sign(seed, pair.getPrivate(), new byte[0]);
    assertThat(HEX.formatHex(signature)).isEqualTo(Ed25519.RFC8032_SIGNATURE);
    assertThat(Ed25519.verify(publicKey, pair.getPublic(), new byte[0], signature)).isTrue();
    signature[63] ^= 0x10;
    assertThat(Ed25519.verify(publicKey, pair.getPublic(), new byte[0], signature)).isFalse();
  }

  @Test
  void implementation_inThePureModule_isTheJdk() {
    assertThat(Ed25519.implementation()).isEqualTo("JDK");
  }
}
