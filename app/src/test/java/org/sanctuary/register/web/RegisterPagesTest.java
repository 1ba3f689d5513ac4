package org.sanctuary.register.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.MutableClock;
import org.sanctuary.web.TestServer;

/** The register's staff pages and the clerk's use of the decisions API, over HTTP with real sign-in. */
class RegisterPagesTest {
  private static final Pattern ENTRY = Pattern.compile("/staff/register/([0-9a-f-]{36})");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RegisterSite site;
  private static Database database;
  private static MutableClock clock;
  private static PostgresLedger ledger;
  private static TestServer server;
  private static final Map<String, Long> ids = new HashMap<>();

  @BeforeAll
  static void start() {
    site = new RegisterSite(Instant.parse("2024-08-01T15:00:00Z"));
    database = site.database;
    clock = site.clock;
    ledger = site.ledger;
    server = site.server;
    account("clerk", Role.RECORDS_CLERK);
    account("audit", Role.AUDITOR);
    account("admin", Role.ADMINISTRATOR);
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @BeforeEach
  void empty() {
    database.inTransaction(c -> c.createStatement().executeUpdate("TRUNCATE obligation_task, federal_request"));
  }

  private static void account(String name, Role... roles) {
    ids.put(name, site.account(name, roles));
  }

  private static StaffTestClient signIn(String name) {
    return site.signIn(name);
  }

  private static long count(String sql) {
    return site.count(sql);
  }

  private static final String[] DETAINER = {"received_at", "2024-07-30T10:15", "receiving_agency", "CPD",
      "requester", "ICE", "kind", "DETAINER", "document", "I-247A", "court", "", "purpose", "CIVIL_IMMIGRATION",
      "reference", "booking 2024-0730-17"};

  @Test
  void clerk_previewsThenRecords_andTheEntryNamesTheClerkById() {
    StaffTestClient clerk = signIn("clerk");
    // the entries stored (the latest checkpoint, signed off the commit path, may lag them)
    long ledgerBefore = count("SELECT count(*) FROM ledger_entry");
    HttpResponse<String> preview = clerk.postForm("/staff/register/preview", DETAINER);
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body()).contains("id=\"answer\">DENY<", "5 ILCS 805/15(a)", "Record this request");
    assertThat(count("SELECT count(*) FROM federal_request")).isZero();
    assertThat(count("SELECT count(*) FROM ledger_entry")).isEqualTo(ledgerBefore);

    HttpResponse<String> saved = clerk.postForm("/staff/register", DETAINER);
    assertThat(saved.statusCode()).isEqualTo(303);
    Matcher m = ENTRY.matcher(saved.headers().firstValue("Location").orElseThrow());
    assertThat(m.find()).isTrue();
    String page = clerk.get("/staff/register/" + m.group(1)).body();
    assertThat(page).contains("staff:" + ids.get("clerk"), "booking 2024-0730-17", "I-247A");
    assertThat(count("SELECT count(*) FROM federal_request WHERE recorded_by = 'staff:" + ids.get("clerk")
        + "' AND received_at = TIMESTAMPTZ '2024-07-30 10:15 America/Chicago' AND document = 'I-247A'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM ledger_entry WHERE idx >= " + ledgerBefore
        + " AND convert_from(data, 'UTF8') LIKE '%\"by\":\"staff:" + ids.get("clerk") + "\"%'"
        + " AND convert_from(data, 'UTF8') NOT LIKE '%booking%'")).isEqualTo(1);
  }

  @Test
  void clerk_badForm_namesEveryBadFieldAndSavesNothing() {
    StaffTestClient clerk = signIn("clerk");
    HttpResponse<String> r = clerk.postForm("/staff/register/preview", "received_at", "2024-02-30T10:00",
        "receiving_agency", "CPD", "requester", "", "kind", "DETAINER", "document", "I-247A", "purpose", "CIVIL_IMMIGRATION");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("href=\"#received_at\"", "href=\"#requester\"");
    assertThat(count("SELECT count(*) FROM federal_request")).isZero();
  }

  @Test
  void auditor_readsReportsButCannotRecord() {
    StaffTestClient audit = signIn("audit");
    assertThat(audit.postForm("/staff/register", DETAINER).statusCode()).isEqualTo(403);
    assertThat(audit.get("/staff/register/reports/cpd-quarterly?year=2024&quarter=3").statusCode()).isEqualTo(200);
    assertThat(count("SELECT count(*) FROM federal_request")).isZero();
  }

  @Test
  void clerk_completesOutcomeAndDuty_eachLedgered_andTheReportsFollow() throws Exception {
    StaffTestClient clerk = signIn("clerk");
    String location = clerk.postForm("/staff/register", DETAINER).headers().firstValue("Location").orElseThrow();
    long before = TestDatabases.ledgerEntries(database);
    HttpResponse<String> bad = clerk.postForm(location + "/outcome", "bail_posted_at", "", "disposition", "TRANSFERRED",
        "disposition_at", "2024-07-31T09:00", "transferred_to", "");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("transferred_to: empty while the disposition is TRANSFERRED");
    assertThat(clerk.postForm(location + "/outcome", "bail_posted_at", "2024-07-30T18:00", "disposition", "RELEASED",
        "disposition_at", "2024-07-31T09:00", "transferred_to", "").statusCode()).isEqualTo(303);
    assertThat(count("SELECT count(*) FROM ledger_entry WHERE idx >= " + before
        + " AND convert_from(data, 'UTF8') LIKE '%\"disposition\":\"RELEASED\"%\"type\":\"register.outcome\"%'")).isEqualTo(1);

    String page = clerk.get(location).body();
    Matcher duty = Pattern.compile("action=\"(/staff/register/[^\"]+/done)\"").matcher(page);
    assertThat(duty.find()).isTrue();
    assertThat(clerk.postForm(duty.group(1)).statusCode()).isEqualTo(303);
    assertThat(count("SELECT count(*) FROM obligation_task WHERE done_at IS NOT NULL AND done_index IS NOT NULL")).isEqualTo(1);

    JsonNode trust = JSON.readTree(clerk.get("/staff/register/reports/trust-act?year=2024&agency=CPD&format=json").body());
    assertThat(trust.get("detainersAndWarrants").get("items").get(0).get("bailPostedAt").asText()).isEqualTo("2024-07-30T18:00");
    assertThat(trust.get("detainersAndWarrants").get("items").get(0).get("disposition").asText()).isEqualTo("RELEASED");
    assertThat(trust.toString()).doesNotContain("booking");
  }

