package org.sanctuary.cli;

import java.util.List;
import org.sanctuary.incidents.IncidentService;
import org.sanctuary.incidents.Incidents;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.web.LedgerController;
import org.sanctuary.ledger.web.LedgerRoutes;
import org.sanctuary.requests.DecisionController;
import org.sanctuary.requests.DecisionRoutes;
import org.sanctuary.requests.DecisionService;
import org.sanctuary.requests.PolicyPages;
import org.sanctuary.requests.PolicyRoutes;
import org.sanctuary.requests.RequestStore;
import org.sanctuary.web.Routes;

/**
 * The composition root: every part's web routes, built from the shared context. A new part adds
 * one line here, e.g. {@code new DecisionRoutes(new DecisionController(ctx.engine(), ...))}.
 */
final class Parts {
  private Parts() {}

  static List<Routes> routes(AppContext ctx) {
    DecisionService decisions =
        new DecisionService(ctx.engine(), new RequestStore(ctx.database().dataSource(), ctx.clock()), ctx.ledger());
    LedgerReader ledger = new LedgerReader(ctx.database());
    IncidentService incidents =
        Incidents.service(ctx.database(), ctx.clock(), ctx.ledger(), ctx.incidentsKey());
    Incidents.scheduleRetention(incidents);
    return List.of(
        new DecisionRoutes(new DecisionController(decisions, ledger)),
        new LedgerRoutes(new LedgerController(ledger)),
        new PolicyRoutes(new PolicyPages(ctx.engine(), ctx.clock())),
        Incidents.routes(incidents, ctx.clock()));
  }
}
