package org.sanctuary.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The proxies in front of this node whose {@code X-Forwarded-For} is believed ({@code
 * --trusted-proxy} or {@value #ENV}): addresses or CIDR blocks. Only a request whose TCP peer is
 * one of them has its client address read from the header; from anyone else the header is ignored,
 * since anyone can send it.
 */
public record TrustedProxies(List<Block> blocks) {
  public static final String ENV = "SANCTUARY_TRUSTED_PROXIES";
  public static final TrustedProxies NONE = new TrustedProxies(List.of());
  static final String OPTION = "trusted-proxy";
  private static final String WANT = "an IP address or CIDR block, e.g. 10.0.0.5, 10.0.0.0/8 or fd00::/8";

  public TrustedProxies {
    blocks = List.copyOf(blocks);
  }

  /** An address block: {@code prefix} leading bits of {@code network}. */
  public record Block(InetAddress network, int prefix) {
    boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      byte[] n = network.getAddress();
      if (a.length != n.length) return false;
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) return false;
      }
      return true;
    }

    @Override
    public String toString() {
      return IpLiteral.canonical(network) + "/" + prefix;
    }
  }

  /**
   * The options when any are given (each may list several, comma-separated), else the environment,
   * else none.
   *
   * @throws ConfigException naming the option or variable and the value that is not an address
   */
  public static TrustedProxies resolve(List<String> options, Map<String, String> env) {
    if (options != null && !options.isEmpty()) return parse(OPTION, options);
    String fromEnv = env.get(ENV);
    return fromEnv == null || fromEnv.isBlank() ? NONE : parse(ENV, List.of(fromEnv));
  }

  static TrustedProxies parse(String field, List<String> values) {
    List<Block> blocks = new ArrayList<>();
    for (String value : values) {
      for (String part : value.split(",", -1)) {
        blocks.add(block(field, part.strip()));
      }
    }
    return new TrustedProxies(blocks);
  }

  private static Block block(String field, String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    InetAddress network = IpLiteral.parse(address)
        .orElseThrow(() -> new ConfigException(field, text, text.isEmpty() ? "is empty" : "is not an IP address", WANT));
    int bits = network.getAddress().length * 8;
    if (slash < 0) return new Block(network, bits);
    String length = text.substring(slash + 1);
    if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
      throw new ConfigException(field, text, "has no prefix length of 0 to " + bits, WANT);
    }
    return new Block(network, Integer.parseInt(length));
  }

  /** True when {@code address} is one of the trusted proxies. */
  public boolean trusts(InetAddress address) {
    return blocks.stream().anyMatch(b -> b.contains(address));
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  /** For the start-up log. */
  public String describe() {
    return blocks.isEmpty() ? "none (X-Forwarded-For is ignored)"
        : blocks.stream().map(Block::toString).collect(Collectors.joining(", "));
  }
}
