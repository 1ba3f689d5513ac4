package org.sanctuary.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.browser.Browser;
import org.sanctuary.cases.CaseDeadlines;
import org.sanctuary.cases.web.CaseRoutes;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.staff.web.AccountRoutes;
import org.sanctuary.staff.web.Staff;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.MutableClock;
import org.sanctuary.web.TestServer;

/**
 * Issue 14, in a real browser: an administrator adds an investigator's account while the server
 * runs and reads its one-time sign-in details off the page; the investigator signs in with them
 * and pages through a case list longer than one page, then finds a case by its number.
 */
class AdministratorBrowserTest {
  private static final String PASSWORD = "an administrator's passphrase";
  private static final int CASES = 120;

  private static Database database;
  private static MutableClock clock;
  private static PostgresLedger ledger;
  private static TestServer server;
  private static String adminSecret;
  private static final List<Long> cases = new ArrayList<>();

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    ledger = PostgresLedger.start(database, clock, Signer.generate("city.example/ledger"));
    SecretBox box = SecretBox.of(master.clone());
    PasswordHasher hasher = new PasswordHasher(256, 1, 1);
    Staff staff = Staff.create(database, box, hasher, clock);
    adminSecret = staff.accounts().add("ana", PASSWORD, Set.of(Role.ADMINISTRATOR)).secretBase32();
    server = TestServer.start(database, staff.routes(),
        new AccountRoutes(new AccountAdmin(database, ledger, box, hasher, clock), staff.auth()),
        CaseRoutes.create(database, IncidentKey.of(master), ledger, clock, CaseDeadlines.DEFAULT, staff.auth()));
    for (int i = 0; i < CASES; i++) {
      cases.add(insertCase(String.format("ABCDEFGHJK%010d", i), clock.instant().minus(Duration.ofHours(CASES - i))));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
    ledger.close();
    database.close();
  }

  private static long insertCase(String receipt, Instant at) {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO incident (receipt, secret_hash, created_at, category, employee_type, department,"
              + " occurred_on, location, routed_to, routing_pack, routing_rule, status, language,"
              + " description_enc) VALUES (?, ?, ?, 'OTHER', 'CITY', 'CDPH', ?, 'CA01', 'OIG',"
              + " 'p@1', 'r', 'RECEIVED', 'en', ?) RETURNING id")) {
        s.setString(1, receipt);
        s.setBytes(2, new byte[32]);
        s.setTimestamp(3, Timestamp.from(at));
        s.setObject(4, LocalDate.of(2026, 1, 1));
        s.setBytes(5, new byte[] {1});
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  private static void signIn(Browser b, String username, String password, String secret) {
    clock.advance(Duration.ofSeconds(30)); // a fresh TOTP step for each sign-in
    b.open(server.uri("/staff/login"));
    b.type("#username", username);
    b.type("#password", password);
    b.type("#code", StaffTestClient.code(secret, clock.instant()));
    b.submit("form.staff-form button[type=submit]");
  }

  @Test
  void administratorAddsAnInvestigator_whoSignsInAndPagesThroughTheCases() {
    try (Browser b = Browser.start()) {
      b.size(1280, 1400);
      signIn(b, "ana", PASSWORD, adminSecret);
      b.click("a[href='/staff/accounts']");
      assertThat(b.text("h1")).isEqualTo("Staff accounts");

      b.type("#username", "oig.new");
      b.click("input[name=role][value=OIG_INVESTIGATOR]");
      b.submit("form[action='/staff/accounts'] button[type=submit]");
      assertThat(b.text("h1")).isEqualTo("Sign-in details for oig.new");
      String password = b.text("#setup-password");
      String secret = b.text("#setup-secret");
      assertThat(password).matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){5}");
      assertThat(b.text("#setup-uri")).startsWith("otpauth://totp/Sanctuary:oig.new?secret=" + secret);
      b.screenshot(Path.of("target", "screenshots", "staff-account-added.png"));

      b.submit(".staff-bar button[type=submit]"); // sign out
      signIn(b, "oig.new", password, secret);
      assertThat(b.text("h1")).isEqualTo("Staff");

      b.click("a[href='/staff/cases']");
      assertThat(b.text("#case-count")).isEqualTo("Showing cases 1 to 50 of " + CASES + ", oldest first.");
      assertThat(b.source()).contains("href=\"/staff/cases/" + cases.get(0) + "\"")
          .doesNotContain("id=\"previous-page\"");
      b.submit("#next-page");
      assertThat(b.text("#case-count")).isEqualTo("Showing cases 51 to 100 of " + CASES + ", oldest first.");
      assertThat(b.source()).contains("href=\"/staff/cases/" + cases.get(50) + "\"");
      b.submit("#next-page");
      assertThat(b.text("#case-count")).isEqualTo("Showing cases 101 to 120 of " + CASES + ", oldest first.");
      assertThat(b.source()).contains("href=\"/staff/cases/" + cases.get(CASES - 1) + "\"")
          .doesNotContain("id=\"next-page\"");
      b.screenshot(Path.of("target", "screenshots", "case-list-last-page.png"));
      b.submit("#previous-page");
      assertThat(b.text("#case-count")).startsWith("Showing cases 51 to 100");

      b.type("#q", "#" + cases.get(77));
      b.submit("form.case-filter button[type=submit]");
      assertThat(b.text("#case-count")).isEqualTo("Showing cases 1 to 1 of 1, oldest first.");
      assertThat(b.source()).contains("href=\"/staff/cases/" + cases.get(77) + "\"");
    }
  }
}
