package org.sanctuary.web;

import io.javalin.http.Context;

/**
 * The route a request matched, as registered ({@code "GET /api/v1/incidents/{receipt}"}), for
 * logs and metrics: the template names the route without the values in its path, such as a
 * receipt code.
 */
public final class MatchedRoute {
  /** For a request that matched no route (a 404, a static file). */
  public static final String NONE = "unmatched";

  private MatchedRoute() {}

  /** The route's path template, or {@link #NONE}. */
  public static String of(Context ctx) {
    try {
      io.javalin.router.Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
      return endpoint == null ? NONE : endpoint.path;
    } catch (RuntimeException e) {
      return NONE;
    }
  }

  /** The method and route template, e.g. {@code "GET /api/v1/incidents/{receipt}"}. */
  public static String describe(Context ctx) {
    return ctx.method().name() + " " + of(ctx);
  }
}
