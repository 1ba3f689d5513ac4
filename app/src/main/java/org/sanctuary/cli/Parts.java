package org.sanctuary.cli;

import java.util.List;
import org.sanctuary.gateway.Gateway;
import org.sanctuary.gateway.GatewayRoutes;
import org.sanctuary.gateway.QueryController;
import org.sanctuary.requests.DecisionController;
import org.sanctuary.requests.DecisionRoutes;
import org.sanctuary.requests.DecisionService;
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
    Gateway gateway = Gateway.create(ctx.engine(), ctx.database(), ctx.ledger(), ctx.clock());
    return List.of(
        new DecisionRoutes(new DecisionController(decisions)),
        new GatewayRoutes(new QueryController(gateway.service())));
  }
}
