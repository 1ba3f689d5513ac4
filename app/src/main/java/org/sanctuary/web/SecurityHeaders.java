package org.sanctuary.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Headers on every answer. No referrer leaves the site (a link followed from a report page must not
 * tell the next site where the reader came from), nothing is loaded from elsewhere, and no other
 * site may frame our pages. Behind TLS, browsers are told to use nothing else (HSTS). The same
 * headers go on the refusals Jetty writes itself ({@link JettyErrors}).
 */
final class SecurityHeaders {
  private SecurityHeaders() {}

  /** The headers every answer carries, whoever writes it. */
  static void common(Tls tls, BiConsumer<String, String> header) {
    header.accept("Referrer-Policy", "no-referrer");
    header.accept("X-Content-Type-Options", "nosniff");
    header.accept("X-Frame-Options", "DENY");
    header.accept(
        "Content-Security-Policy",
        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    if (tls.behindProxy()) {
      header.accept("Strict-Transport-Security", Tls.HSTS);
    }
  }

  static void add(Context ctx, Tls tls) {
    tls.mark(ctx);
    common(tls, ctx::header);
    // what staff see (names, cases, keys, the access log) must not stay in a browser or proxy cache
    String path = ctx.path();
    if (path.equals("/staff") || path.startsWith("/staff/") || path.startsWith("/api/v1/admin/")) {
      ctx.header("Cache-Control", "no-store");
    }
  }

  /**
   * Names the character set of a text answer that does not (HTML, JSON, CSV, plain text): a reader
   * must not have to guess it, and a guess is how a page is read as another encoding.
   */
  static void charset(Context ctx) {
    String type = ctx.res().getContentType();
    if (type == null || type.toLowerCase(Locale.ROOT).contains("charset=")) {
      return;
    }
    if (isText(type)) {
      ctx.res().setContentType(type.strip() + "; charset=utf-8");
    }
  }

  static boolean isText(String contentType) {
    String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return media.startsWith("text/") || media.equals("application/json") || media.endsWith("+json")
        || media.endsWith("+xml") || media.equals("application/javascript");
  }

  /** The common headers as a map, for the static files, which Javalin serves past its filters. */
  static Map<String, String> commonMap(Tls tls) {
    Map<String, String> out = new LinkedHashMap<>();
    common(tls, out::put);
    return out;
  }
}
