package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sanctuary.config.Config;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.metrics.Metrics;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.MutableClock;
import org.sanctuary.web.Routes;
import org.sanctuary.web.TestServer;
import org.sanctuary.web.Tls;

/**
 * The whole system as {@code serve} wires it (every part's routes from {@link Parts}) on a fresh
 * database, a fresh data folder and a movable clock, with one staff account per role.
 */
final class FullApp implements AutoCloseable {
  static final String PASSWORD = "a long enough passphrase";

  final Path data;
  final Database database;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));
  final PostgresLedger ledger;
  final Metrics metrics = Metrics.create(clock);
  /** The ledger's signing key, for tests that verify the log as {@code ledger verify} does. */
  final Signer signer = Signer.generate("city.example/ledger");
  final TestServer server;
  private final Map<Role, String> secrets = new EnumMap<>(Role.class);
  private final Map<String, String> otherSecrets = new java.util.HashMap<>();
  private final org.sanctuary.staff.StaffAccounts accounts;

  FullApp() {
    this(TestDatabases.fresh());
  }

  /** The whole system configured as reached only through a TLS-terminating proxy. */
  static FullApp behindTls() {
    return new FullApp(TestDatabases.fresh(), Tls.BEHIND_PROXY);
  }

  FullApp(Database database) {
    this(database, Tls.PLAIN);
  }

  private FullApp(Database database, Tls tls) {
    try {
      data = Files.createTempDirectory(Path.of("target"), "full-app");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.database = database;
    Config config = new Config(0, data.toAbsolutePath(), Optional.empty(), "127.0.0.1");
    ledger = PostgresLedger.start(database, clock, signer);
    ledger.observe(metrics.ledger());
    metrics.watchPool(database.dataSource());
    AppContext ctx = new AppContext(config, database, clock, PolicySetup.engine(null, Set.of()), ledger,
        data.resolve("incidents.key"), database, metrics);
    java.util.List<Routes> routes = Parts.routes(ctx);
    server = TestServer.start(tls, database, routes.toArray(Routes[]::new));
    accounts = Parts.staff(ctx).accounts();
    for (Role role : Role.values()) {
      String name = role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      secrets.put(role, accounts.add(name, PASSWORD, Set.of(role)).secretBase32());
    }
  }

  static String username(Role role) {
    return role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** The second-factor code of {@code role}'s account, in a TOTP step of its own. */
  String code(Role role) {
    clock.advance(Duration.ofSeconds(30));
    return StaffTestClient.code(secrets.get(role), clock.instant());
  }

  /** A new browser signed in as the account of {@code role}, its CSRF token read. */
  StaffTestClient signIn(Role role) {
    clock.advance(Duration.ofSeconds(30)); // each sign-in its own TOTP step
    StaffTestClient browser = new StaffTestClient(server);
    HttpResponse<String> r = browser.signIn(username(role), PASSWORD,
        StaffTestClient.code(secrets.get(role), clock.instant()));
    assertThat(r.statusCode()).as("sign-in as %s", role).isEqualTo(303);
    browser.get("/staff");
    return browser;
  }

  /** A new browser signed in as a new account holding {@code roles} (e.g. a supervisor who investigates). */
  StaffTestClient signIn(String username, Set<Role> roles) {
    String secret = otherSecrets.computeIfAbsent(username,
        name -> accounts.add(name, PASSWORD, roles).secretBase32());
    clock.advance(Duration.ofSeconds(30));
    StaffTestClient browser = new StaffTestClient(server);
    HttpResponse<String> r = browser.signIn(username, PASSWORD, StaffTestClient.code(secret, clock.instant()));
    assertThat(r.statusCode()).as("sign-in as %s", username).isEqualTo(303);
    browser.get("/staff");
    return browser;
  }

  /** The single number a counting query answers. */
  long count(String sql) {
    return database.inTransaction(c -> {
      try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
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
    metrics.close();
  }
}
