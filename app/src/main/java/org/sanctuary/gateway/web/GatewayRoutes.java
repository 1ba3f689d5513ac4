package org.sanctuary.gateway.web;

import org.sanctuary.gateway.*;

import io.javalin.config.RoutesConfig;
import org.sanctuary.web.Routes;

/** The partners' API. */
public final class GatewayRoutes implements Routes {
  private final QueryController query;

  public GatewayRoutes(QueryController query) {
    this.query = query;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/api/v1/gateway/query", query::query);
  }
}
