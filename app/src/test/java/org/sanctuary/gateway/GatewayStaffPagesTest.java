package org.sanctuary.gateway;

import org.sanctuary.gateway.web.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.ledger.store.LedgerUnavailableException;
import org.sanctuary.staff.PasswordHasher;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.SecretBox;
import org.sanctuary.staff.web.Staff;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.web.TestServer;

/** The gateway's staff pages and staff API over HTTP, signed in as real staff accounts. */
class GatewayStaffPagesTest {
  private static final String PASSWORD = "a long enough passphrase";
  private static final Pattern KEY = Pattern.compile("sgw_[A-Za-z0-9_-]{40,}");
  private static final String FORM = "application/x-www-form-urlencoded";

  private static GatewayFixture fx;
  private static Staff staff;
  private static TestServer server;
  private static final Map<String, String> secrets = new HashMap<>();

  @BeforeAll
  static void start() {
    fx = new GatewayFixture(TestDatabases.fresh(), Set.of(GatewayAdmin.NO_DHS));
    staff = Staff.create(fx.database, SecretBox.of(new byte[32]), new PasswordHasher(256, 1, 1), fx.clock, 1000);
    server = TestServer.start(fx.database, staff.routes(),
        new GatewayRoutes(new QueryController(fx.gateway.service())),
        new AdminRoutes(new AdminController(fx.gateway.admin(), staff.auth())),
        new GatewayPageRoutes(fx.gateway.admin(), staff.auth(), fx.clock));
    account("admin", Role.ADMINISTRATOR);
    account("audit", Role.AUDITOR);
    account("copa", Role.COPA_INVESTIGATOR);
  }

  @AfterAll
  static void stop() {
    server.close();
    fx.close();
  }

  private static void account(String name, Role... roles) {
    secrets.put(name, staff.accounts().add(name, PASSWORD, Set.of(roles)).secretBase32());
  }

  /** Signs in in a new browser; each sign-in takes a new 30-second step so no code repeats. */
  private static StaffTestClient signIn(String name) {
    fx.clock.advance(Duration.ofSeconds(30));
    StaffTestClient browser = new StaffTestClient(server);
    HttpResponse<String> r = browser.signIn(name, PASSWORD, StaffTestClient.code(secrets.get(name), fx.clock.instant()));
    assertThat(r.statusCode()).as("sign-in of %s", name).isEqualTo(303);
    browser.get("/staff"); // the session's own CSRF token, from its staff bar
    return browser;
  }

  private static HttpResponse<String> query(String key, String purpose) {
    String body = "{\"dataset\":\"demo-arrests\",\"parameters\":{\"lastName\":\"Ash\",\"firstName\":\"Ada\"},"
        + "\"purpose\":\"" + purpose + "\",\"caseNumber\":\"JD-123456\"}";
    return server.post("/api/v1/gateway/query", "application/json", body, "Authorization", "Bearer " + key);
  }

  private static String keyOn(HttpResponse<String> page) {
    Matcher m = KEY.matcher(page.body());
    assertThat(m.find()).as("a key on the page").isTrue();
    return m.group();
  }

  /** Admits the agency through the page, records an agreement and returns the partner's id. */
  private static long admitWithAgreement(StaffTestClient admin, String agency) {
    HttpResponse<String> r = admin.postForm("/staff/gateway/partners", "agency", agency);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    String location = r.headers().firstValue("Location").orElseThrow();
    long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    HttpResponse<String> a = admin.postForm("/staff/gateway/partners/" + id + "/agreements",
        "datasets", "demo-arrests", "purposes", "CRIMINAL", "purposes", "CIVIL_IMMIGRATION",
        "startsOn", "2026-01-01", "endsOn", "2026-12-31", "signedBy", "A. Signer", "noOnwardDisclosure", "on");
    assertThat(a.statusCode()).as(a.body()).isEqualTo(303);
    return id;
  }

