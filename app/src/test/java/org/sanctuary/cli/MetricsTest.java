package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.TrustedProxies;
import org.sanctuary.metrics.Metrics;
import org.sanctuary.metrics.MetricsAccess;
import org.sanctuary.metrics.Scrape;
import org.sanctuary.metrics.web.MetricsRoutes;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.web.TestServer;
import org.sanctuary.web.Tls;

/**
 * {@code /metrics} on the whole system: what a decision, an intake, gateway refusals and a
 * rate-limit refusal move, and who may read it (this machine, a token's holder, no one).
 */
class MetricsTest {
  private static final String JSON = "application/json";
  private static final String TOKEN = "metrics-token-0123456789abcdef";
  private static final String DETAINER_2019 = "{\"received\":\"2019-07-15\",\"receivingAgency\":\"CPD\","
      + "\"requester\":\"ICE\",\"kind\":\"DETAINER\",\"basis\":\"ADMINISTRATIVE_WARRANT\","
      + "\"purpose\":\"CIVIL_IMMIGRATION\",\"subject\":{\"felonyConviction\":true}}";
  private static final String MARKER = "Marisol Quintanilla-Okafor 4471";
  private static final String REPORT = "{\"category\":\"HELD_FOR_ICE\",\"employeeType\":\"POLICE\","
      + "\"department\":\"CPD\",\"occurredOn\":\"2026-03-01\",\"location\":\"CA22\",\"description\":\"" + MARKER
      + "\",\"contact\":\"" + MARKER + "\"}";
  private static final String LOOKUP = "{\"dataset\":\"demo-arrests\",\"parameters\":{\"lastName\":\"Ash\","
      + "\"firstName\":\"Ada\"},\"purpose\":\"CRIMINAL\",\"caseNumber\":\"JD-123456\"}";
  private static final Pattern PARTNER_KEY = Pattern.compile("sgw_[A-Za-z0-9_-]{40,}");

  private static FullApp app;

  @BeforeAll
  static void start() {
    app = new FullApp();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static Scrape scrape() {
    HttpResponse<String> r = app.server.get("/metrics");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new Scrape(r.body());
  }

  @Test
  void scrape_afterADecisionAnIntakeAndRefusals_showsEachCounted() {
    String deaKey = partnerWithoutAgreement("DEA");
    Scrape before = scrape();

    HttpResponse<String> decided = app.server.post("/api/v1/decisions", JSON, DETAINER_2019);
    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    assertThat(decided.body()).contains("\"outcome\":\"DENY\"");

    int received = 0;
    HttpResponse<String> report;
    do { // the address's burst of reports, then one refused for the rate limit
      report = app.server.post("/api/v1/incidents", JSON, REPORT);
      if (report.statusCode() == 201) received++;
    } while (report.statusCode() == 201 && received < 50);
    assertThat(report.statusCode()).as(report.body()).isEqualTo(429);
    assertThat(received).isPositive();

    HttpResponse<String> unknownKey = app.server.post("/api/v1/gateway/query", JSON, LOOKUP,
        "Authorization", "Bearer sgw_" + "x".repeat(43));
    assertThat(unknownKey.statusCode()).isEqualTo(401);
    HttpResponse<String> noAgreement = app.server.post("/api/v1/gateway/query", JSON, LOOKUP,
        "Authorization", "Bearer " + deaKey);
    assertThat(noAgreement.statusCode()).as(noAgreement.body()).isEqualTo(403);

    Scrape after = scrape();
    assertThat(delta(before, after, "sanctuary_decisions_total", "outcome", "deny", "recorded", "false"))
        .isEqualTo(1);
    assertThat(delta(before, after, "sanctuary_incident_reports_total", "office", "COPA")).isEqualTo(received);
    assertThat(delta(before, after, "sanctuary_rate_limited_total", "route", "POST /api/v1/incidents"))
        .isEqualTo(1);
    assertThat(delta(before, after, "sanctuary_gateway_refusals_total", "reason", "credential")).isEqualTo(1);
    assertThat(delta(before, after, "sanctuary_gateway_refusals_total", "reason", "agreement")).isEqualTo(1);
    assertThat(delta(before, after, "sanctuary_gateway_lookups_total", "outcome", "deny")).isEqualTo(1);
    assertThat(delta(before, after, "sanctuary_http_requests_seconds_count", "route", "/api/v1/decisions",
        "status", "200")).isEqualTo(1);
    // the ledger: the reports and the look-up, in committed batches
    assertThat(delta(before, after, "sanctuary_ledger_batch_entries_sum")).isGreaterThanOrEqualTo(received + 1);
    assertThat(delta(before, after, "sanctuary_ledger_commit_seconds_count")).isPositive();
    // the size at this node's latest checkpoint, which follows the commit within the checkpoint
    // interval: the look-up's entry may not be covered yet at the first scrape
    Scrape signed = after;
    for (long deadline = System.nanoTime() + 10_000_000_000L;
        signed.count("sanctuary_ledger_size") < received + 1 && System.nanoTime() < deadline; ) {
      signed = scrape();
    }
    assertThat(signed.count("sanctuary_ledger_size")).isGreaterThanOrEqualTo(received + 1);
    assertThat(after.value("sanctuary_ledger_checkpoint_age_seconds")).isPresent();
    assertThat(after.value("sanctuary_ledger_checkpoint_wait_seconds_count")).isPresent();
    assertThat(after.count("sanctuary_ledger_checkpoint_age_seconds")).isBetween(0.0, 60.0);
    // the pool and the JVM
    assertThat(after.value("hikaricp_connections_max")).isPresent();
    assertThat(after.value("hikaricp_connections_active")).isPresent();
    assertThat(after.value("jvm_memory_used_bytes")).isPresent();
    // nothing a person wrote or is known by
    assertThat(after.text()).doesNotContain("Quintanilla").doesNotContain("4471").doesNotContain(deaKey)
        .doesNotContain("127.0.0.1");
  }

  @Test
  void scrape_isPrometheusText_neverCached() {
    HttpResponse<String> r = app.server.get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains(Metrics.CONTENT_TYPE);
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(r.body()).contains("# TYPE sanctuary_decisions_total counter");
  }

  @Test
  void fromAnotherAddress_withoutAToken_isRefused() {
    String address = nonLoopbackAddress();
    try (TestServer other = TestServer.startOn(address, Tls.PLAIN, TrustedProxies.NONE, app.database,
        new MetricsRoutes(app.metrics, MetricsAccess.LOCAL, Tls.PLAIN, TrustedProxies.NONE))) {
      HttpResponse<String> r = other.get("/metrics");
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).contains("only this machine").doesNotContain("sanctuary_decisions_total");
    }
  }

