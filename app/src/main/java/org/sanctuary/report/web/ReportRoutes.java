package org.sanctuary.report.web;

import io.javalin.config.RoutesConfig;
import org.sanctuary.web.Routes;

/** The annual public report: pages, downloads, and the entries behind each figure. */
public final class ReportRoutes implements Routes {
  private final ReportController reports;

  public ReportRoutes(ReportController reports) {
    this.reports = reports;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/reports", reports::list);
    routes.get("/reports/{year}", reports::show);
    routes.get("/reports/{year}/entries", reports::entries);
  }
}
