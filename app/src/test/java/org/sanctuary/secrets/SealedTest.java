package org.sanctuary.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SealedTest {
  private static final byte[] KEY = new byte[32];
  private static final byte[] AAD = "row:1".getBytes(StandardCharsets.UTF_8);

  static {
    new Random(3).nextBytes(KEY);
  }

  @Test
  void seal_thenOpen_roundTripsInTheVersionedFormat() {
    byte[] sealed = Sealed.with(KEY).seal("hello".getBytes(StandardCharsets.UTF_8), AAD);
    assertThat(sealed[0]).isEqualTo(Sealed.FORMAT);
    assertThat(sealed).hasSize(1 + 12 + 5 + 16);
    assertThat(new String(Sealed.with(KEY).open(sealed, AAD), StandardCharsets.UTF_8)).isEqualTo("hello");
  }

  @Test
  void open_alteredMisplacedOrOtherKey_isRefused() {
    byte[] sealed = Sealed.with(KEY).seal(new byte[] {1, 2, 3}, AAD);
    byte[] altered = sealed.clone();
    altered[altered.length - 1] ^= 1;
    assertThatThrownBy(() -> Sealed.with(KEY).open(altered, AAD)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Sealed.with(KEY).open(sealed, "row:2".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Sealed.with(new byte[32]).open(sealed, AAD)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Sealed.with(KEY).open(new byte[3], AAD)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void open_legacyValues_openOnlyWhereAllowed_evenWhenTheNonceStartsLikeTheFormatByte() throws Exception {
    for (byte first : new byte[] {0, Sealed.FORMAT, (byte) 0xff}) {
      byte[] legacy = legacySeal("old secret", first);
      assertThat(new String(Sealed.withLegacy(KEY).open(legacy, AAD), StandardCharsets.UTF_8)).isEqualTo("old secret");
      assertThatThrownBy(() -> Sealed.with(KEY).open(legacy, AAD)).isInstanceOf(IllegalStateException.class);
    }
  }

  // the format values had before the leading format byte: nonce || ciphertext || tag
  private static byte[] legacySeal(String text, byte firstNonceByte) throws Exception {
    byte[] nonce = new byte[12];
    new Random(firstNonceByte).nextBytes(nonce);
    nonce[0] = firstNonceByte;
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, nonce));
    c.updateAAD(AAD);
    byte[] body = c.doFinal(text.getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.allocate(12 + body.length).put(nonce).put(body).array();
  }
}
