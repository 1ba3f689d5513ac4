package org.sanctuary.cases;

import org.sanctuary.cases.web.*;
import org.sanctuary.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.incidents.model.Category;
import org.sanctuary.incidents.model.EmployeeType;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.incidents.IncidentService;
import org.sanctuary.incidents.Intake;
import org.sanctuary.incidents.routing.Router;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.ledger.store.LedgerUnavailableException;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.staff.PasswordHasher;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.SecretBox;
import org.sanctuary.staff.web.Staff;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.web.TestServer;

class CaseWorkTest {
  private static final String PASSWORD = "a long enough passphrase";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Database database;
  private static MutableClock clock;
  private static Staff staff;
  private static IncidentService intake;
  private static TestServer server;
  private static PostgresLedger realLedger;
  private static final Map<String, String> secrets = new HashMap<>();
  private static final Map<String, Long> ids = new HashMap<>();
  private static final AtomicBoolean ledgerDown = new AtomicBoolean();
  // runs once just before the next change is handed to the ledger: another writer getting there first
  private static final java.util.concurrent.atomic.AtomicReference<Runnable> interleave =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** The real ledger, which the test can make fail the way an unreachable store does. */
  static final class SwitchableLedger implements Ledger {
    private final Ledger real;

    SwitchableLedger(Ledger real) {
      this.real = real;
    }

    @Override
    public <T> Recorded<T> appendAll(java.util.List<LedgerEntry> entries, Write<T> write) {
      if (ledgerDown.get()) {
        throw new LedgerUnavailableException("ledger store unreachable", null);
      }
      Runnable first = interleave.getAndSet(null);
      if (first != null) {
        first.run();
      }
      return real.appendAll(entries, write);
    }
  }

