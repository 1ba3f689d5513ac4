package org.sanctuary.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.sanctuary.config.IpLiteral;
import org.sanctuary.config.TrustedProxies;

/**
 * The one client address of a request, used by every rate limit and the sign-in throttle. It is
 * the TCP peer, unless the peer is a trusted proxy: then it is the right-most address in {@code
 * X-Forwarded-For} that is not itself a trusted proxy (each proxy appends the address it was
 * reached from, so entries to the left of that one are the client's own say and can be forged).
 * A header that cannot be read, or one from a peer that is not trusted, counts for nothing: the
 * peer is the client.
 */
public final class ClientAddress {
  static final String FORWARDED_FOR = "X-Forwarded-For";
  private static final String ATTRIBUTE = "sanctuary.client-address";

  private ClientAddress() {}

  /** Notes the request's client address (read by {@link #of}); runs first on every request. */
  static void note(Context ctx, TrustedProxies proxies) {
    List<String> headers = proxies.isEmpty() ? List.of() : Collections.list(ctx.req().getHeaders(FORWARDED_FOR));
    ctx.attribute(ATTRIBUTE, resolve(ctx.req().getRemoteAddr(), headers, proxies));
  }

  /** The request's client address, e.g. {@code 203.0.113.7}. */
  public static String of(Context ctx) {
    String noted = ctx.attribute(ATTRIBUTE);
    return noted != null ? noted : resolve(ctx.req().getRemoteAddr(), List.of(), TrustedProxies.NONE);
  }

  /**
   * What a rate limit or the sign-in throttle counts the request under: the client address, but
   * for an IPv6 client its /64 network, e.g. {@code 2001:db8:0:7:0:0:0:0/64}. A home line or a
   * phone is usually given a whole /64, so counting single IPv6 addresses would let one client take
   * a fresh address for every request.
   */
  public static String forLimits(Context ctx) {
    return limitKey(of(ctx));
  }

  static String limitKey(String address) {
    Optional<InetAddress> parsed = IpLiteral.parse(address);
    if (parsed.isEmpty() || !(parsed.get() instanceof java.net.Inet6Address v6)) return address;
    byte[] network = v6.getAddress();
    java.util.Arrays.fill(network, 8, 16, (byte) 0);
    try {
      return IpLiteral.canonical(InetAddress.getByAddress(network)) + "/64";
    } catch (java.net.UnknownHostException e) {
      return address; // cannot happen for 16 bytes
    }
  }

  /** The client address of a request from {@code peer} carrying these {@code X-Forwarded-For} lines. */
  static String resolve(String peer, List<String> forwardedFor, TrustedProxies proxies) {
    Optional<InetAddress> peerAddress = IpLiteral.parse(unbracket(peer));
    if (peerAddress.isEmpty()) return peer;
    String peerName = IpLiteral.canonical(peerAddress.get());
    if (!proxies.trusts(peerAddress.get())) return peerName;
    List<String> entries = new ArrayList<>();
    for (String line : forwardedFor) {
      for (String entry : line.split(",", -1)) entries.add(entry.strip());
    }
    InetAddress client = null;
    for (int i = entries.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = IpLiteral.parse(withoutPort(entries.get(i)));
      if (hop.isEmpty()) return peerName; // a header we cannot read tells us nothing
      client = hop.get();
      if (!proxies.trusts(client)) break;
    }
    // every hop a trusted proxy: the left-most one is where the request started
    return client == null ? peerName : IpLiteral.canonical(client);
  }

  // "[2001:db8::1]:443" and "203.0.113.7:51000" name an address and a port; the port goes
  private static String withoutPort(String entry) {
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      if (close < 0) return entry;
      String rest = entry.substring(close + 1);
      return rest.isEmpty() || isPort(rest) ? entry.substring(1, close) : entry;
    }
    int colon = entry.indexOf(':');
    if (colon > 0 && colon == entry.lastIndexOf(':') && isPort(entry.substring(colon))) {
      return entry.substring(0, colon);
    }
    return entry;
  }

  private static boolean isPort(String colonAndDigits) {
    return colonAndDigits.matches(":\\d{1,5}") && Integer.parseInt(colonAndDigits.substring(1)) <= 65_535;
  }

  private static String unbracket(String address) {
    return address != null && address.startsWith("[") && address.endsWith("]")
        ? address.substring(1, address.length() - 1) : address;
  }
}
