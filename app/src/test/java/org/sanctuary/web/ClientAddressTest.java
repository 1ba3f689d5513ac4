package org.sanctuary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.TrustedProxies;

/**
 * Which address is the client: the peer, unless the peer is a trusted proxy; then the right-most
 * forwarded address that is not a trusted proxy. A header from anyone else, or one that cannot be
 * read, changes nothing.
 */
class ClientAddressTest {
  private static final TrustedProxies PROXY = TrustedProxies.resolve(List.of("10.0.0.5"), Map.of());
  private static final TrustedProxies CHAIN = TrustedProxies.resolve(List.of("10.0.0.0/8,192.168.1.1", "fd00::/8"),
      Map.of());

  private static String client(String peer, TrustedProxies proxies, String... forwardedFor) {
    return ClientAddress.resolve(peer, List.of(forwardedFor), proxies);
  }

  @Test
  void noTrustedProxy_thePeer_whateverTheHeaderSays() {
    assertThat(client("203.0.113.7", TrustedProxies.NONE)).isEqualTo("203.0.113.7");
    assertThat(client("203.0.113.7", TrustedProxies.NONE, "198.51.100.1")).isEqualTo("203.0.113.7");
    assertThat(client("10.0.0.5", TrustedProxies.NONE, "198.51.100.1")).isEqualTo("10.0.0.5");
  }

  @Test
  void spoofedHeader_fromAnUntrustedPeer_isIgnored() {
    assertThat(client("203.0.113.7", PROXY, "198.51.100.1")).isEqualTo("203.0.113.7");
    assertThat(client("203.0.113.7", PROXY, "10.0.0.5")).as("naming the proxy does not make you one")
        .isEqualTo("203.0.113.7");
  }

  @Test
  void trustedProxy_theAddressItForwarded() {
    assertThat(client("10.0.0.5", PROXY, "198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(client("10.0.0.5", PROXY)).as("no header: the proxy itself").isEqualTo("10.0.0.5");
  }

  @Test
  void trustedProxy_clientsOwnForgedEntries_toTheLeft_areNotBelieved() {
    // the client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw
    assertThat(client("10.0.0.5", PROXY, "1.2.3.4, 198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(client("10.0.0.5", PROXY, "1.2.3.4", "198.51.100.1")).as("as two header lines")
        .isEqualTo("198.51.100.1");
  }

  @Test
  void chainOfProxies_theRightMostAddressThatIsNoProxy() {
    assertThat(client("10.1.2.3", CHAIN, "1.2.3.4, 198.51.100.9, 192.168.1.1, 10.9.9.9")).isEqualTo("198.51.100.9");
    assertThat(client("10.1.2.3", CHAIN, "2001:db8::7, fd00::1")).isEqualTo("2001:db8:0:0:0:0:0:7");
    assertThat(client("10.1.2.3", CHAIN, "10.2.2.2, 10.3.3.3")).as("all proxies: the first hop")
        .isEqualTo("10.2.2.2");
  }

  @Test
  void malformedHeader_thePeer_neverAnError() {
    for (String bad : List.of("", " ", "unknown", "not an address", "198.51.100.1,", "999.1.1.1",
        "198.51.100.1:99999", "[2001:db8::1", "localhost", "2001:db8::1%eth0", "1.2.3", "\u0000")) {
      assertThat(client("10.0.0.5", PROXY, bad)).as("X-Forwarded-For: \"%s\"", bad).isEqualTo("10.0.0.5");
    }
    assertThat(client("10.0.0.5", PROXY, "junk, 198.51.100.1")).as("junk left of the real client is never read")
        .isEqualTo("198.51.100.1");
  }

  @Test
  void portsAndBrackets_areReadAsTheAddress() {
    assertThat(client("10.0.0.5", PROXY, "198.51.100.1:51000")).isEqualTo("198.51.100.1");
    assertThat(client("10.0.0.5", PROXY, "[2001:db8::1]:443")).isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(client("10.0.0.5", PROXY, "[2001:db8::1]")).isEqualTo("2001:db8:0:0:0:0:0:1");
  }

  @Test
  void oneClient_oneName_howeverItIsWritten() {
    assertThat(client("10.0.0.5", PROXY, "2001:DB8::1")).isEqualTo(client("10.0.0.5", PROXY, "2001:db8:0::1"));
    assertThat(client("::ffff:10.0.0.5", PROXY, "198.51.100.1")).as("an IPv4 peer written as IPv6")
        .isEqualTo("198.51.100.1");
    assertThat(client("[::1]", TrustedProxies.NONE)).isEqualTo("0:0:0:0:0:0:0:1");
  }

  @Test
  void limitKey_anIpv6ClientCountsByItsSlash64_anIpv4ClientByItsAddress() {
    assertThat(ClientAddress.limitKey("2001:db8:0:7:1234:5678:9abc:def0")).isEqualTo("2001:db8:0:7:0:0:0:0/64");
    assertThat(ClientAddress.limitKey("2001:db8:0:7::1")).isEqualTo(ClientAddress.limitKey("2001:db8:0:7:ffff::2"));
    assertThat(ClientAddress.limitKey("2001:db8:0:7::1")).isNotEqualTo(ClientAddress.limitKey("2001:db8:0:8::1"));
    assertThat(ClientAddress.limitKey("203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(ClientAddress.limitKey("203.0.113.7")).isNotEqualTo(ClientAddress.limitKey("203.0.113.8"));
    assertThat(ClientAddress.limitKey("not an address")).isEqualTo("not an address");
  }
}
