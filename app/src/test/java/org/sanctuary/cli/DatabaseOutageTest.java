package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.DatabaseServer;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.store.Database;
import org.sanctuary.store.RestartablePostgres;

/**
 * Issue 13, defect 2: while the database is down every read answers 503 with a clear message,
 * quickly (the pool's short connection timeout, not 5 s), and the system answers again by itself
 * once the database is back. The test runs its own PostgreSQL so it can stop and restart it.
 */
class DatabaseOutageTest {
  private static final long QUICK_MILLIS = 3_000;
  private static RestartablePostgres postgres;
  private static FullApp app;
  private static StaffTestClient investigator;

  @BeforeAll
  static void start() throws Exception {
    postgres = RestartablePostgres.withDatabase("outage");
    app = new FullApp(Database.connect(DatabaseServer.of(postgres.url("outage"))));
    investigator = app.signIn(Role.COPA_INVESTIGATOR);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    postgres.close();
  }

  private static final String TRIAL = "{\"id\":\"cpd-77\",\"received\":\"2024-07-15\",\"receivingAgency\":\"CPD\","
      + "\"requester\":\"Enforcement and Removal Operations\",\"kind\":\"DETAINER\",\"basis\":\"ADMINISTRATIVE_WARRANT\","
      + "\"purpose\":\"CIVIL_IMMIGRATION\",\"subject\":{\"felonyConviction\":true}}";
  private static final List<String> READS = List.of("/api/v1/ledger/checkpoint", "/api/v1/ledger/entries?start=0",
      "/ledger", "/reports", "/api/v1/incidents/ABCDEFGHJK0123456789");

  @Test
  void reads_databaseDownThenBack_503QuicklyThenAnswerAgain() throws Exception {
    for (String path : READS) {
      assertThat(app.server.get(path).statusCode()).as("before, " + path).isLessThan(500);
    }
    postgres.stop();
    try {
      for (String path : READS) {
        assertUnavailableQuickly(() -> app.server.get(path, "X-Receipt-Secret", "ABCDEFGHJK0123456789ABCDEF"), path);
      }
      assertUnavailableQuickly(() -> investigator.get("/staff/cases"), "/staff/cases");
      assertUnavailableQuickly(() -> new StaffTestClient(app.server).signIn("administrator", FullApp.PASSWORD,
          "000000"), "sign-in");
      assertUnavailableQuickly(() -> app.server.get("/ledger", "Accept", "text/html"), "/ledger page");
      // a trial records nothing, but its rate limit lives in the database: refused, not let through
      assertUnavailableQuickly(() -> app.server.post("/api/v1/decisions", "application/json", TRIAL), "trial decision");
    } finally {
      postgres.start();
    }
    // the pool drops its broken connections as it meets them: give it a few seconds, no more
    long deadline = System.nanoTime() + 15_000_000_000L;
    for (String path : READS) {
      int status = app.server.get(path).statusCode();
      while (status == 503 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        status = app.server.get(path).statusCode();
      }
      assertThat(status).as("after, " + path).isLessThan(500);
    }
    assertThat(investigator.get("/staff/cases").statusCode()).isEqualTo(200);
  }

  private static void assertUnavailableQuickly(java.util.function.Supplier<HttpResponse<String>> call, String what) {
    long started = System.nanoTime();
    HttpResponse<String> r = call.get();
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(503);
    assertThat(r.body()).as(what).contains("database is unavailable");
    assertThat(r.headers().firstValue("Retry-After")).as(what).isPresent();
    assertThat(millis).as(what + " took").isLessThan(QUICK_MILLIS);
  }
}
