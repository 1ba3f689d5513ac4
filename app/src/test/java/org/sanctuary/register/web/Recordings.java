package org.sanctuary.register.web;

import java.time.Clock;
import java.util.Optional;
import org.sanctuary.limits.ClientLimit;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.register.RecordsTokens;
import org.sanctuary.register.Register;
import org.sanctuary.requests.web.DecisionController;
import org.sanctuary.requests.web.DecisionRoutes;
import org.sanctuary.store.Database;

/** The decisions API for tests, recording with records-system tokens (no staff sessions). */
public final class Recordings {
  private Recordings() {}

  /** Routes and a live token: send {@code "Authorization", "Bearer " + token} to record. */
  public record Api(DecisionRoutes routes, RecordsTokens tokens, String token) {
    public String[] bearer() {
      return new String[] {"Authorization", "Bearer " + token};
    }
  }

  public static Api start(Engine engine, Database database, Ledger ledger, Clock clock, ClientLimit trials) {
    RecordsTokens tokens = new RecordsTokens(database, ledger, clock);
    String token = tokens.issue("records-" + System.nanoTime()).token();
    return routes(engine, database, ledger, clock, trials, tokens, token);
  }

  /** With the tokens of another set of routes (e.g. a server whose ledger is down). */
  public static Api routes(Engine engine, Database database, Ledger ledger, Clock clock, ClientLimit trials,
      RecordsTokens tokens, String token) {
    Register register = new Register(engine, database, ledger, null, clock);
    Recording recording = new Recording(tokens, ctx -> Optional.empty(), null, trials);
    return new Api(new DecisionRoutes(new DecisionController(register, recording, new LedgerReader(database))), tokens,
        token);
  }

  public static ClientLimit generous(Clock clock) {
    return new ClientLimit(clock, 1_000_000, java.time.Duration.ofNanos(1));
  }
}
