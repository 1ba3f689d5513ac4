package org.sanctuary.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IP address written out (IPv4 dotted quad or IPv6), parsed without ever asking DNS: a name
 * in a header or a setting is refused, not looked up.
 */
public final class IpLiteral {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private IpLiteral() {}

  /** The address {@code text} spells, or empty when it is not exactly an address. */
  public static Optional<InetAddress> parse(String text) {
    if (text == null) return Optional.empty();
    Matcher v4 = IPV4.matcher(text);
    try {
      if (v4.matches()) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(v4.group(i + 1));
          if (octet > 255) return Optional.empty();
          bytes[i] = (byte) octet;
        }
        return Optional.of(InetAddress.getByAddress(bytes));
      }
      if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
        // in brackets the JDK parses a literal or fails; it never resolves a name
        return Optional.of(InetAddress.getByName("[" + text + "]"));
      }
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The one way an address is written here, so one client has one name, e.g. {@code 0:0:0:0:0:0:0:1}. */
  public static String canonical(InetAddress address) {
    return address.getHostAddress();
  }
}
