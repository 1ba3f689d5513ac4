package org.sanctuary.web;

import io.javalin.http.Context;
import java.util.Map;

/** {@code GET /}: what the city promises, and where to go next, in the reader's language. */
final class HomeController {
  void show(Context ctx) {
    ctx.render("home.jte", Map.of("t", PageLanguage.of(ctx)));
  }
}