  private static String issueKey(StaffTestClient admin, long partnerId) {
    HttpResponse<String> r = admin.postForm("/staff/gateway/partners/" + partnerId + "/keys", "expiresOn", "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return keyOn(r);
  }

  private static long partnerCount() throws Exception {
    try (var c = fx.database.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM gateway_partner");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String ledgerEntry(long index) throws Exception {
    try (var c = fx.database.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT data FROM ledger_entry WHERE idx = ?")) {
      ps.setLong(1, index);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new String(rs.getBytes(1), StandardCharsets.UTF_8) : null;
      }
    }
  }

  @Test
  void pages_signedOut_redirectToSignInAndApiIs401() {
    for (String path : List.of("/staff/gateway", "/staff/gateway/partners", "/staff/gateway/access",
        "/staff/gateway/datasets", "/staff/gateway/alerts")) {
      HttpResponse<String> r = server.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).as(path).hasValue("/staff/login");
    }
    assertThat(server.get("/api/v1/admin/gateway/partners").statusCode()).isEqualTo(401);
    assertThat(server.post("/staff/gateway/partners", FORM, "agency=DEA").statusCode()).isEqualTo(303);
  }

  @Test
  void pages_eachForItsRoles_andForbiddenToOthers() {
    StaffTestClient admin = signIn("admin");
    long id = admitWithAgreement(admin, "USMS");
    for (String path : List.of("/staff/gateway", "/staff/gateway/partners", "/staff/gateway/partners/" + id,
        "/staff/gateway/datasets", "/staff/gateway/access", "/staff/gateway/alerts")) {
      assertThat(admin.get(path).statusCode()).as("administrator: %s", path).isEqualTo(200);
    }
    StaffTestClient auditor = signIn("audit");
    for (String path : List.of("/staff/gateway", "/staff/gateway/datasets", "/staff/gateway/access", "/staff/gateway/alerts")) {
      assertThat(auditor.get(path).statusCode()).as("auditor: %s", path).isEqualTo(200);
    }
    assertThat(auditor.get("/staff/gateway/partners").statusCode()).isEqualTo(403);
    assertThat(auditor.get("/staff/gateway/partners/" + id).statusCode()).isEqualTo(403);
    assertThat(auditor.postForm("/staff/gateway/partners", "agency", "DEA").statusCode()).isEqualTo(403);
    StaffTestClient investigator = signIn("copa");
    for (String path : List.of("/staff/gateway", "/staff/gateway/partners", "/staff/gateway/datasets",
        "/staff/gateway/access", "/staff/gateway/alerts")) {
      assertThat(investigator.get(path).statusCode()).as("investigator: %s", path).isEqualTo(403);
    }
  }

  @Test
  void datasetsPage_showsParametersFieldsAndNeverLeaveFields() {
    HttpResponse<String> r = signIn("audit").get("/staff/gateway/datasets");
    assertThat(r.body()).contains("demo-arrests", "lastName", "home_address", "victim_flag", "person_key");
  }

