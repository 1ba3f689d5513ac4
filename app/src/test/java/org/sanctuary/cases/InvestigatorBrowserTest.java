package org.sanctuary.cases;

import org.sanctuary.cases.web.*;
import org.sanctuary.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.browser.Browser;
import org.sanctuary.incidents.model.Category;
import org.sanctuary.incidents.model.EmployeeType;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.incidents.IncidentService;
import org.sanctuary.incidents.Intake;
import org.sanctuary.incidents.routing.Router;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.staff.PasswordHasher;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.SecretBox;
import org.sanctuary.staff.web.Staff;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.web.TestServer;

/**
 * An OIG investigator signs in with a second factor in a real browser, sees only the case routed
 * to the OIG, and takes it to a finding. The server runs on a clock the test holds, so the test
 * computes the code an authenticator app would show at that moment.
 */
class InvestigatorBrowserTest {
  private static final String PASSWORD = "an investigator's passphrase";

  private static Database database;
  private static MutableClock clock;
  private static TestServer server;
  private static PostgresLedger ledger;
  private static String secret;
  private static long oigCase;
  private static long copaCase;

  @BeforeAll
  static void start() throws Exception {
    database = TestDatabases.fresh();
    clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    IncidentKey key = IncidentKey.of(master);
    ledger = PostgresLedger.start(database, clock, Signer.generate("city.example/ledger"));
    Staff staff = Staff.create(database, SecretBox.of(master.clone()), new PasswordHasher(256, 1, 1), clock);
    secret = staff.accounts().add("oig.rivera", PASSWORD, Set.of(Role.OIG_INVESTIGATOR)).secretBase32();
    IncidentService intake = new IncidentService(database, key, Router.builtIn(), ledger, clock,
        IncidentService.DEFAULT_RETENTION);
    oigCase = file(intake, EmployeeType.CITY, "CDPH", "A clinic clerk asked for immigration papers.");
    copaCase = file(intake, EmployeeType.POLICE, "CPD", "An officer threatened to call ICE.");
    server = TestServer.start(database, staff.routes(),
        CaseRoutes.create(database, key, ledger, clock, CaseDeadlines.DEFAULT, staff.auth()));
  }

  @AfterAll
  static void stop() {
    server.close();
    ledger.close();
    database.close();
  }

  private static long file(IncidentService intake, EmployeeType type, String department,
      String description) throws Exception {
    String receipt = intake.submit(new Intake(Category.STATUS_QUESTION, type, department, null,
        LocalDate.of(2026, 2, 27), "CA08", description, null, null, "en")).receipt();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT id FROM incident WHERE receipt = ?")) {
      s.setString(1, receipt);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void oigInvestigator_signsInWithASecondFactor_seesOnlyOigCases_andReachesAFinding() {
    try (Browser b = Browser.start()) {
      b.size(1000, 1400);
      b.open(server.uri("/staff/cases"));
      assertThat(b.url()).endsWith("/staff/login");
      b.type("#username", "oig.rivera");
      b.type("#password", PASSWORD);
      b.type("#code", StaffTestClient.code(secret, clock.instant()));
      b.submit("form.staff-form button[type=submit]");
      assertThat(b.text("h1")).isEqualTo("Staff");

      b.open(server.uri("/staff/cases"));
      assertThat(b.text("h1")).isEqualTo("Cases");
      assertThat(b.source()).contains("href=\"/staff/cases/" + oigCase + "\"")
          .doesNotContain("href=\"/staff/cases/" + copaCase + "\"");
      b.click("a[href='/staff/cases/" + oigCase + "']");
      assertThat(b.text("h1")).isEqualTo("Case #" + oigCase);
      assertThat(b.source()).contains("A clinic clerk asked for immigration papers.");

      b.select("#status", "INVESTIGATING");
      b.submit("form[action$='/status'] button[type=submit]");
      assertThat(b.text("#case-status")).isEqualTo("Investigating");

      b.select("#status", "FINDING_SUSTAINED");
      b.submit("form[action$='/status'] button[type=submit]");
      assertThat(b.text("#case-status")).isEqualTo("Finding: sustained");
      b.screenshot(Path.of("target", "screenshots", "case-finding.png"));

      b.open(server.uri("/staff/cases/" + copaCase));
      assertThat(b.source()).doesNotContain("An officer threatened to call ICE.");
    }
  }
}
