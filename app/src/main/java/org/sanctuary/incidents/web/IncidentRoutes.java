package org.sanctuary.incidents.web;

import org.sanctuary.incidents.*;

import io.javalin.config.RoutesConfig;
import org.sanctuary.web.Routes;

/** The reporting pages and the incidents API. */
public final class IncidentRoutes implements Routes {
  private final IncidentPages pages;
  private final IncidentApi api;

  public IncidentRoutes(IncidentPages pages, IncidentApi api) {
    this.pages = pages;
    this.api = api;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/report", pages::form);
    routes.post("/report", pages::submit);
    routes.get("/report/status", pages::statusForm);
    routes.post("/report/status", pages::statusLookup);
    routes.post("/report/followup", pages::followup);
    routes.post("/api/v1/incidents", api::create);
    routes.get("/api/v1/incidents/summary/{year}", api::summary);
    routes.get("/api/v1/incidents/{receipt}", api::show);
    routes.post("/api/v1/incidents/{receipt}/followups", api::addFollowup);
  }
}