  @Test
  void admit_withForgedCsrf_isRefusedAndAdmitsNobody() throws Exception {
    StaffTestClient admin = signIn("admin");
    admin.get("/staff/gateway/partners");
    long before = partnerCount();
    HttpResponse<String> forged = admin.postRaw("/staff/gateway/partners", FORM,
        StaffTestClient.encode("agency", "ATF", "csrf", "forged-token"));
    HttpResponse<String> missing = admin.postRaw("/staff/gateway/partners", FORM, StaffTestClient.encode("agency", "ATF"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(partnerCount()).isEqualTo(before);
  }

  @Test
  void admit_dhsComponent_isRefusedWithTheReasonOnThePage() throws Exception {
    StaffTestClient admin = signIn("admin");
    long before = partnerCount();
    HttpResponse<String> r = admin.postForm("/staff/gateway/partners", "agency", "border patrol");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("cannot be admitted as a partner while the local policy chicago-no-dhs-database-access is on")
        .contains("No component of the Department of Homeland Security")
        .contains("value=\"border patrol\"");
    assertThat(partnerCount()).isEqualTo(before);
  }

  @Test
  void admit_unknownAgency_showsTheErrorNextToTheFieldAndKeepsTheInput() {
    HttpResponse<String> r = signIn("admin").postForm("/staff/gateway/partners", "agency", "Bureau of Nothing", "burst", "x");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("id=\"burst-error\"").contains("value=\"Bureau of Nothing\"");
  }

  @Test
  void agreement_withoutTheClause_isRefusedNamingTheFieldAndKeepsTheInput() {
    StaffTestClient admin = signIn("admin");
    long id = admitWithAgreement(admin, "ATF");
    HttpResponse<String> bad = admin.postForm("/staff/gateway/partners/" + id + "/agreements", "datasets", "demo-arrests",
        "purposes", "CRIMINAL", "startsOn", "2026-01-01", "endsOn", "2026-12-31", "signedBy", "K. Keeper");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("id=\"noOnwardDisclosure-error\"").contains("value=\"K. Keeper\"")
        .contains("Tick the box to confirm that the agreement carries the clause").doesNotContain("(want true)");
    assertThat(fx.gateway.admin().agreements(id)).hasSize(1);
    HttpResponse<String> shown = admin.get("/staff/gateway/partners/" + id);
    // date pickers are labelled without a numeric order that could contradict what the picker shows
    assertThat(shown.body()).contains("type=\"date\" id=\"startsOn\"").doesNotContain("YYYY-MM-DD");
    assertThat(shown.body()).contains("A. Signer").contains(Agreement.CLAUSE)
        .contains("Civil immigration enforcement, Criminal investigation").doesNotContain("CIVIL_IMMIGRATION, CRIMINAL");
  }

  @Test
  void agreement_withAnImmigrationAgency_warnsOnTheForm_andNeedsTheTickedAcknowledgement() {
    StaffTestClient admin = signIn("admin");
    // INS is not a DHS component (so the city's "no DHS" policy admits it) but enforces immigration law
    HttpResponse<String> admitted = admin.postForm("/staff/gateway/partners", "agency", "Immigration and Naturalization");
    assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(303);
    String location = admitted.headers().firstValue("Location").orElseThrow();
    long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

    HttpResponse<String> page = admin.get(location);
    assertThat(page.body()).contains("id=\"immigration-warning\"")
        .contains("Immigration and Naturalization Service enforces immigration law")
        .contains("refuses its look-ups whatever the agreement says")
        .contains("name=\"acknowledgeImmigrationAgency\" value=\"on\" required");
    String[] agreement = {"datasets", "demo-arrests", "purposes", "CRIMINAL", "startsOn", "2026-01-01",
        "endsOn", "2026-12-31", "signedBy", "I. Signer", "noOnwardDisclosure", "on"};
    HttpResponse<String> unticked = admin.postForm("/staff/gateway/partners/" + id + "/agreements", agreement);
    assertThat(unticked.statusCode()).isEqualTo(400);
    assertThat(unticked.body()).contains("id=\"acknowledgeImmigrationAgency-error\"").contains("value=\"I. Signer\"");
    assertThat(fx.gateway.admin().agreements(id)).isEmpty();

    String[] ticked = java.util.Arrays.copyOf(agreement, agreement.length + 2);
    ticked[agreement.length] = "acknowledgeImmigrationAgency";
    ticked[agreement.length + 1] = "on";
    assertThat(admin.postForm("/staff/gateway/partners/" + id + "/agreements", ticked).statusCode()).isEqualTo(303);
    assertThat(fx.gateway.admin().agreements(id)).hasSize(1);

    // the API holds the same rule, by the same field
    String json = "{\"datasets\":[\"demo-arrests\"],\"purposes\":[\"CRIMINAL\"],\"startsOn\":\"2026-01-01\","
        + "\"endsOn\":\"2026-12-31\",\"noOnwardDisclosure\":true,\"signedBy\":\"J. Signer\"";
    HttpResponse<String> api = admin.postRaw("/api/v1/admin/gateway/partners/" + id + "/agreements", "application/json",
        json + "}", "X-CSRF-Token", admin.csrf());
    assertThat(api.statusCode()).isEqualTo(400);
    assertThat(GatewayFixture.json(api.body()).get("field").asText()).isEqualTo("acknowledgeImmigrationAgency");
    HttpResponse<String> apiTicked = admin.postRaw("/api/v1/admin/gateway/partners/" + id + "/agreements",
        "application/json", json + ",\"acknowledgeImmigrationAgency\":true}", "X-CSRF-Token", admin.csrf());
    assertThat(apiTicked.statusCode()).as(apiTicked.body()).isEqualTo(201);

    // an agency that is neither: no warning, no box
    long other = admitWithAgreement(admin, "DSS");
    assertThat(admin.get("/staff/gateway/partners/" + other).body()).doesNotContain("immigration-warning")
        .doesNotContain("acknowledgeImmigrationAgency");
  }

  @Test
  void key_isShownOnceThenOnlyItsPrefix_andWorksForQueries() {
    StaffTestClient admin = signIn("admin");
    long id = admitWithAgreement(admin, "FBI");
    String key = issueKey(admin, id);
    HttpResponse<String> page = admin.get("/staff/gateway/partners/" + id);
    assertThat(page.body()).doesNotContain(key).contains(key.substring(0, 10) + "…");
    assertThat(KEY.matcher(page.body()).find()).as("no whole key on the page").isFalse();
    HttpResponse<String> lookup = query(key, "CRIMINAL");
    assertThat(lookup.statusCode()).isEqualTo(200);
    assertThat(lookup.body()).doesNotContain("home_address").doesNotContain("victim_flag");
    assertThat(query(key, "CIVIL_IMMIGRATION").statusCode()).isEqualTo(403);
  }

  @Test
  void revokedKey_isRefusedOnItsNextQuery_andRotationReplacesTheKey() throws Exception {
    StaffTestClient admin = signIn("admin");
    long id = admitWithAgreement(admin, "DEA");
    String first = issueKey(admin, id);
    String second = issueKey(admin, id);
    assertThat(query(first, "CRIMINAL").statusCode()).isEqualTo(200);
    List<GatewayStore.KeyInfo> keys = fx.gateway.admin().keys(id);
    long firstId = keys.get(0).id();
    long secondId = keys.get(1).id();

    HttpResponse<String> revoked = admin.postForm("/staff/gateway/keys/" + firstId + "/revoke", "confirm", "yes");
    assertThat(revoked.statusCode()).isEqualTo(303);
    assertThat(query(first, "CRIMINAL").statusCode()).isEqualTo(401);
    HttpResponse<String> again = admin.postForm("/staff/gateway/keys/" + firstId + "/revoke", "confirm", "yes");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("id=\"already-revoked\"");

    HttpResponse<String> rotated = admin.postForm("/staff/gateway/keys/" + secondId + "/rotate", "confirm", "yes");
    assertThat(rotated.statusCode()).isEqualTo(201);
    String third = keyOn(rotated);
    assertThat(third).isNotEqualTo(second);
    assertThat(query(second, "CRIMINAL").statusCode()).isEqualTo(401);
    assertThat(query(third, "CRIMINAL").statusCode()).isEqualTo(200);
  }

  @Test
  void rotateAndRevoke_askFirst_andTheServerRefusesWithoutTheTickedConfirmation() throws Exception {
    StaffTestClient admin = signIn("admin");
    long id = admitWithAgreement(admin, "IL_DOC");
    String key = issueKey(admin, id);
    long keyId = fx.gateway.admin().keys(id).get(0).id();
    HttpResponse<String> partnerPage = admin.get("/staff/gateway/partners/" + id);
    // the key table links to the question; no form there changes a key in one click
    assertThat(partnerPage.body()).contains("href=\"/staff/gateway/keys/" + keyId + "/revoke\"")
        .doesNotContain("action=\"/staff/gateway/keys/" + keyId + "/revoke\"")
        .doesNotContain("action=\"/staff/gateway/keys/" + keyId + "/rotate\"");

    for (String action : List.of("revoke", "rotate")) {
      HttpResponse<String> asked = admin.get("/staff/gateway/keys/" + keyId + "/" + action);
      assertThat(asked.statusCode()).isEqualTo(200);
      assertThat(asked.body()).contains("key #" + keyId + " stops working at once")
          .contains("name=\"confirm\" value=\"yes\" required")
          .contains("action=\"/staff/gateway/keys/" + keyId + "/" + action + "\"");
      // a form posted without the box ticked (a script, a browser ignoring "required") changes nothing
      HttpResponse<String> unticked = admin.postForm("/staff/gateway/keys/" + keyId + "/" + action);
      assertThat(unticked.statusCode()).as(action).isEqualTo(400);
      assertThat(unticked.body()).contains("id=\"confirm-error\"").contains("Nothing was changed");
      HttpResponse<String> wrongValue = admin.postForm("/staff/gateway/keys/" + keyId + "/" + action, "confirm", "on");
      assertThat(wrongValue.statusCode()).as(action).isEqualTo(400);
      assertThat(query(key, "CRIMINAL").statusCode()).as("the key after an unconfirmed %s", action).isEqualTo(200);
      assertThat(fx.gateway.admin().keys(id)).hasSize(1);
    }
    assertThat(admin.get("/staff/gateway/keys/987654/revoke").statusCode()).isEqualTo(404);
  }

  @Test
  void leakTracing_aPastedRow_namesThePartnerRecordFirstLookUpAndKey() throws Exception {
    StaffTestClient admin = signIn("admin");
    long id = admitWithAgreement(admin, "COOK_COUNTY_SAO");
    String key = issueKey(admin, id);
    long keyId = fx.gateway.admin().keys(id).get(0).id();
    HttpResponse<String> answer = query(key, "CRIMINAL");
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode row = GatewayFixture.json(answer.body()).get("rows").get(0);
    String mark = row.get("person_key").asText();
    long index = GatewayFixture.json(answer.body()).get("ledgerIndex").asLong();
    // a line of a leaked spreadsheet, upper-cased by whoever copied it
    String leaked = row.get("last_name").asText() + ";" + row.get("first_name").asText() + ";"
        + mark.toUpperCase(java.util.Locale.ROOT) + ";" + row.get("date_of_birth").asText();

    assertThat(admin.get("/staff/gateway/trace").body()).contains("What leaked");
    HttpResponse<String> traced = admin.postForm("/staff/gateway/trace", "text", leaked);
    assertThat(traced.statusCode()).isEqualTo(200);
    assertThat(traced.headers().firstValue("Cache-Control")).hasValue("no-store");
    String section = traced.body().substring(traced.body().indexOf("id=\"trace-" + mark + "\""));
    assertThat(section).contains("given to partner #" + id)
        .contains("demo-arrests, field <code>person_key</code>")
        .contains("ledger entry " + index)
        .contains("key #" + keyId + " (").contains("the partner's only live key then");

    // a partner holding two live keys: the page says it cannot tell which of the two asked
    long other = admitWithAgreement(admin, "IL_SOS_POLICE");
    String first = issueKey(admin, other);
    issueKey(admin, other);
    String otherMark = GatewayFixture.json(query(first, "CRIMINAL").body()).get("rows").get(0).get("person_key").asText();
    assertThat(otherMark).isNotEqualTo(mark);
    HttpResponse<String> both = admin.postForm("/staff/gateway/trace", "text", mark + "\n" + otherMark);
    String otherSection = both.body().substring(both.body().indexOf("id=\"trace-" + otherMark + "\""));
    assertThat(otherSection).contains("given to partner #" + other).contains("one of keys")
        .contains("the access log does not say which");
    assertThat(both.body()).contains("id=\"trace-" + mark + "\"");
  }

  @Test
  void leakTracing_withoutAReference_orWithOneNeverGiven_saysSo_andIsForAdministratorsOnly() {
    StaffTestClient admin = signIn("admin");
    HttpResponse<String> none = admin.postForm("/staff/gateway/trace", "text", "Ash;Ada;1971-09-07");
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(none.body()).contains("id=\"no-reference\"");
    HttpResponse<String> unknown = admin.postForm("/staff/gateway/trace", "text", "x r0123456789abcdef01234567 y");
    assertThat(unknown.body()).contains("id=\"not-given\"").contains("r0123456789abcdef01234567");
    HttpResponse<String> empty = admin.postForm("/staff/gateway/trace", "text", " ");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("id=\"text-error\"");
    assertThat(admin.postRaw("/staff/gateway/trace", FORM, StaffTestClient.encode("text", "r0123456789abcdef01234567"))
        .statusCode()).as("without the CSRF token").isEqualTo(403);

    StaffTestClient auditor = signIn("audit");
    assertThat(auditor.get("/staff/gateway/trace").statusCode()).isEqualTo(403);
    assertThat(auditor.postForm("/staff/gateway/trace", "text", "r0123456789abcdef01234567").statusCode()).isEqualTo(403);
  }

  @Test
  void accessLog_filtersByPartnerDatasetOutcomeAndDates_eachLinkedToItsLedgerEntry() throws Exception {
    StaffTestClient admin = signIn("admin");
    long marshals = admitWithAgreement(admin, "BOP");
    long atf = admitWithAgreement(admin, "ISP");
    String k1 = issueKey(admin, marshals);
    String k2 = issueKey(admin, atf);
    assertThat(query(k1, "CRIMINAL").statusCode()).isEqualTo(200);
    assertThat(query(k1, "CIVIL_IMMIGRATION").statusCode()).isEqualTo(403);
    assertThat(query(k2, "CRIMINAL").statusCode()).isEqualTo(200);

    StaffTestClient auditor = signIn("audit");
    HttpResponse<String> denied = auditor.get("/staff/gateway/access?partner=" + marshals + "&outcome=DENY");
    assertThat(denied.statusCode()).isEqualTo(200);
    List<String> rows = rows(denied.body());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).contains("<td>Refused</td>").contains("<td>Civil immigration enforcement</td>")
        .contains("Federal Bureau of Prisons").contains("MCC 2-173-030(b)").doesNotContain(">CIVIL_IMMIGRATION<");

    Matcher proof = Pattern.compile("href=\"/api/v1/ledger/proof/inclusion\\?index=(\\d+)&amp;size=(\\d+)\"").matcher(rows.get(0));
    assertThat(proof.find()).as(rows.get(0)).isTrue();
    long index = Long.parseLong(proof.group(1));
    assertThat(Long.parseLong(proof.group(2))).isEqualTo(index + 1);
    assertThat(ledgerEntry(index)).contains("\"type\":\"gateway.access\"").contains("\"outcome\":\"DENY\"")
        .contains("\"partner\":" + marshals + ",");

    List<String> byPartner = rows(auditor.get("/staff/gateway/access?partner=" + marshals + "&dataset=demo-arrests").body());
    assertThat(byPartner).hasSize(2).allMatch(r -> r.contains("#" + marshals + ")"));
    List<String> permits = rows(auditor.get("/staff/gateway/access?outcome=PERMIT&partner=" + atf).body());
    assertThat(permits).hasSize(1).allMatch(r -> r.contains("<td>Permitted</td>"));
    // a permitted look-up says why in words, not a law's text for requests it does not address
    assertThat(permits.get(0)).contains("laws in force on 2026-03-02 forbids the Illinois State Police (ISP) to look"
        + " up police records for criminal investigation, and the partner's data-sharing agreement #")
        .doesNotContain("does not address");
    String today = fx.clock.instant().toString().substring(0, 10);
    assertThat(rows(auditor.get("/staff/gateway/access?partner=" + atf + "&from=" + today + "&to=" + today).body())).hasSize(1);
    assertThat(rows(auditor.get("/staff/gateway/access?partner=" + atf + "&to=2026-01-01").body())).isEmpty();
    assertThat(rows(auditor.get("/staff/gateway/access?dataset=demo-district-arrests&partner=" + atf).body())).isEmpty();

    HttpResponse<String> bad = auditor.get("/staff/gateway/access?from=yesterday&outcome=DENY");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("id=\"from-error\"").contains("value=\"yesterday\"");
  }

  @Test
  void accessLog_pagesByKey_sayingHowManyOfHowMany_onThePageAndInTheApi() throws Exception {
    StaffTestClient admin = signIn("admin");
    long id = admitWithAgreement(admin, "COOK_COUNTY_SHERIFF_OFFICE");
    String key = issueKey(admin, id);
    for (int i = 0; i < 12; i++) {
      assertThat(query(key, i % 3 == 0 ? "CIVIL_IMMIGRATION" : "CRIMINAL").statusCode()).isIn(200, 403);
    }
    StaffTestClient auditor = signIn("audit");
    Pattern older = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"");
    Pattern newer = Pattern.compile("href=\"([^\"]+)\" rel=\"prev\"");
    String path = "/staff/gateway/access?partner=" + id + "&limit=5";
    List<String> seen = new ArrayList<>();
    List<String> pages = new ArrayList<>();
    while (path != null) {
      HttpResponse<String> page = auditor.get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      int from = seen.size() + 1;
      assertThat(page.body()).contains("Showing look-ups " + from + " to " + Math.min(from + 4, 12) + " of 12, newest first");
      seen.addAll(rows(page.body()).stream().map(r -> r.replaceAll("(?s).*?<td>(\\d+).*", "$1")).toList());
      pages.add(page.body());
      Matcher m = older.matcher(page.body());
      path = m.find() ? m.group(1).replace("&amp;", "&") : null;
      if (path != null) assertThat(path).contains("partner=" + id).contains("limit=5").contains("before=");
    }
    assertThat(pages).hasSize(3);
    assertThat(seen).hasSize(12).doesNotHaveDuplicates();
    List<Long> ids = seen.stream().map(Long::parseLong).toList();
    assertThat(ids).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    // and back toward the newest from the last page
    Matcher back = newer.matcher(pages.get(2));
    assertThat(back.find()).isTrue();
    assertThat(auditor.get(back.group(1).replace("&amp;", "&")).body()).contains("Showing look-ups 6 to 10 of 12");
    assertThat(newer.matcher(pages.get(0)).find()).as("no newer page than the newest").isFalse();

    // the API: the same page as a JSON array, with the total and the links in headers
    HttpResponse<String> api = auditor.get("/api/v1/admin/gateway/access?partner=" + id + "&limit=5");
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(GatewayFixture.json(api.body())).hasSize(5);
    assertThat(api.headers().firstValue("X-Total-Count")).hasValue("12");
    String link = api.headers().firstValue("Link").orElseThrow();
    Matcher next = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(link);
    assertThat(next.find()).as(link).isTrue();
    assertThat(link).doesNotContain("rel=\"prev\"");
    HttpResponse<String> second = auditor.get(next.group(1));
    assertThat(GatewayFixture.json(second.body()).get(0).get("id").asLong()).isEqualTo(ids.get(5));
    assertThat(second.headers().firstValue("Link").orElseThrow()).contains("rel=\"prev\"").contains("rel=\"next\"");
    HttpResponse<String> both = auditor.get("/api/v1/admin/gateway/access?before=5&after=1");
    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(GatewayFixture.json(both.body()).get("field").asText()).isEqualTo("after");
    assertThat(auditor.get("/staff/gateway/access?before=x").body()).contains("id=\"before-error\"");
  }

