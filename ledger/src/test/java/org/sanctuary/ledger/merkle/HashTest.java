package org.sanctuary.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HashTest {
  private static final String HEX =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  // python3 -c 'import base64,hashlib; print(base64.b64encode(hashlib.sha256(b"").digest()).decode())'
  private static final String BASE64 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

  @Test
  void hexAndBase64_roundTrip() {
    Hash hash = Hash.fromHex(HEX);
    assertThat(hash.hex()).isEqualTo(HEX);
    assertThat(hash.base64()).isEqualTo(BASE64);
    assertThat(Hash.fromBase64(BASE64)).isEqualTo(hash).isEqualTo(TreeHasher.emptyRoot());
    assertThat(Hash.fromHex(HEX.toUpperCase())).isEqualTo(hash);
  }

  @Test
  void bytes_areCopiedInAndOut() {
    byte[] bytes = Hash.fromHex(HEX).bytes();
    Hash hash = Hash.of(bytes);
    bytes[0] = 0;
    assertThat(hash.hex()).isEqualTo(HEX);
    hash.bytes()[1] = 0;
    assertThat(hash.hex()).isEqualTo(HEX);
  }

  @Test
  void of_wrongLength_isRejected() {
    assertThatThrownBy(() -> Hash.of(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hash: 31 bytes (want 32)");
    assertThatThrownBy(() -> Hash.fromHex("00"))
        .hasMessage("hex hash: 2 characters (want 64)");
    assertThatThrownBy(() -> Hash.fromHex("zz" + HEX.substring(2)))
        .hasMessageContaining("is not hexadecimal");
  }

  @Test
  void fromBase64_nonCanonical_isRejected() {
    assertThatThrownBy(() -> Hash.fromBase64(BASE64.substring(0, 43)))
        .hasMessageContaining("is not canonical padded base64");
    // The last character carries 2 unused bits; setting them names the same bytes another way.
    assertThatThrownBy(() -> Hash.fromBase64(BASE64.replace("FU=", "FV=")))
        .hasMessageContaining("is not canonical padded base64");
    assertThatThrownBy(() -> Hash.fromBase64("AAAA"))
        .hasMessage("base64 hash: \"AAAA\" decodes to 3 bytes (want 32)");
    assertThatThrownBy(() -> Hash.fromBase64("!!!!"))
        .hasMessageContaining("is not base64");
  }
}
