package org.sanctuary.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.cases.CaseDeadlines;
import org.sanctuary.cases.web.CaseRoutes;
import org.sanctuary.gateway.Gateway;
import org.sanctuary.gateway.web.GatewayPageRoutes;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.incidents.IncidentService;
import org.sanctuary.incidents.Intake;
import org.sanctuary.incidents.model.Category;
import org.sanctuary.incidents.model.EmployeeType;
import org.sanctuary.incidents.routing.Router;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.ledger.store.TestLedgers;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.register.RecordsTokens;
import org.sanctuary.register.Register;
import org.sanctuary.register.web.RegisterRoutes;
import org.sanctuary.staff.PasswordHasher;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.SecretBox;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.staff.web.Staff;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.web.TestServer;

/**
 * Staff pages say when what they show was made by demo-data: the case list and case page, the
 * register's list and entry, the gateway access log; a real report beside them says nothing.
 */
class SyntheticPagesTest {
  private static final String TAG = "synthetic (demo data)";
  private static final int REQUESTS = 60;
  private static final String PASSWORD = "a long enough passphrase";
  private static final Pattern CASE_LINK = Pattern.compile("href=\"/staff/cases/(\\d+)\"");
  private static final Pattern REQUEST_LINK = Pattern.compile("href=\"/staff/register/([0-9a-f-]{36})\"");
  private static Database database;
  private static PostgresLedger ledger;
  private static TestServer server;
  private static StaffTestClient browser;
  private static String realReceipt;
  private static IncidentService incidents;

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    Clock clock = Clock.systemUTC();
    ledger = TestLedgers.start(database, clock);
    Engine engine = PolicySetup.engine(null, Set.of());
    IncidentKey key = IncidentKey.of(new byte[32]);
    SecretBox staffKey = SecretBox.of(new byte[32]);
    DemoData.generate(database, engine, ledger, clock, key, staffKey, 2025, 3, new DemoData.Scale(REQUESTS, 40, 30, 4, 10),
        new PrintWriter(new StringWriter()));
    // a real report, made after the demo year, beside the synthetic ones
    incidents = new IncidentService(database, key, Router.builtIn(), ledger, clock, IncidentService.DEFAULT_RETENTION);
    realReceipt = incidents.submit(new Intake(Category.STATUS_QUESTION, EmployeeType.POLICE, "CPD", null,
        LocalDate.now(clock).minusDays(1), org.sanctuary.incidents.Locations.communityAreas().get(0).code(), "An officer asked about my papers.", null, null, "en")).receipt();
    Staff staff = Staff.create(database, staffKey, new PasswordHasher(256, 1, 1), clock, 1000);
    Gateway gateway = Gateway.create(engine, database, ledger, clock);
    server = TestServer.start(database, staff.routes(),
        CaseRoutes.create(database, key, ledger, clock, CaseDeadlines.DEFAULT, staff.auth()),
        new RegisterRoutes(new Register(engine, database, ledger, key, clock), new RecordsTokens(database, ledger, clock),
            staff.auth(), clock),
        new GatewayPageRoutes(gateway.admin(), staff.auth(), clock));
    String secret = staff.accounts().add("reader", PASSWORD,
        Set.of(Role.COPA_INVESTIGATOR, Role.SUPERVISOR, Role.RECORDS_CLERK, Role.ADMINISTRATOR)).secretBase32();
    browser = new StaffTestClient(server);
    assertThat(browser.signIn("reader", PASSWORD, StaffTestClient.code(secret, clock.instant())).statusCode())
        .isEqualTo(303);
  }

  @AfterAll
  static void stop() {
    server.close();
    ledger.close();
    database.close();
  }

  @Test
  void caseList_demoCases_eachTaggedSyntheticAndTheRealOneNot() {
    String page = browser.get("/staff/cases").body();
    Matcher m = CASE_LINK.matcher(page);
    int cases = 0;
    while (m.find()) cases++;
    assertThat(cases).isGreaterThan(1);
    long realId = realCaseId();
    // every row but the real report's carries the tag
    assertThat(page.split(Pattern.quote(TAG), -1)).hasSize(cases); // cases - 1 tags
    String realRow = page.substring(page.indexOf("href=\"/staff/cases/" + realId + "\""));
    realRow = realRow.substring(0, realRow.indexOf("</tr>"));
    assertThat(realRow).doesNotContain(TAG);
  }

  @Test
  void casePage_demoCase_saysDemonstrationDataAndARealCaseDoesNot() {
    Matcher m = CASE_LINK.matcher(browser.get("/staff/cases").body());
    long realId = realCaseId();
    long demoId = -1;
    while (m.find() && demoId < 0) {
      if (Long.parseLong(m.group(1)) != realId) demoId = Long.parseLong(m.group(1));
    }
    HttpResponse<String> demo = browser.get("/staff/cases/" + demoId);
    assertThat(demo.statusCode()).isEqualTo(200);
    assertThat(demo.body()).contains("id=\"synthetic\"", "Demonstration data.", TAG);
    HttpResponse<String> real = browser.get("/staff/cases/" + realId);
    assertThat(real.statusCode()).isEqualTo(200);
    assertThat(real.body()).doesNotContain("id=\"synthetic\"").doesNotContain(TAG);
  }

  @Test
  void registerListAndEntry_demoRequests_taggedSynthetic() {
    String list = browser.get("/staff/register?year=2025").body();
    Matcher m = REQUEST_LINK.matcher(list);
    assertThat(m.find()).isTrue();
    assertThat(list.split(Pattern.quote(TAG), -1)).hasSize(REQUESTS + 1);
    HttpResponse<String> entry = browser.get("/staff/register/" + m.group(1));
    assertThat(entry.statusCode()).isEqualTo(200);
    assertThat(entry.body()).contains("id=\"synthetic\"", TAG);
  }

  @Test
  void lawReports_demoYear_sayTheyCountDemonstrationData() {
    String json = browser.get("/staff/register/reports/trust-act?year=2025&agency=CPD&format=json").body();
    assertThat(json).contains("\"synthetic\":true");
    String csv = browser.get("/staff/register/reports/trust-act?year=2025&agency=CPD&format=csv").body();
    assertThat(csv).contains("\r\nsynthetic,true\r\n");
    assertThat(browser.get("/staff/register/reports/trust-act?year=2025&agency=CPD").body())
        .contains("id=\"synthetic\"", "not a report to file");
    // a year without demonstration data: the report as the law has it, no mark
    String other = browser.get("/staff/register/reports/trust-act?year=2024&agency=CPD&format=json").body();
    assertThat(other).contains("\"report\":\"trust-act\"").doesNotContain("synthetic");
  }

  @Test
  void accessLog_demoLookups_eachTaggedSynthetic() {
    HttpResponse<String> log = browser.get("/staff/gateway/access");
    assertThat(log.statusCode()).isEqualTo(200);
    assertThat(log.body().split(Pattern.quote(TAG), -1)).hasSize(30 + 1);
  }

  private static long realCaseId() {
    return database.inTransaction(c -> {
      try (var ps = c.prepareStatement("SELECT id FROM incident WHERE receipt = ? AND NOT synthetic")) {
        ps.setString(1, realReceipt);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }
}
