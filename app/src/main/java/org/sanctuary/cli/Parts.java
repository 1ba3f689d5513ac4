package org.sanctuary.cli;

import java.util.List;
import org.sanctuary.cases.CaseDeadlines;
import org.sanctuary.cases.web.CaseRoutes;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.register.RecordsTokens;
import org.sanctuary.register.Register;
import org.sanctuary.register.web.Recording;
import org.sanctuary.register.web.RegisterRoutes;
import org.sanctuary.incidents.IncidentService;
import org.sanctuary.gateway.web.AdminController;
import org.sanctuary.gateway.web.AdminRoutes;
import org.sanctuary.gateway.Gateway;
import org.sanctuary.gateway.web.GatewayPageRoutes;
import org.sanctuary.gateway.web.GatewayRoutes;
import org.sanctuary.gateway.web.QueryController;
import org.sanctuary.incidents.web.Incidents;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.web.LedgerController;
import org.sanctuary.ledger.web.LedgerRoutes;
import org.sanctuary.ledger.web.TileRoutes;
import org.sanctuary.ledger.store.TileReader;
import org.sanctuary.ledger.witnessing.CheckpointPublisher;
import org.sanctuary.limits.Buckets;
import org.sanctuary.limits.PostgresBuckets;
import org.sanctuary.requests.web.DecisionController;
import org.sanctuary.requests.web.DecisionRoutes;
import org.sanctuary.requests.web.PolicyPages;
import org.sanctuary.requests.web.PolicyRoutes;
import org.sanctuary.report.store.FigureEntries;
import org.sanctuary.report.store.ReportStore;
import org.sanctuary.report.web.ReportController;
import org.sanctuary.report.web.ReportRoutes;
import org.sanctuary.staff.AccountAdmin;
import org.sanctuary.staff.PasswordHasher;
import org.sanctuary.staff.SecretBox;
import org.sanctuary.staff.web.AccountRoutes;
import org.sanctuary.staff.web.Staff;
import org.sanctuary.staff.web.StaffAuth;
import org.sanctuary.metrics.MetricsAccess;
import org.sanctuary.metrics.web.MetricsRoutes;
import org.sanctuary.web.ApiDescriptionRoutes;
import org.sanctuary.web.Routes;
import org.sanctuary.web.Tls;

/**
 * The composition root: every part's web routes, built from the shared context. A new part adds
 * one line here, e.g. {@code new DecisionRoutes(new DecisionController(ctx.engine(), ...))}.
 */
final class Parts {
  private Parts() {}

  static List<Routes> routes(AppContext ctx) {
    return routes(ctx, CheckpointPublisher.unwitnessed(new LedgerReader(ctx.database())));
  }

  /** As above, publishing checkpoints (and naming cosigned ones in receipts) through {@code publisher}. */
  static List<Routes> routes(AppContext ctx, CheckpointPublisher publisher) {
    return routes(ctx, publisher, MetricsAccess.LOCAL, Tls.PLAIN);
  }

  /** As above, serving the metrics to the readers {@code metricsAccess} lets through. */
  static List<Routes> routes(AppContext ctx, CheckpointPublisher publisher, MetricsAccess metricsAccess, Tls tls) {
    LedgerReader ledger = new LedgerReader(ctx.database());
    // public ledger pages and reports may read a replica; a decision's receipt reads the primary,
    // which already holds the entry it just wrote
    LedgerReader publicLedger = new LedgerReader(ctx.readDatabase());
    Buckets limits = limits(ctx); // every rate limit, shared with the other nodes on the database
    IncidentKey incidentKey = IncidentKey.loadOrCreate(ctx.incidentsKey()); // cases and the register seal with it
    IncidentService incidents = Incidents.service(ctx.database(), ctx.clock(), ctx.ledger(), ctx.incidentsKey(),
        ctx.config().city(), ctx.metrics());
    Staff staff = Staff.create(ctx.database(), staffKey(ctx.config()), PasswordHasher.DEFAULT, ctx.clock(), limits);
    // the one StaffAuth: pass it to every part with staff pages or staff APIs
    StaffAuth staffAuth = staff.auth();
    CaseRoutes cases = CaseRoutes.create(ctx.database(), incidentKey,
        ctx.ledger(), ctx.clock(), CaseDeadlines.DEFAULT, staffAuth);
    Gateway gateway = Gateway.create(ctx.engine(), ctx.database(), ctx.ledger(), ctx.clock(), ctx.config().city(),
        limits, ctx.metrics());
    Register register = new Register(ctx.engine(), ctx.database(), ctx.ledger(), incidentKey, ctx.clock(),
        ctx.metrics());
    RecordsTokens tokens = new RecordsTokens(ctx.database(), ctx.ledger(), ctx.clock());
    return List.of(
        new RegisterRoutes(register, tokens, staffAuth, ctx.clock()),
        new DecisionRoutes(new DecisionController(register, new Recording(tokens, staff.auth()::signedIn, staffAuth,
            Recording.defaultTrialLimit(limits)), ledger, publisher)),
        new LedgerRoutes(new LedgerController(publicLedger, publisher)),
        new TileRoutes(new TileReader(ctx.readDatabase()), publisher),
        new PolicyRoutes(new PolicyPages(ctx.engine(), ctx.clock(), ctx.config().city())),
        Incidents.routes(incidents, limits),
        staff.routes(), cases,
        new AccountRoutes(new AccountAdmin(ctx.database(), ctx.ledger(), staffKey(ctx.config()),
            PasswordHasher.DEFAULT, ctx.clock()), staffAuth),
        new GatewayRoutes(new QueryController(gateway.service())),
        new AdminRoutes(new AdminController(gateway.admin(), staffAuth)),
        new GatewayPageRoutes(gateway.admin(), staffAuth, ctx.clock()),
        new ReportRoutes(new ReportController(new ReportStore(ctx.readDatabase()),
            new FigureEntries(ctx.readDatabase()), publicLedger, ctx.clock())),
        new MetricsRoutes(ctx.metrics(), metricsAccess, tls, ctx.config().trustedProxies()),
        new ApiDescriptionRoutes());
  }

  /** The rate limits' buckets in the database, their keys hashed under the incidents key file's. */
  static PostgresBuckets limits(AppContext ctx) {
    return new PostgresBuckets(ctx.database(), ctx.clock(), IncidentKey.loadOrCreate(ctx.incidentsKey()).rateLimitKey());
  }

  static Staff staff(AppContext ctx) {
    return Staff.create(ctx.database(), staffKey(ctx.config()),
        PasswordHasher.DEFAULT, ctx.clock());
  }

  static SecretBox staffKey(org.sanctuary.config.Config config) {
    return SecretBox.openOrCreate(config.staffKeyFile(System.getenv()));
  }
}
