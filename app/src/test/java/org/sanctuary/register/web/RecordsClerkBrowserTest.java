package org.sanctuary.register.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.browser.Browser;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.ledger.store.TestLedgers;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.register.RecordsTokens;
import org.sanctuary.register.Register;
import org.sanctuary.staff.PasswordHasher;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.SecretBox;
import org.sanctuary.staff.web.Staff;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.MutableClock;
import org.sanctuary.web.TestServer;

/**
 * A records clerk, as a new user would, signs in from the staff page, records a detainer that just
 * came in (seeing the law's answer before saving), and finds it in CPD's quarterly report.
 */
class RecordsClerkBrowserTest {
  private static final String PASSWORD = "a records clerk's passphrase";

  private static Database database;
  private static MutableClock clock;
  private static PostgresLedger ledger;
  private static TestServer server;
  private static String secret;

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    clock = new MutableClock(Instant.parse("2024-08-01T15:00:00Z"));
    ledger = TestLedgers.start(database, clock);
    Staff staff = Staff.create(database, SecretBox.of(new byte[32]), new PasswordHasher(256, 1, 1), clock);
    secret = staff.accounts().add("clerk.diaz", PASSWORD, Set.of(Role.RECORDS_CLERK)).secretBase32();
    Register register = new Register(PolicySetup.engine(null, Set.of()), database, ledger, IncidentKey.of(new byte[32]),
        clock);
    server = TestServer.start(database, staff.routes(),
        new RegisterRoutes(register, new RecordsTokens(database, ledger, clock), staff.auth(), clock));
  }

  @AfterAll
  static void stop() {
    server.close();
    ledger.close();
    database.close();
  }

  @Test
  void recordsClerk_recordsADetainerOnThePage_andSeesItInTheQuarterlyReport() {
    try (Browser b = Browser.start()) {
      b.size(1000, 1600);
      b.open(server.uri("/staff"));
      assertThat(b.url()).endsWith("/staff/login");
      b.type("#username", "clerk.diaz");
      b.type("#password", PASSWORD);
      b.type("#code", StaffTestClient.code(secret, clock.instant()));
      b.submit("form.staff-form button[type=submit]");
      b.submit("a[href='/staff/register']");
      assertThat(b.text("h1")).isEqualTo("Register of federal requests, 2024");
      b.submit("nav.register-nav a[href='/staff/register/new']");

      // the form starts at the present moment; the detainer came in now, by I-247A
      assertThat(b.attribute("#received_at", "value")).isEqualTo("2024-08-01T10:00");
      b.type("#requester", "ICE");
      b.select("#kind", "DETAINER");
      b.select("#document", "I-247A");
      b.select("#purpose", "CIVIL_IMMIGRATION");
      b.submit("form[action='/staff/register/preview'] button[type=submit]");
      assertThat(b.text("#answer")).isEqualTo("DENY");
      assertThat(b.text("#decision")).contains("5 ILCS 805/15(a)");
      long ledgerBefore = TestDatabases.ledgerEntries(database);
      b.screenshot(Path.of("target", "screenshots", "register-preview.png"));

      b.submit("#record-form button[type=submit]");
      assertThat(b.text("h1")).isEqualTo("Request received 2024-08-01 10:00 CDT");
      assertThat(b.text("#answer")).isEqualTo("DENY");
      assertThat(TestDatabases.ledgerEntries(database)).isEqualTo(ledgerBefore + 1);

      b.submit("nav.register-nav a[href='/staff/register/reports/cpd-quarterly']");
      assertThat(b.text("h1")).contains("2024 Q3");
      assertThat(b.text("#total-received")).isEqualTo("1");
      assertThat(b.text("#items")).contains("2024-08-01T10:00");
      assertThat(b.text("#checkpoint")).contains("checkpoint " + (ledgerBefore + 1));
      b.screenshot(Path.of("target", "screenshots", "register-cpd-quarterly.png"));
    }
  }
}
