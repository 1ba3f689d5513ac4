package org.sanctuary.web;

import io.javalin.config.RoutesConfig;

/**
 * How a part of Sanctuary adds its pages and API to the server.
 *
 * <p>Javalin 7 fixes every route before the server starts, so each part hands the server one {@code
 * Routes}; the server calls {@link #register} while it builds its configuration. A part keeps its
 * handlers in a small controller class and registers them by method reference:
 *
 * <pre>{@code
 * final class DecisionRoutes implements Routes {
 *   private final DecisionController decisions;
 *
 *   public void register(RoutesConfig routes) {
 *     routes.post("/api/v1/decisions", decisions::create);
 *     routes.get("/api/v1/decisions/{id}", decisions::show);
 *   }
 * }
 * }</pre>
 *
 * <p>Handlers read JSON with {@link JsonBody#read}, answer with {@code ctx.json(...)} or {@code
 * ctx.render("page.jte", Map.of(...))}, and signal problems by throwing the domain errors of
 * {@code org.sanctuary.errors}; the server turns those, and anything unexpected, into JSON errors in one place.
 * Parts register no exception handlers of their own.
 */
@FunctionalInterface
public interface Routes {
  /** Where pages send a reader who must sign in first. */
  String SIGN_IN_PATH = "/staff/login";

  void register(RoutesConfig routes);
}