  @Test
  void duty_pastItsDay_isShownOverdue() {
    StaffTestClient clerk = signIn("clerk");
    String location = clerk.postForm("/staff/register", DETAINER).headers().firstValue("Location").orElseThrow();
    // the CPD log entry is due the day the detainer came in (2024-07-30); today is 2024-08-01
    assertThat(clerk.get(location).body()).contains("class=\"overdue\"");
    assertThat(clerk.get("/staff/register?year=2024").body()).contains("overdue)");
  }

  @Test
  void clerkSession_recordsThroughTheApiWithItsCsrfToken_andAnonymousOnlyAsks() throws Exception {
    StaffTestClient clerk = signIn("clerk");
    String body = "{\"received\":\"2024-07-15\",\"receivingAgency\":\"CPD\",\"requester\":\"ICE\",\"kind\":\"DETAINER\","
        + "\"basis\":\"ADMINISTRATIVE_WARRANT\",\"purpose\":\"CIVIL_IMMIGRATION\"}";
    assertThat(clerk.postRaw("/api/v1/decisions", "application/json", body).statusCode()).isEqualTo(403);
    HttpResponse<String> r = clerk.postRaw("/api/v1/decisions", "application/json", body, "X-CSRF-Token", clerk.csrf());
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(r.body()).get("recorded").asBoolean()).isTrue();
    HttpResponse<String> anonymous = server.post("/api/v1/decisions", "application/json", body);
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(anonymous.body()).get("recorded").asBoolean()).isFalse();
    assertThat(count("SELECT count(*) FROM federal_request")).isEqualTo(1);
  }

  @Test
  void admin_issuesATokenShownOnce_andRevokesIt() {
    StaffTestClient admin = signIn("admin");
    HttpResponse<String> issued = admin.postForm("/staff/register/tokens", "name", "cpd-clear");
    assertThat(issued.statusCode()).isEqualTo(201);
    Matcher token = Pattern.compile("id=\"issued-token\">(srt_[A-Za-z0-9_-]+)<").matcher(issued.body());
    assertThat(token.find()).isTrue();
    assertThat(admin.get("/staff/register/tokens").body()).doesNotContain(token.group(1)).contains("cpd-clear");
    String body = "{\"received\":\"2024-07-15\",\"receivingAgency\":\"CPD\",\"requester\":\"ICE\",\"kind\":\"DETAINER\","
        + "\"basis\":\"ADMINISTRATIVE_WARRANT\",\"purpose\":\"CIVIL_IMMIGRATION\"}";
    assertThat(server.post("/api/v1/decisions", "application/json", body, "Authorization", "Bearer " + token.group(1))
        .statusCode()).isEqualTo(201);
    // one click cannot revoke: the server asks for the ticked confirmation
    assertThat(admin.get("/staff/register/tokens").body())
        .contains("href=\"/staff/register/tokens/cpd-clear/revoke\"").doesNotContain("action=\"/staff/register/tokens/cpd-clear/revoke\"");
    HttpResponse<String> asked = admin.get("/staff/register/tokens/cpd-clear/revoke");
    assertThat(asked.statusCode()).isEqualTo(200);
    assertThat(asked.body()).contains("Revoke the token of cpd-clear?")
        .contains("name=\"confirm\" value=\"yes\" required").contains("stops working at once");
    HttpResponse<String> unconfirmed = admin.postForm("/staff/register/tokens/cpd-clear/revoke");
    assertThat(unconfirmed.statusCode()).isEqualTo(400);
    assertThat(unconfirmed.body()).contains("id=\"confirm-error\"").contains("Nothing was changed");
    assertThat(server.post("/api/v1/decisions", "application/json", body, "Authorization", "Bearer " + token.group(1))
        .statusCode()).as("still live after an unconfirmed revoke").isEqualTo(201);
    assertThat(admin.postForm("/staff/register/tokens/cpd-clear/revoke", "confirm", "yes").statusCode()).isEqualTo(303);
    assertThat(admin.get("/staff/register/tokens/cpd-clear/revoke").body()).contains("id=\"already-revoked\"");
    assertThat(admin.get("/staff/register/tokens/no-such-system/revoke").statusCode()).isEqualTo(404);
    assertThat(server.post("/api/v1/decisions", "application/json", body, "Authorization", "Bearer " + token.group(1))
        .statusCode()).isEqualTo(401);
    assertThat(signIn("clerk").get("/staff/register/tokens").statusCode()).isEqualTo(403);
  }

  @Test
  void replayPage_showsHowManyAnswersChangeUnderTheChosenPacks() {
    StaffTestClient clerk = signIn("clerk");
    clerk.postForm("/staff/register", DETAINER);
    HttpResponse<String> r = clerk.get("/staff/register/replay?year=2024&pack=chicago-draft-eo-2019");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("of 1 answers change", "1 requests recorded in 2024");
    HttpResponse<String> bad = clerk.get("/staff/register/replay?year=2024&pack=nothing-like-it");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("no policy pack");
  }
}
