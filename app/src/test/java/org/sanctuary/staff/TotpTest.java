package org.sanctuary.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {
  // RFC 6238 Appendix B: the SHA1 seed is the ASCII string "12345678901234567890"
  private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @CsvSource({
    "59, 94287082",
    "1111111109, 07081804",
    "1111111111, 14050471",
    "1234567890, 89005924",
    "2000000000, 69279037",
    "20000000000, 65353130"
  })
  void code_rfc6238Vectors_matchEightDigitsAndTheirLastSix(long seconds, String expected) {
    long step = Totp.step(Instant.ofEpochSecond(seconds));
    assertThat(Totp.code(RFC_SEED, step, 8)).isEqualTo(expected);
    assertThat(Totp.code(RFC_SEED, Instant.ofEpochSecond(seconds))).isEqualTo(expected.substring(2));
  }

  @Test
  void match_codeOfPreviousOrNextStep_isAcceptedButTwoStepsAway_isNot() {
    Instant now = Instant.ofEpochSecond(1_111_111_111);
    long step = Totp.step(now);
    for (int offset = -1; offset <= 1; offset++) {
      String code = Totp.code(RFC_SEED, step + offset, 6);
      assertThat(Totp.match(RFC_SEED, code, now, -1)).hasValue(step + offset);
    }
    String tooOld = Totp.code(RFC_SEED, step - 2, 6);
    String tooNew = Totp.code(RFC_SEED, step + 2, 6);
    assertThat(Totp.match(RFC_SEED, tooOld, now, -1)).isEmpty();
    assertThat(Totp.match(RFC_SEED, tooNew, now, -1)).isEmpty();
  }

  @Test
  void match_codeAtOrBeforeLastUsedStep_isRefused() {
    Instant now = Instant.ofEpochSecond(1_111_111_111);
    long step = Totp.step(now);
    String code = Totp.code(RFC_SEED, step, 6);
    assertThat(Totp.match(RFC_SEED, code, now, step)).isEmpty();
    assertThat(Totp.match(RFC_SEED, code, now, step - 1)).hasValue(step);
  }

  @Test
  void match_malformedCodes_areRefused() {
    Instant now = Instant.ofEpochSecond(59);
    assertThat(Totp.match(RFC_SEED, null, now, -1)).isEmpty();
    assertThat(Totp.match(RFC_SEED, "28708", now, -1)).isEmpty();
    assertThat(Totp.match(RFC_SEED, "2870820", now, -1)).isEmpty();
    assertThat(Totp.match(RFC_SEED, "28708a", now, -1)).isEmpty();
  }

  @Test
  void uri_carriesTheBase32SecretAndParameters() {
    assertThat(Totp.uri("Sanctuary", "ana", RFC_SEED))
        .isEqualTo("otpauth://totp/Sanctuary:ana?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "&issuer=Sanctuary&algorithm=SHA1&digits=6&period=30");
  }
}
