package org.sanctuary.web;

import io.javalin.http.Context;

/** {@code GET /}: what the city promises, and where to go next. */
final class HomeController {
  void show(Context ctx) {
    ctx.render("home.jte");
  }
}
