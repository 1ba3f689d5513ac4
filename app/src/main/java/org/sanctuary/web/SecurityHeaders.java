package org.sanctuary.web;

import io.javalin.http.Context;

/**
 * Headers on every answer. No referrer leaves the site (a link followed from a report page must not
 * tell the next site where the reader came from), nothing is loaded from elsewhere, and no other
 * site may frame our pages.
 */
final class SecurityHeaders {
  private SecurityHeaders() {}

  static void add(Context ctx) {
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header(
        "Content-Security-Policy",
        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    // what staff see (names, cases, keys, the access log) must not stay in a browser or proxy cache
    String path = ctx.path();
    if (path.equals("/staff") || path.startsWith("/staff/") || path.startsWith("/api/v1/admin/")) {
      ctx.header("Cache-Control", "no-store");
    }
  }
}
