package org.sanctuary.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(256, 1, 1);

  @Test
  void hash_isArgon2idPhcStringWithItsParameters() {
    assertThat(hasher.hash("correct horse battery"))
        .matches("\\$argon2id\\$v=19\\$m=256,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(PasswordHasher.DEFAULT.hash("correct horse battery")).contains("m=19456,t=2,p=1");
  }

  @Test
  void verify_rightPassword_passesAndWrongOne_fails() {
    String hash = hasher.hash("correct horse battery");
    assertThat(hasher.verify("correct horse battery", hash)).isTrue();
    assertThat(hasher.verify("correct horse batterz", hash)).isFalse();
    assertThat(hasher.verify("", hash)).isFalse();
  }

  @Test
  void hash_samePasswordTwice_differsBySalt() {
    assertThat(hasher.hash("correct horse battery")).isNotEqualTo(hasher.hash("correct horse battery"));
  }

  @Test
  void verify_usesTheParametersStoredInTheHash() {
    String strong = new PasswordHasher(512, 2, 1).hash("correct horse battery");
    assertThat(hasher.verify("correct horse battery", strong)).isTrue();
  }

  @Test
  void verify_malformedHash_fails() {
    assertThat(hasher.verify("x", "not a hash")).isFalse();
    assertThat(hasher.verify("x", "$argon2i$v=19$m=256,t=1,p=1$AAAA$AAAA")).isFalse();
  }
}
