package org.sanctuary.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VerifierTest {

  @Test
  void parse_goVerifierKey_roundTrips() {
    Verifier verifier = Verifier.parse(KnownKeys.GO_VERIFIER);
    assertThat(verifier.name()).isEqualTo("PeterNeumann");
    assertThat(verifier.keyId()).isEqualTo(0xc74f20a3);
    assertThat(verifier.encoded()).isEqualTo(KnownKeys.GO_VERIFIER);
  }

  @Test
  void of_rawKey_computesKeyId() {
    Verifier verifier = Verifier.of(KnownKeys.NAME, KnownKeys.signer().verifier().publicKey());
    assertThat(verifier.keyId()).isEqualTo(KnownKeys.KEY_ID);
    assertThat(verifier).isEqualTo(Verifier.parse(KnownKeys.VERIFIER));
  }

  @Test
  void parse_keyIdNotMatching_isRejected() {
    assertThatThrownBy(() -> Verifier.parse(KnownKeys.VERIFIER.replace("7d441c73", "00000000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "verifier key: key id 00000000 does not match the name and key (want 7d441c73)");
    // The key ID binds the name: the same key under another name is another key.
    assertThatThrownBy(() -> Verifier.parse(KnownKeys.VERIFIER.replace("city.", "town.")))
        .hasMessageContaining("does not match the name and key");
  }

  @Test
  void parse_otherSignatureType_isRejected() {
    // 0x02 followed by the same 32 bytes
    String typed = "AgOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";
    assertThatThrownBy(() -> Verifier.parse("city.example/ledger+7d441c73+" + typed))
        .hasMessageContaining("want the Ed25519 type byte 0x01 and a 32-byte key, got 33 bytes of type 0x02");
  }

  @Test
  void parse_malformed_isRejected() {
    assertThatThrownBy(() -> Verifier.parse("city.example/ledger"))
        .hasMessageContaining("has fewer than three fields");
    assertThatThrownBy(() -> Verifier.parse("city.example/ledger+7d441c7+AQOh"))
        .hasMessageContaining("is not 8 hexadecimal digits");
    assertThatThrownBy(() -> Verifier.parse("city.example/ledger+7d441c73+AQOh!"))
        .hasMessageContaining("not base64");
    assertThatThrownBy(() -> Verifier.parse("+7d441c73+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4"))
        .hasMessageStartingWith("key name: empty");
  }

  @Test
  void of_notACurvePoint_isRejected() {
    byte[] tooLarge = new byte[32];
    Arrays.fill(tooLarge, (byte) 0xff);
    tooLarge[31] = 0x7f;
    assertThatThrownBy(() -> Verifier.of("a", tooLarge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Ed25519 public key: not a valid curve point");
    assertThatThrownBy(() -> Verifier.of("a", new byte[31]))
        .hasMessage("Ed25519 public key: 31 bytes (want 32)");
  }
}
