package org.sanctuary.web;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import org.sanctuary.config.ConfigException;

/**
 * Whether readers reach this server over TLS. The server speaks plain HTTP and expects a
 * TLS-terminating proxy in front of it; only the operator's configuration says so ({@code
 * --behind-tls} or {@value #ENV}), never a request header, since anyone can send {@code
 * X-Forwarded-Proto}. Behind TLS every answer carries HSTS and every cookie is {@code Secure}.
 *
 * @param behindProxy every request arrived over TLS at a proxy that forwards it here
 */
public record Tls(boolean behindProxy) {
  public static final String ENV = "SANCTUARY_BEHIND_TLS";
  public static final Tls PLAIN = new Tls(false);
  public static final Tls BEHIND_PROXY = new Tls(true);

  /** A year, the least browsers' preload lists accept; sub-domains are the city's to decide. */
  static final String HSTS = "max-age=31536000";

  private static final String HTTPS = "sanctuary.https";

  /** The command-line flag if given, else the environment ({@code true} or {@code false}), else plain HTTP. */
  public static Tls resolve(boolean option, Map<String, String> env) {
    if (option) {
      return BEHIND_PROXY;
    }
    String value = env.get(ENV);
    if (value == null || value.isBlank()) {
      return PLAIN;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> BEHIND_PROXY;
      case "false", "no", "0" -> PLAIN;
      default -> throw new ConfigException(ENV, value, "is not a yes or no", "true or false");
    };
  }

  /** Notes on the request that it came over TLS (read by {@link #isHttps}); run first on every request. */
  void mark(Context ctx) {
    if (behindProxy) {
      ctx.attribute(HTTPS, Boolean.TRUE);
    }
  }

  /** Whether this request reached us over TLS: cookies set on its answer must be {@code Secure}. */
  public static boolean isHttps(Context ctx) {
    return Boolean.TRUE.equals(ctx.attribute(HTTPS)) || "https".equalsIgnoreCase(ctx.scheme());
  }
}