  private static IncidentKey key;

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    key = IncidentKey.of(master);
    realLedger = PostgresLedger.start(database, clock, Signer.generate("city.example/ledger"));
    Ledger ledger = new SwitchableLedger(realLedger);
    staff = Staff.create(database, SecretBox.of(new byte[32]), new PasswordHasher(256, 1, 1), clock, 1000);
    intake = new IncidentService(database, key, Router.builtIn(), ledger, clock,
        IncidentService.DEFAULT_RETENTION);
    server = TestServer.start(database, staff.routes(),
        CaseRoutes.create(database, key, ledger, clock, CaseDeadlines.DEFAULT, staff.auth()));
    account("copa", Role.COPA_INVESTIGATOR);
    account("oig", Role.OIG_INVESTIGATOR);
    account("oig2", Role.OIG_INVESTIGATOR);
    account("oigsup", Role.OIG_INVESTIGATOR, Role.SUPERVISOR);
    account("audit", Role.AUDITOR);
  }

  @AfterAll
  static void stop() {
    server.close();
    realLedger.close();
    database.close();
  }

  private static void account(String name, Role... roles) {
    var enrolment = staff.accounts().add(name, PASSWORD, Set.of(roles));
    secrets.put(name, enrolment.secretBase32());
    ids.put(name, enrolment.user().id());
  }

  /** Signs in in a new browser; each sign-in takes a new 30-second step so no code repeats. */
  private static StaffTestClient signIn(String name) {
    clock.advance(Duration.ofSeconds(30));
    StaffTestClient browser = new StaffTestClient(server);
    HttpResponse<String> response = browser.signIn(name, PASSWORD,
        StaffTestClient.code(secrets.get(name), clock.instant()));
    assertThat(response.statusCode()).as("sign-in of %s", name).isEqualTo(303);
    return browser;
  }

  private static long report(EmployeeType type, String department, String employee, String description,
      String contact) throws Exception {
    String receipt = intake.submit(new Intake(Category.STATUS_QUESTION, type, department, employee,
        LocalDate.of(2026, 2, 20), "CA01", description, null, contact, "en")).receipt();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT id FROM incident WHERE receipt = ?")) {
      s.setString(1, receipt);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long oigCase(String description) throws Exception {
    return report(EmployeeType.CITY, "CDPH", null, description, "call 312-555-0100");
  }

  private static long copaCase(String description) throws Exception {
    return report(EmployeeType.POLICE, "CPD", null, description, "copa-contact@example.org");
  }

  private static String status(long id) throws Exception {
    return one("SELECT status FROM incident WHERE id = " + id);
  }

  private static String one(String sql) throws Exception {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static List<JsonNode> ledgerEntries(String type) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT data FROM ledger_entry ORDER BY idx");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        JsonNode entry = JSON.readTree(new String(rs.getBytes(1), StandardCharsets.UTF_8));
        if (entry.get("type").asText().equals(type)) {
          out.add(entry);
        }
      }
    }
    return out;
  }

  private static HttpResponse<String> move(StaffTestClient browser, long id, String to) {
    browser.get("/staff/cases/" + id);
    return browser.postForm("/staff/cases/" + id + "/status", "status", to);
  }

  /** Issue 14: the case pages show words for the report's codes, and times with their zone. */
  @Test
  void casePages_showWordsForCodes_andTimesInChicagoWithTheZone() throws Exception {
    String receipt = intake.submit(new Intake(Category.STATUS_QUESTION, EmployeeType.POLICE, "CPD", null,
        LocalDate.of(2026, 2, 20), "PD010", "me preguntaron por mis papeles", null, null, "es")).receipt();
    long id = Long.parseLong(one("SELECT id FROM incident WHERE receipt = '" + receipt + "'"));
    StaffTestClient copa = signIn("copa");

    String list = copa.get("/staff/cases").body();
    assertThat(list).contains("<td>Asked about immigration status</td>", "<td>Police Department</td>",
        ">Asked about immigration status</option>").doesNotContain(">STATUS_QUESTION<", "<td>CPD</td>");
    move(copa, id, "INVESTIGATING");
    String page = copa.get("/staff/cases/" + id).body();
    assertThat(page).contains("Civilian Office of Police Accountability (COPA)", "Asked about immigration status",
        "A police officer or police employee, Police Department", "District 10 (Ogden)", "Español (Spanish)",
        "moved it from Received to Investigating")
        .doesNotContain("PD010", "STATUS_QUESTION", "<dd>es</dd>", "from RECEIVED");
    // 15:00 UTC on 2 March is 09:00 in Chicago, standard time
    assertThat(page).containsPattern("<dt>Received</dt><dd>2026-03-02 09:\\d\\d CST</dd>");
  }

  @Test
  void list_showsOnlyTheCasesRoutedToTheInvestigatorsOwnBody() throws Exception {
    long oig = oigCase("asked about papers at the clinic");
    long copa = copaCase("officer asked about status at a stop");

    String oigList = signIn("oig").get("/staff/cases").body();
    assertThat(oigList).contains("href=\"/staff/cases/" + oig + "\"")
        .doesNotContain("href=\"/staff/cases/" + copa + "\"");
    String copaList = signIn("copa").get("/staff/cases").body();
    assertThat(copaList).contains("href=\"/staff/cases/" + copa + "\"")
        .doesNotContain("href=\"/staff/cases/" + oig + "\"");
  }

  @Test
  void open_ownCase_showsTheDecryptedReportAndContact() throws Exception {
    long id = oigCase("the clerk asked for a green card before helping");
    HttpResponse<String> page = signIn("oig").get("/staff/cases/" + id);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("the clerk asked for a green card before helping")
        .contains("call 312-555-0100");
  }

  @Test
  void open_arabicReport_marksTheReportersWordsWithTheirLanguageAndDirection() throws Exception {
    String receipt = intake.submit(new Intake(Category.STATUS_QUESTION, EmployeeType.CITY, "CDPH", null,
        LocalDate.of(2026, 2, 20), "CA01", "سألني الموظف عن أوراقي", null, null, "ar")).receipt();
    long id = Long.parseLong(one("SELECT id FROM incident WHERE receipt = '" + receipt + "'"));
    String body = signIn("oig").get("/staff/cases/" + id).body();
    assertThat(body).contains("<p class=\"report-text\" lang=\"ar\" dir=\"rtl\">سألني الموظف عن أوراقي</p>");
    String english = signIn("oig").get("/staff/cases/" + oigCase("asked for papers")).body();
    assertThat(english).contains("lang=\"en\" dir=\"auto\">asked for papers</p>");
  }

  @Test
  void open_anotherBodysCaseId_isNotFoundAndRevealsNothing() throws Exception {
    long copa = copaCase("secret words about an officer");
    StaffTestClient oig = signIn("oig");
    oig.get("/staff/cases"); // a page of our own carries the session's CSRF token
    HttpResponse<String> page = oig.get("/staff/cases/" + copa, "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).doesNotContain("secret words").doesNotContain("copa-contact");
    assertThat(move(oig, copa, "INVESTIGATING").statusCode()).isEqualTo(404);
    assertThat(oig.postForm("/staff/cases/" + copa + "/notes", "text", "x").statusCode()).isEqualTo(404);
    assertThat(status(copa)).isEqualTo("RECEIVED");
    assertThat(oig.get("/staff/cases/not-a-number").statusCode()).isEqualTo(404);
  }

  @Test
  void auditor_seesCountsButNoTextContactOrCase() throws Exception {
    long id = oigCase("words only investigators read");
    StaffTestClient audit = signIn("audit");
    HttpResponse<String> counts = audit.get("/staff/cases");
    assertThat(counts.statusCode()).isEqualTo(200);
    assertThat(counts.body()).contains("Case counts").contains("<td>Office of Inspector General (OIG)</td>")
        .doesNotContain("words only investigators read").doesNotContain("312-555-0100");
    HttpResponse<String> one = audit.get("/staff/cases/" + id, "Accept", "text/html");
    assertThat(one.statusCode()).isEqualTo(403);
    assertThat(one.body()).doesNotContain("words only investigators read");
  }

  @Test
  void transitions_fromReceivedToAFindingToClosed_areEachInTheLedgerWithoutText() throws Exception {
    long id = oigCase("moved along its whole life");
    StaffTestClient oig = signIn("oig");
    int before = ledgerEntries("case.transition").size();

    assertThat(move(oig, id, "INVESTIGATING").statusCode()).isEqualTo(303);
    assertThat(move(oig, id, "FINDING_SUSTAINED").statusCode()).isEqualTo(303);
    assertThat(status(id)).isEqualTo("FINDING_SUSTAINED");
    assertThat(oig.get("/staff/cases/" + id).body()).contains("A supervisor closes the case")
        .doesNotContain("This case is closed.");
    assertThat(move(oig, id, "CLOSED").statusCode()).isEqualTo(403);
    assertThat(status(id)).isEqualTo("FINDING_SUSTAINED");
    assertThat(move(signIn("oigsup"), id, "CLOSED").statusCode()).isEqualTo(303);
    assertThat(status(id)).isEqualTo("CLOSED");
    assertThat(one("SELECT closed_at IS NOT NULL FROM incident WHERE id = " + id)).isEqualTo("t");

    List<JsonNode> entries = ledgerEntries("case.transition");
    assertThat(entries).hasSize(before + 3);
    JsonNode first = entries.get(before);
    assertThat(first.get("from").asText()).isEqualTo("RECEIVED");
    assertThat(first.get("to").asText()).isEqualTo("INVESTIGATING");
    assertThat(first.get("actor").asLong()).isEqualTo(ids.get("oig"));
    assertThat(first.get("incident").asText()).matches("[0-9a-f]{64}");
    assertThat(entries.get(before + 2).get("actor").asLong()).isEqualTo(ids.get("oigsup"));
    assertThat(entries.toString()).doesNotContain("moved along");
    assertThat(oig.get("/staff/cases/" + id).body()).contains("This case is closed.");
  }

  @Test
  void transition_notAllowedFromTheCurrentStatus_isRefusedNamingTheField() throws Exception {
    long id = oigCase("cannot jump to a finding");
    HttpResponse<String> response = move(signIn("oig"), id, "FINDING_UNFOUNDED");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("status-error")
        .contains("\"FINDING_UNFOUNDED\" cannot follow RECEIVED");
    assertThat(status(id)).isEqualTo("RECEIVED");
  }

  @Test
  void assign_bySupervisor_setsAssignedAndOthersAreRefused() throws Exception {
    long id = oigCase("to be assigned");
    StaffTestClient oig = signIn("oig");
    oig.get("/staff/cases/" + id);
    assertThat(oig.postForm("/staff/cases/" + id + "/assign", "assignee",
        String.valueOf(ids.get("oig2"))).statusCode()).isEqualTo(403);

    StaffTestClient sup = signIn("oigsup");
    sup.get("/staff/cases/" + id);
    HttpResponse<String> wrongBody = sup.postForm("/staff/cases/" + id + "/assign", "assignee",
        String.valueOf(ids.get("copa")));
    assertThat(wrongBody.statusCode()).isEqualTo(400);
    assertThat(wrongBody.body()).contains("assignee-error");
    assertThat(sup.postForm("/staff/cases/" + id + "/assign", "assignee",
        String.valueOf(ids.get("oig2"))).statusCode()).isEqualTo(303);
    assertThat(status(id)).isEqualTo("ASSIGNED");
    JsonNode entry = ledgerEntries("case.assigned").get(ledgerEntries("case.assigned").size() - 1);
    assertThat(entry.get("assignee").asLong()).isEqualTo(ids.get("oig2"));
    assertThat(entry.get("to").asText()).isEqualTo("ASSIGNED");

    String mine = signIn("oig2").get("/staff/cases?mine=1").body();
    assertThat(mine).contains("href=\"/staff/cases/" + id + "\"");
    assertThat(signIn("oig").get("/staff/cases?mine=1").body())
        .doesNotContain("href=\"/staff/cases/" + id + "\"");
  }

  @Test
  void note_isEncryptedAtRestLedgeredWithoutTextAndRenderedEscaped() throws Exception {
    long id = oigCase("a case with a hostile note");
    StaffTestClient oig = signIn("oig");
    oig.get("/staff/cases/" + id);
    String hostile = "<script>alert('x')</script> called the witness";
    assertThat(oig.postForm("/staff/cases/" + id + "/notes", "text", hostile).statusCode())
        .isEqualTo(303);

    String page = oig.get("/staff/cases/" + id).body();
    assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert(");
    assertThat(one("SELECT encode(body_enc, 'escape') FROM case_note WHERE incident_id = " + id))
        .doesNotContain("called the witness");
    JsonNode entry = ledgerEntries("case.note_added").get(ledgerEntries("case.note_added").size() - 1);
    assertThat(entry.get("actor").asLong()).isEqualTo(ids.get("oig"));
    assertThat(entry.toString()).doesNotContain("witness");
  }

  @Test
  void note_empty_isRefusedNextToTheField() throws Exception {
    long id = oigCase("empty note");
    StaffTestClient oig = signIn("oig");
    oig.get("/staff/cases/" + id);
    HttpResponse<String> response = oig.postForm("/staff/cases/" + id + "/notes", "text", "   ");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("text-error");
  }

  @Test
  void changes_withForgedOrMissingCsrfToken_areRefusedAndChangeNothing() throws Exception {
    long id = oigCase("csrf target");
    StaffTestClient oig = signIn("oig");
    oig.get("/staff/cases/" + id);
    String form = "application/x-www-form-urlencoded";
    assertThat(oig.postRaw("/staff/cases/" + id + "/status", form, "status=INVESTIGATING")
        .statusCode()).isEqualTo(403);
    assertThat(oig.postRaw("/staff/cases/" + id + "/status", form,
        "status=INVESTIGATING&csrf=" + "A".repeat(43)).statusCode()).isEqualTo(403);
    assertThat(oig.postRaw("/staff/cases/" + id + "/notes", form, "text=forged").statusCode())
        .isEqualTo(403);
    assertThat(status(id)).isEqualTo("RECEIVED");
    assertThat(one("SELECT count(*) FROM case_note WHERE incident_id = " + id)).isEqualTo("0");
  }

  @Test
  void ledgerDown_changeIsRolledBackAndTheInvestigatorSeesAnError() throws Exception {
    long id = oigCase("the ledger is down");
    StaffTestClient oig = signIn("oig");
    oig.get("/staff/cases/" + id);
    ledgerDown.set(true);
    try {
      HttpResponse<String> moved = oig.postForm("/staff/cases/" + id + "/status", "status", "INVESTIGATING");
      assertThat(moved.statusCode()).isEqualTo(503);
      HttpResponse<String> noted = oig.postForm("/staff/cases/" + id + "/notes", "text", "lost?");
      assertThat(noted.statusCode()).isEqualTo(503);
    } finally {
      ledgerDown.set(false);
    }
    assertThat(status(id)).isEqualTo("RECEIVED");
    assertThat(one("SELECT count(*) FROM case_note WHERE incident_id = " + id)).isEqualTo("0");
    assertThat(one("SELECT count(*) FROM case_event WHERE incident_id = " + id)).isEqualTo("0");
    assertThat(one("SELECT count(*) FROM case_file WHERE incident_id = " + id)).isEqualTo("0");
  }

  @Test
  void transition_caseChangedBetweenCheckAndWrite_isRefusedAndWritesNothing() throws Exception {
    long id = oigCase("two investigators at once");
    StaffTestClient oig = signIn("oig");
    oig.get("/staff/cases/" + id);
    interleave.set(() -> database.inTransaction(c -> {
      try (var s = c.createStatement()) {
        return s.executeUpdate("UPDATE incident SET status = 'REFERRED' WHERE id = " + id);
      }
    }));
    HttpResponse<String> response =
        oig.postForm("/staff/cases/" + id + "/status", "status", "INVESTIGATING");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("the case changed meanwhile");
    assertThat(status(id)).isEqualTo("REFERRED");
    assertThat(one("SELECT count(*) FROM case_event WHERE incident_id = " + id)).isEqualTo("0");
    assertThat(ledgerEntries("case.transition").toString()).doesNotContain(
        key.ledgerName(one("SELECT receipt FROM incident WHERE id = " + id)));
  }

  @Test
  void reportsNamingTheSamePerson_areLinkedWithinTheSameBodyOnly() throws Exception {
    long first = report(EmployeeType.CITY, "CDPH", "Jane  Doe", "first about jane", null);
    long second = report(EmployeeType.CITY, "DFSS", "jane doe", "second about jane", null);
    long police = report(EmployeeType.POLICE, "CPD", "Jane Doe", "police report naming jane", null);
    long other = report(EmployeeType.CITY, "CDPH", "John Roe", "about someone else", null);

    String page = signIn("oig").get("/staff/cases/" + first).body();
    assertThat(page).contains("1 other report names the same person")
        .contains("href=\"/staff/cases/" + second + "\"")
        .doesNotContain("href=\"/staff/cases/" + police + "\"")
        .doesNotContain("href=\"/staff/cases/" + other + "\"");
    assertThat(signIn("oig").get("/staff/cases/" + other).body()).doesNotContain("names the same person");
  }

  @Test
  void overdue_flagsCasesPastTheFirstActionDeadlineUntilSomeoneActs() throws Exception {
    long id = oigCase("waiting too long");
    clock.advance(CaseDeadlines.DEFAULT.firstAction().plusHours(1));
    StaffTestClient oig = signIn("oig");
    assertThat(oig.get("/staff/cases?overdue=1").body()).contains("href=\"/staff/cases/" + id + "\"");
    assertThat(oig.get("/staff/cases/" + id).body()).contains("overdue");

    oig.postForm("/staff/cases/" + id + "/notes", "text", "called the reporter back");
    assertThat(oig.get("/staff/cases?overdue=1").body()).doesNotContain("href=\"/staff/cases/" + id + "\"");
  }

  @Test
  void filter_unknownStatus_isRefusedNamingTheField() {
    HttpResponse<String> response = signIn("oig").get("/staff/cases?status=LOST");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("status-error").contains("status: \"LOST\" is not known");
  }

  @Test
  void filter_byStatus_listsOnlyThatStatus() throws Exception {
    long moved = oigCase("moved to investigating");
    long waiting = oigCase("still received");
    StaffTestClient oig = signIn("oig");
    move(oig, moved, "INVESTIGATING");
    String list = oig.get("/staff/cases?status=INVESTIGATING").body();
    assertThat(list).contains("href=\"/staff/cases/" + moved + "\"")
        .doesNotContain("href=\"/staff/cases/" + waiting + "\"");
  }

  @Test
  void anonymous_isSentToSignIn() {
    HttpResponse<String> response = new StaffTestClient(server).get("/staff/cases");
    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location")).hasValue("/staff/login");
  }
}
