package org.sanctuary.cases.web;

import org.sanctuary.cases.*;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.staff.web.StaffAuth;
import org.sanctuary.store.Database;
import org.sanctuary.web.Routes;

/** {@code /staff/cases}: the list, one case, and its status, assignment and note forms. */
public final class CaseRoutes implements Routes {
  private final CaseController cases;

  private CaseRoutes(CaseController cases) {
    this.cases = cases;
  }

  public static CaseRoutes create(Database database, IncidentKey key, Ledger ledger, Clock clock,
      CaseDeadlines deadlines, StaffAuth auth) {
    return new CaseRoutes(new CaseController(
        new CaseService(database, key, ledger, clock, deadlines), auth));
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/staff/cases", cases::list);
    routes.get("/staff/cases/{id}", cases::show);
    routes.post("/staff/cases/{id}/status", cases::status);
    routes.post("/staff/cases/{id}/assign", cases::assign);
    routes.post("/staff/cases/{id}/notes", cases::note);
  }
}
