package org.sanctuary.cli;

import java.util.List;
import org.sanctuary.cases.CaseDeadlines;
import org.sanctuary.cases.CaseRoutes;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.register.RecordsTokens;
import org.sanctuary.register.Register;
import org.sanctuary.register.web.Recording;
import org.sanctuary.register.web.RegisterRoutes;
import org.sanctuary.incidents.IncidentService;
import org.sanctuary.gateway.AdminController;
import org.sanctuary.gateway.AdminRoutes;
import org.sanctuary.gateway.Gateway;
import org.sanctuary.gateway.GatewayPageRoutes;
import org.sanctuary.gateway.GatewayRoutes;
import org.sanctuary.gateway.QueryController;
import org.sanctuary.incidents.Incidents;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.web.LedgerController;
import org.sanctuary.ledger.web.LedgerRoutes;
import org.sanctuary.requests.DecisionController;
import org.sanctuary.requests.DecisionRoutes;
import org.sanctuary.requests.PolicyPages;
import org.sanctuary.requests.PolicyRoutes;
import org.sanctuary.staff.PasswordHasher;
import org.sanctuary.staff.SecretBox;
import org.sanctuary.staff.Staff;
import org.sanctuary.staff.StaffAuth;
import org.sanctuary.web.Routes;

/**
 * The composition root: every part's web routes, built from the shared context. A new part adds
 * one line here, e.g. {@code new DecisionRoutes(new DecisionController(ctx.engine(), ...))}.
 */
final class Parts {
  private Parts() {}

  static List<Routes> routes(AppContext ctx) {
    LedgerReader ledger = new LedgerReader(ctx.database());
    IncidentService incidents =
        Incidents.service(ctx.database(), ctx.clock(), ctx.ledger(), ctx.incidentsKey());
    Incidents.scheduleRetention(incidents);
    Staff staff = staff(ctx);
    // the one StaffAuth: pass it to every part with staff pages or staff APIs
    StaffAuth staffAuth = staff.auth();
    CaseRoutes cases = CaseRoutes.create(ctx.database(), IncidentKey.loadOrCreate(ctx.incidentsKey()),
        ctx.ledger(), ctx.clock(), CaseDeadlines.DEFAULT, staffAuth);
    Gateway gateway = Gateway.create(ctx.engine(), ctx.database(), ctx.ledger(), ctx.clock());
    Register register = new Register(ctx.engine(), ctx.database(), ctx.ledger(),
        IncidentKey.loadOrCreate(ctx.incidentsKey()), ctx.clock());
    RecordsTokens tokens = new RecordsTokens(ctx.database(), ctx.ledger(), ctx.clock());
    return List.of(
        new RegisterRoutes(register, tokens, staffAuth, ctx.clock()),
        new DecisionRoutes(new DecisionController(register, new Recording(tokens, staff.auth()::signedIn, staffAuth,
            Recording.defaultTrialLimit(ctx.clock())), ledger)),
        new LedgerRoutes(new LedgerController(ledger)),
        new PolicyRoutes(new PolicyPages(ctx.engine(), ctx.clock())),
        Incidents.routes(incidents, ctx.clock()),
        staff.routes(), cases,
        new GatewayRoutes(new QueryController(gateway.service())),
        new AdminRoutes(new AdminController(gateway.admin(), staffAuth)),
        new GatewayPageRoutes(gateway.admin(), staffAuth, ctx.clock()));
  }

  static Staff staff(AppContext ctx) {
    return Staff.create(ctx.database(), staffKey(ctx.config().dataDirectory()),
        PasswordHasher.DEFAULT, ctx.clock());
  }

  static SecretBox staffKey(java.nio.file.Path dataDirectory) {
    return SecretBox.openOrCreate(SecretBox.keyFile(dataDirectory, System.getenv()));
  }
}
