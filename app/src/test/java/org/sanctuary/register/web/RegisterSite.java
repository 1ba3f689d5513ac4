package org.sanctuary.register.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.ledger.store.TestLedgers;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.register.RecordsTokens;
import org.sanctuary.register.Register;
import org.sanctuary.requests.web.DecisionController;
import org.sanctuary.requests.web.DecisionRoutes;
import org.sanctuary.staff.PasswordHasher;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.SecretBox;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.staff.web.Staff;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.MutableClock;
import org.sanctuary.web.TestServer;

/**
 * The register's part of the server for HTTP tests: a fresh database, a running ledger, staff
 * sign-in, the register's pages and APIs and the decisions API, on a clock the test moves, with
 * staff accounts added by name.
 */
final class RegisterSite implements AutoCloseable {
  static final String PASSWORD = "a long enough passphrase";

  final Database database = TestDatabases.fresh();
  final MutableClock clock;
  final PostgresLedger ledger;
  final Staff staff;
  final TestServer server;
  private final Map<String, String> secrets = new HashMap<>();

  RegisterSite(Instant start) {
    clock = new MutableClock(start);
    ledger = TestLedgers.start(database, clock);
    staff = Staff.create(database, SecretBox.of(new byte[32]), new PasswordHasher(256, 1, 1), clock, 1000);
    Register register = new Register(PolicySetup.engine(null, Set.of()), database, ledger,
        IncidentKey.of(new byte[32]), clock);
    RecordsTokens tokens = new RecordsTokens(database, ledger, clock);
    Recording recording = new Recording(tokens, staff.auth()::signedIn, staff.auth(), Recordings.generous(clock));
    server = TestServer.start(database, staff.routes(), new RegisterRoutes(register, tokens, staff.auth(), clock),
        new DecisionRoutes(new DecisionController(register, recording, new LedgerReader(database))));
  }

  /** Adds an account; returns its id. */
  long account(String name, Role... roles) {
    var added = staff.accounts().add(name, PASSWORD, Set.of(roles));
    secrets.put(name, added.secretBase32());
    return added.user().id();
  }

  /** A new browser signed in as {@code name} (each sign-in its own second-factor step). */
  StaffTestClient signIn(String name) {
    clock.advance(Duration.ofSeconds(30));
    StaffTestClient browser = new StaffTestClient(server);
    HttpResponse<String> r = browser.signIn(name, PASSWORD, StaffTestClient.code(secrets.get(name), clock.instant()));
    assertThat(r.statusCode()).as("sign-in of %s", name).isEqualTo(303);
    browser.get("/staff");
    return browser;
  }

  /** The single number a counting query answers. */
  long count(String sql) {
    return database.inTransaction(c -> {
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override
  public void close() {
    server.close();
    ledger.close();
    database.close();
  }
}
