package org.sanctuary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.ConfigException;

/** How the TLS setting is read: the flag, then the environment, and a bad value named. */
class TlsTest {
  @Test
  void resolve_flagOrEnvironment_behindProxy() {
    assertThat(Tls.resolve(true, Map.of()).behindProxy()).isTrue();
    assertThat(Tls.resolve(false, Map.of(Tls.ENV, "true")).behindProxy()).isTrue();
    assertThat(Tls.resolve(true, Map.of(Tls.ENV, "false")).behindProxy()).isTrue();
  }

  @Test
  void resolve_nothingOrFalse_plain() {
    assertThat(Tls.resolve(false, Map.of()).behindProxy()).isFalse();
    assertThat(Tls.resolve(false, Map.of(Tls.ENV, " FALSE ")).behindProxy()).isFalse();
  }

  @Test
  void resolve_unknownValue_refusedNamingSettingAndValue() {
    assertThatThrownBy(() -> Tls.resolve(false, Map.of(Tls.ENV, "sometimes")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(Tls.ENV)
        .hasMessageContaining("sometimes")
        .hasMessageContaining("true or false");
  }
}