  private static List<String> rows(String page) {
    int body = page.indexOf("<tbody>");
    if (body < 0) return List.of();
    String table = page.substring(body, page.indexOf("</tbody>"));
    return List.of(table.split("<tr")).stream().filter(s -> s.contains("<td>")).toList();
  }

  @Test
  void adminApi_needsSignInRoleAndCsrfHeader() throws Exception {
    StaffTestClient admin = signIn("admin");
    admin.get("/staff/gateway/partners");
    String body = "{\"agency\":\"USPIS\"}";
    assertThat(admin.postRaw("/api/v1/admin/gateway/partners", "application/json", body).statusCode()).isEqualTo(403);
    assertThat(admin.postRaw("/api/v1/admin/gateway/partners", "application/json", body,
        "X-CSRF-Token", "forged").statusCode()).isEqualTo(403);
    HttpResponse<String> created = admin.postRaw("/api/v1/admin/gateway/partners", "application/json", body,
        "X-CSRF-Token", admin.csrf());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long id = GatewayFixture.json(created.body()).get("id").asLong();

    HttpResponse<String> agreement = admin.postRaw("/api/v1/admin/gateway/partners/" + id + "/agreements", "application/json",
        "{\"datasets\":[\"demo-arrests\"],\"purposes\":[\"CRIMINAL\"],\"startsOn\":\"2026-01-01\",\"endsOn\":\"2026-12-31\","
            + "\"noOnwardDisclosure\":true,\"signedBy\":\"P. Inspector\"}", "X-CSRF-Token", admin.csrf());
    assertThat(agreement.statusCode()).as(agreement.body()).isEqualTo(201);
    HttpResponse<String> key = admin.postRaw("/api/v1/admin/gateway/partners/" + id + "/keys", "application/json", "",
        "X-CSRF-Token", admin.csrf());
    assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
    JsonNode issued = GatewayFixture.json(key.body());
    assertThat(query(issued.get("key").asText(), "CRIMINAL").statusCode()).isEqualTo(200);
    JsonNode shown = GatewayFixture.json(admin.get("/api/v1/admin/gateway/partners/" + id).body());
    assertThat(shown.toString()).doesNotContain(issued.get("key").asText());
    assertThat(shown.get("keys").get(0).get("prefix").asText()).isNotBlank();

    HttpResponse<String> dhs = admin.postRaw("/api/v1/admin/gateway/partners", "application/json",
        "{\"agency\":\"ICE\"}", "X-CSRF-Token", admin.csrf());
    assertThat(dhs.statusCode()).isEqualTo(403);
    assertThat(GatewayFixture.json(dhs.body()).get("citation").asText()).isNotBlank();

    StaffTestClient auditor = signIn("audit");
    auditor.get("/staff/gateway");
    assertThat(auditor.get("/api/v1/admin/gateway/access?outcome=PERMIT").statusCode()).isEqualTo(200);
    assertThat(auditor.get("/api/v1/admin/gateway/access?limit=0").statusCode()).isEqualTo(400);
    assertThat(auditor.get("/api/v1/admin/gateway/alerts").statusCode()).isEqualTo(200);
    assertThat(auditor.get("/api/v1/admin/gateway/partners").statusCode()).isEqualTo(403);
    assertThat(auditor.postRaw("/api/v1/admin/gateway/partners", "application/json", body.replace("Postal", "Park"),
        "X-CSRF-Token", auditor.csrf()).statusCode()).isEqualTo(403);
  }

