package org.sanctuary.requests.web;

import org.sanctuary.requests.*;

import io.javalin.config.RoutesConfig;
import org.sanctuary.web.Routes;

/** The federal request API. */
public final class DecisionRoutes implements Routes {
  private final DecisionController decisions;

  public DecisionRoutes(DecisionController decisions) {
    this.decisions = decisions;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/api/v1/decisions", decisions::create);
  }
}