  @Test
  void withAToken_onlyItsHolderReads_fromAnyAddress() {
    String address = nonLoopbackAddress();
    try (TestServer other = TestServer.startOn(address, Tls.PLAIN, TrustedProxies.NONE, app.database,
        new MetricsRoutes(app.metrics, MetricsAccess.withToken(TOKEN), Tls.PLAIN, TrustedProxies.NONE))) {
      HttpResponse<String> none = other.get("/metrics");
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
      assertThat(other.get("/metrics", "Authorization", "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
      HttpResponse<String> holder = other.get("/metrics", "Authorization", "Bearer " + TOKEN);
      assertThat(holder.statusCode()).isEqualTo(200);
      assertThat(holder.body()).contains("sanctuary_decisions_total");
    }
  }

  @Test
  void throughAProxy_localAccessRefusesEvenThisMachine_andOffIsNotFound() {
    try (TestServer proxied = TestServer.start(Tls.BEHIND_PROXY, app.database,
        new MetricsRoutes(app.metrics, MetricsAccess.LOCAL, Tls.BEHIND_PROXY, TrustedProxies.NONE))) {
      HttpResponse<String> r = proxied.get("/metrics");
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).contains("metrics-token-file");
    }
    TrustedProxies localProxy = TrustedProxies.resolve(java.util.List.of("127.0.0.1"), java.util.Map.of());
    try (TestServer proxied = TestServer.start(Tls.PLAIN, localProxy, app.database,
        new MetricsRoutes(app.metrics, MetricsAccess.LOCAL, Tls.PLAIN, localProxy))) {
      assertThat(proxied.get("/metrics").statusCode()).as("from a trusted proxy on this machine").isEqualTo(403);
    }
    try (TestServer off = TestServer.start(app.database,
        new MetricsRoutes(app.metrics, MetricsAccess.OFF, Tls.PLAIN, TrustedProxies.NONE))) {
      assertThat(off.get("/metrics").statusCode()).isEqualTo(404);
    }
  }

  private static double delta(Scrape before, Scrape after, String name, String... labels) {
    return after.count(name, labels) - before.count(name, labels);
  }

  private static String partnerWithoutAgreement(String agency) {
    StaffTestClient admin = app.signIn(Role.ADMINISTRATOR);
    HttpResponse<String> partner = admin.postForm("/staff/gateway/partners", "agency", agency);
    assertThat(partner.statusCode()).as(partner.body()).isEqualTo(303);
    String location = partner.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> key = admin.postForm(location + "/keys", "expiresOn", "");
    assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
    Matcher k = PARTNER_KEY.matcher(key.body());
    assertThat(k.find()).as("a partner key on the page").isTrue();
    return k.group();
  }

  // an address of this machine that is not loopback: connecting to it, the server sees it as the peer
  private static String nonLoopbackAddress() {
    Optional<String> found;
    try {
      found = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
          .filter(MetricsTest::up)
          .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
          .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
          .map(InetAddress::getHostAddress)
          .findFirst();
    } catch (SocketException e) {
      found = Optional.empty();
    }
    assumeTrue(found.isPresent(), "this machine has a non-loopback IPv4 address");
    return found.get();
  }

  private static boolean up(NetworkInterface i) {
    try {
      return i.isUp() && !i.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }
}
