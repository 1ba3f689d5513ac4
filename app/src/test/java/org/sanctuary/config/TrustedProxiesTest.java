package org.sanctuary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How --trusted-proxy and SANCTUARY_TRUSTED_PROXIES are read, and which addresses they cover. */
class TrustedProxiesTest {
  private static InetAddress ip(String text) {
    return IpLiteral.parse(text).orElseThrow();
  }

  @Test
  void resolve_nothing_trustsNoOne() {
    TrustedProxies none = TrustedProxies.resolve(List.of(), Map.of());
    assertThat(none.isEmpty()).isTrue();
    assertThat(none.trusts(ip("127.0.0.1"))).isFalse();
    assertThat(TrustedProxies.resolve(null, Map.of(TrustedProxies.ENV, " ")).isEmpty()).isTrue();
  }

  @Test
  void resolve_addressesAndBlocks_repeatedOrCommaSeparated() {
    TrustedProxies proxies = TrustedProxies.resolve(List.of("10.0.0.5", "192.168.0.0/16, fd00::/8"), Map.of());
    assertThat(proxies.trusts(ip("10.0.0.5"))).isTrue();
    assertThat(proxies.trusts(ip("10.0.0.6"))).as("a single address is a /32").isFalse();
    assertThat(proxies.trusts(ip("192.168.200.1"))).isTrue();
    assertThat(proxies.trusts(ip("192.169.0.1"))).isFalse();
    assertThat(proxies.trusts(ip("fd12::1"))).isTrue();
    assertThat(proxies.trusts(ip("fe80::1"))).isFalse();
    assertThat(proxies.trusts(ip("::ffff:10.0.0.5"))).as("IPv4 written as IPv6").isTrue();
    assertThat(proxies.describe()).isEqualTo("10.0.0.5/32, 192.168.0.0/16, fd00:0:0:0:0:0:0:0/8");
  }

  @Test
  void resolve_environment_whenNoOption() {
    Map<String, String> env = Map.of(TrustedProxies.ENV, "10.0.0.0/8,127.0.0.1");
    assertThat(TrustedProxies.resolve(List.of(), env).trusts(ip("10.200.0.1"))).isTrue();
    assertThat(TrustedProxies.resolve(List.of("127.0.0.1"), env).trusts(ip("10.200.0.1")))
        .as("the option wins").isFalse();
  }

  @Test
  void resolve_badValue_namesTheFieldAndTheValue_neverLooksUpAName() {
    assertThatThrownBy(() -> TrustedProxies.resolve(List.of("10.0.0.5", "proxy.example"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("trusted-proxy: \"proxy.example\" is not an IP address (want an IP address or CIDR block,"
            + " e.g. 10.0.0.5, 10.0.0.0/8 or fd00::/8)");
    assertThatThrownBy(() -> TrustedProxies.resolve(List.of(), Map.of(TrustedProxies.ENV, "10.0.0.0/33")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(TrustedProxies.ENV + ": \"10.0.0.0/33\" has no prefix length of 0 to 32")
        .extracting(e -> ((ConfigException) e).field()).isEqualTo(TrustedProxies.ENV);
    for (String bad : List.of("10.0.0.1,", "10.0.0.0/", "10.0.0.0/x", "256.0.0.1", "::1/129", "localhost")) {
      assertThatThrownBy(() -> TrustedProxies.resolve(List.of(bad), Map.of()))
          .as(bad).isInstanceOf(ConfigException.class).hasMessageStartingWith("trusted-proxy: ");
    }
  }

  @Test
  void config_resolve_carriesTheProxies_andDescribesThem() {
    Config config = Config.resolve(new Config.Options(null, null, null, null, null, null, null, null,
        List.of("10.0.0.5")), Map.of());
    assertThat(config.trustedProxies().trusts(ip("10.0.0.5"))).isTrue();
    assertThat(config.describe()).contains("trusted proxies ... 10.0.0.5/32");
    assertThat(Config.resolve(Config.Options.none(), Map.of()).describe())
        .anyMatch(line -> line.startsWith("trusted proxies") && line.endsWith("none (X-Forwarded-For is ignored)"));
  }
}
