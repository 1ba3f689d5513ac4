package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.Config;
import org.sanctuary.config.TrustedProxies;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.register.web.Recording;
import org.sanctuary.staff.web.Staff;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.MutableClock;
import org.sanctuary.web.Routes;
import org.sanctuary.web.TestServer;
import org.sanctuary.web.Tls;

/**
 * The limits as {@code serve} wires them, on several nodes over one database: a client gets each
 * limit once in all, not once per node; behind a trusted proxy each resident has a limit of their
 * own; from anyone else a forwarded address is ignored.
 */
class SharedLimitsTest {
  private static final String TRIAL = "{\"id\":\"cpd-77\",\"received\":\"2024-07-15\",\"receivingAgency\":\"CPD\","
      + "\"requester\":\"Enforcement and Removal Operations\",\"kind\":\"DETAINER\",\"basis\":\"ADMINISTRATIVE_WARRANT\","
      + "\"purpose\":\"CIVIL_IMMIGRATION\",\"subject\":{\"felonyConviction\":true}}";
  private static final TrustedProxies LOOPBACK_PROXY = TrustedProxies.resolve(List.of("127.0.0.1"), Map.of());

  private static Database database;
  private static PostgresLedger ledger;
  private static TestServer nodeA;
  private static TestServer nodeB;
  private static TestServer untrusting;

  @BeforeAll
  static void start() throws Exception {
    database = TestDatabases.fresh();
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));
    Path data = Files.createTempDirectory(Path.of("target"), "shared-limits").toAbsolutePath();
    ledger = PostgresLedger.start(database, clock, Signer.generate("city.example/ledger"));
    AppContext ctx = new AppContext(new Config(0, data, Optional.empty(), "127.0.0.1"), database, clock,
        PolicySetup.engine(null, Set.of()), ledger, data.resolve("incidents.key"));
    // each node builds its own parts, as a separate process would; only the database is shared
    nodeA = node(ctx, LOOPBACK_PROXY);
    nodeB = node(ctx, LOOPBACK_PROXY);
    untrusting = node(ctx, TrustedProxies.NONE);
  }

  private static TestServer node(AppContext ctx, TrustedProxies proxies) {
    return TestServer.start(Tls.PLAIN, proxies, database, Parts.routes(ctx).toArray(Routes[]::new));
  }

  @AfterAll
  static void stop() {
    for (TestServer s : List.of(nodeA, nodeB, untrusting)) s.close();
    ledger.close();
    database.close();
  }

  private static HttpResponse<String> trial(TestServer node, String... headers) {
    return node.post("/api/v1/decisions", "application/json", TRIAL, headers);
  }

  private static int grantedTrials(int attempts, TestServer first, TestServer second, String forwardedFor) {
    int granted = 0;
    for (int i = 0; i < attempts; i++) {
      int status = trial(i % 2 == 0 ? first : second, "X-Forwarded-For", forwardedFor).statusCode();
      assertThat(status).isIn(200, 429);
      if (status == 200) granted++;
    }
    return granted;
  }

  @Test
  void trials_oneClientOnTwoNodes_getTheBurstOnceInAll() {
    assertThat(grantedTrials(Recording.TRIAL_BURST + 20, nodeA, nodeB, "203.0.113.1"))
        .isEqualTo(Recording.TRIAL_BURST);
    HttpResponse<String> refused = trial(nodeB, "X-Forwarded-For", "203.0.113.1");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
  }

  @Test
  void trials_residentsBehindOneTrustedProxy_eachHaveTheirOwnLimit() {
    assertThat(grantedTrials(Recording.TRIAL_BURST + 1, nodeA, nodeA, "198.51.100.1"))
        .isEqualTo(Recording.TRIAL_BURST);
    assertThat(trial(nodeA, "X-Forwarded-For", "198.51.100.2").statusCode())
        .as("another resident, same proxy").isEqualTo(200);
    assertThat(trial(nodeA, "X-Forwarded-For", "198.51.100.2, 198.51.100.1").statusCode())
        .as("the right-most address is the one the proxy saw").isEqualTo(429);
  }

  @Test
  void trials_forwardedAddressFromAnUntrustedPeer_isIgnored() {
    int granted = 0;
    for (int i = 0; i < Recording.TRIAL_BURST + 5; i++) {
      // a new made-up address each time: were it believed, no limit would ever be reached
      if (trial(untrusting, "X-Forwarded-For", "192.0.2." + i).statusCode() == 200) granted++;
    }
    assertThat(granted).isEqualTo(Recording.TRIAL_BURST);
  }

  @Test
  void signInThrottle_countsTheForwardedClient() {
    String form = "username=ana&password=x&code=123456";
    for (int i = 0; i < Staff.THROTTLE_LIMIT; i++) {
      // no sign-in form cookie: refused (403) after the throttle has counted the attempt
      assertThat(nodeA.post("/staff/login", "application/x-www-form-urlencoded", form,
          "X-Forwarded-For", "198.51.100.50").statusCode()).isEqualTo(403);
    }
    assertThat(nodeB.post("/staff/login", "application/x-www-form-urlencoded", form,
        "X-Forwarded-For", "198.51.100.50").statusCode()).as("the other node too").isEqualTo(429);
    assertThat(nodeB.post("/staff/login", "application/x-www-form-urlencoded", form,
        "X-Forwarded-For", "198.51.100.51").statusCode()).as("another resident").isEqualTo(403);
  }
}
