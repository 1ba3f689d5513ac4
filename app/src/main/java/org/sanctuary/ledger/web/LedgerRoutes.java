package org.sanctuary.ledger.web;

import io.javalin.config.RoutesConfig;
import org.sanctuary.web.Routes;

/** The public ledger's API and page. */
public final class LedgerRoutes implements Routes {
  private final LedgerController ledger;

  public LedgerRoutes(LedgerController ledger) {
    this.ledger = ledger;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/ledger/checkpoint", ledger::checkpoint);
    routes.get("/api/v1/ledger/head", ledger::checkpoint); // the name design.md gives it
    routes.get("/api/v1/ledger/key", ledger::key);
    routes.get("/api/v1/ledger/entries", ledger::entries);
    routes.get("/api/v1/ledger/proof/inclusion", ledger::inclusion);
    routes.get("/api/v1/ledger/proof/consistency", ledger::consistency);
    routes.get("/api/v1/ledger/receipt", ledger::receipt);
    routes.get("/api/v1/ledger/decoded", ledger::decoded);
    routes.get("/ledger", ledger::page);
    routes.get("/ledger/entries", ledger::entriesPage);
  }
}
