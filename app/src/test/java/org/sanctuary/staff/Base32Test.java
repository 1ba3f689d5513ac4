package org.sanctuary.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base32Test {
  // RFC 4648 section 10, with the padding left off
  @ParameterizedTest
  @CsvSource({"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB",
      "foobar, MZXW6YTBOI"})
  void encode_rfc4648Vectors(String plain, String encoded) {
    assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
    assertThat(Base32.decode(encoded)).isEqualTo(plain.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void decode_ignoresCasePaddingAndSpaces() {
    assertThat(Base32.decode("mzxw 6ytb oi======")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void decode_randomBytes_roundTrip() {
    SplittableRandom random = new SplittableRandom(6238);
    for (int i = 0; i < 500; i++) {
      byte[] data = new byte[random.nextInt(0, 41)];
      for (int j = 0; j < data.length; j++) {
        data[j] = (byte) random.nextInt(256);
      }
      assertThat(Base32.decode(Base32.encode(data))).isEqualTo(data);
    }
  }

  @Test
  void decode_letterOutsideTheAlphabet_isRefused() {
    assertThatThrownBy(() -> Base32.decode("MZ1W")).isInstanceOf(IllegalArgumentException.class);
  }
}
