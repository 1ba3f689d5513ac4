package org.sanctuary.requests.web;

import org.sanctuary.requests.*;

import io.javalin.config.RoutesConfig;
import org.sanctuary.web.Routes;

/** The public policy browser. */
public final class PolicyRoutes implements Routes {
  private final PolicyPages pages;

  public PolicyRoutes(PolicyPages pages) {
    this.pages = pages;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/policies", pages::list);
    routes.get("/policies/try", pages::tryRequest);
    routes.get("/policies/diff", pages::diff);
    routes.get("/policies/{id}", pages::show);
  }
}