  @Test
  void changes_andTheirLedgerEntries_commitTogether() throws Exception {
    StaffTestClient admin = signIn("admin");
    HttpResponse<String> r = admin.postForm("/staff/gateway/partners", "agency", "HHS_OIG");
    assertThat(r.statusCode()).isEqualTo(303);
    long id = Long.parseLong(r.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
    try (var c = fx.database.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT count(*) FROM ledger_entry WHERE convert_from(data, 'UTF8')::jsonb @> ?::jsonb")) {
      ps.setString(1, "{\"type\":\"gateway.partner\",\"action\":\"admitted\",\"partner\":" + id + "}");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1);
      }
    }

    // a ledger that cannot record: nothing of the change is kept
    Ledger down = new Ledger() {
      @Override
      public <T> Recorded<T> appendAll(List<LedgerEntry> entries, Write<T> write) {
        throw new LedgerUnavailableException("ledger store unreachable", null);
      }
    };
    GatewayAdmin failing = Gateway.create(fx.engine, fx.database, down, fx.clock).admin();
    long before = partnerCount();
    assertThatThrownBy(() -> failing.admit("IRS_CI", null, null, null))
        .isInstanceOf(LedgerUnavailableException.class);
    assertThat(partnerCount()).isEqualTo(before);
    int keys = fx.gateway.admin().keys(id).size();
    assertThatThrownBy(() -> failing.issueKey(id, null)).isInstanceOf(LedgerUnavailableException.class);
    assertThat(fx.gateway.admin().keys(id)).hasSize(keys);
  }
}
