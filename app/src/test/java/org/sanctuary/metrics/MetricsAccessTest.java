package org.sanctuary.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuary.config.ConfigException;
import org.sanctuary.errors.CredentialRejected;
import org.sanctuary.errors.NotFound;
import org.sanctuary.errors.NotPermitted;

/** Who may read /metrics, from the options or the environment; a bad setting is named. */
class MetricsAccessTest {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef";
  @TempDir Path dir;

  private Path tokenFile(String content, String permissions) throws Exception {
    Path file = dir.resolve("metrics.token");
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  @Test
  void byDefault_thisMachineOnly() throws Exception {
    MetricsAccess access = MetricsAccess.resolve(null, null, Map.of());
    assertThat(access).isEqualTo(MetricsAccess.LOCAL);
    access.check(InetAddress.getByName("127.0.0.1"), null, false);
    access.check(InetAddress.getByName("::1"), null, false);
    assertThatThrownBy(() -> access.check(InetAddress.getByName("192.0.2.10"), null, false))
        .isInstanceOf(NotPermitted.class).hasMessageContaining("only this machine");
    assertThatThrownBy(() -> access.check(InetAddress.getByName("192.0.2.10"), "Bearer " + TOKEN, false))
        .isInstanceOf(NotPermitted.class);
    // behind a TLS proxy every reader comes from the proxy's loopback address
    assertThatThrownBy(() -> access.check(InetAddress.getByName("127.0.0.1"), null, true))
        .isInstanceOf(NotPermitted.class).hasMessageContaining("--metrics-token-file");
  }

  @Test
  void withATokenFile_onlyItsHolder_fromAnywhere() throws Exception {
    Path file = tokenFile(TOKEN + "\n", "rw-------");
    MetricsAccess access = MetricsAccess.resolve(null, file.toString(), Map.of());
    assertThat(access.mode()).isEqualTo(MetricsAccess.Mode.TOKEN);
    access.check(InetAddress.getByName("192.0.2.10"), "Bearer " + TOKEN, true);
    access.check(InetAddress.getByName("192.0.2.10"), "bearer " + TOKEN, false);
    assertThatThrownBy(() -> access.check(InetAddress.getByName("127.0.0.1"), null, false))
        .isInstanceOf(CredentialRejected.class);
    assertThatThrownBy(() -> access.check(InetAddress.getByName("127.0.0.1"), "Bearer " + TOKEN.substring(1), false))
        .isInstanceOf(CredentialRejected.class);
    assertThat(access.toString()).doesNotContain(TOKEN);
    assertThat(MetricsAccess.resolve(null, null, Map.of(MetricsAccess.ENV_TOKEN_FILE, file.toString())))
        .isEqualTo(access);
  }

  @Test
  void off_answersNotFound_evenWithAToken() throws Exception {
    Path file = tokenFile(TOKEN, "rw-------");
    assertThat(MetricsAccess.resolve("off", file.toString(), Map.of())).isEqualTo(MetricsAccess.OFF);
    assertThat(MetricsAccess.resolve(null, null, Map.of(MetricsAccess.ENV, "OFF"))).isEqualTo(MetricsAccess.OFF);
    assertThat(MetricsAccess.resolve("local", null, Map.of(MetricsAccess.ENV, "off"))).isEqualTo(MetricsAccess.LOCAL);
    assertThatThrownBy(() -> MetricsAccess.OFF.check(InetAddress.getByName("127.0.0.1"), null, false))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void badSettings_areNamed() throws Exception {
    assertThatThrownBy(() -> MetricsAccess.resolve("public", null, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessage("metrics: \"public\" is not a metrics setting (want local or off)");
    assertThatThrownBy(() -> MetricsAccess.resolve(null, null, Map.of(MetricsAccess.ENV, "on")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("SANCTUARY_METRICS: \"on\"");
    Path open = tokenFile(TOKEN, "rw-r--r--");
    assertThatThrownBy(() -> MetricsAccess.resolve(null, open.toString(), Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("metrics-token-file: \"" + open + "\" is open to others");
    Path shortToken = tokenFile("guessable", "rw-------");
    Map<String, String> env = Map.of(MetricsAccess.ENV_TOKEN_FILE, shortToken.toString());
    assertThatThrownBy(() -> MetricsAccess.resolve(null, null, env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("SANCTUARY_METRICS_TOKEN_FILE: \"" + shortToken + "\" does not hold a usable token")
        .hasMessageNotContaining("guessable");
    assertThatThrownBy(() -> MetricsAccess.resolve(null, dir.resolve("missing").toString(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("metrics-token-file: ");
  }
}
