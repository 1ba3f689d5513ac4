package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffTestClient;

/**
 * Issue 13, defect 1: a NUL character or a date PostgreSQL cannot keep is bad input, answered 400
 * naming the field (never 500, never 503 "ledger unavailable"), on the API and on the pages, and
 * nothing is stored.
 */
class BadInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String API = "/api/v1/admin/gateway";
  private static final String DETAINER = "{\"id\":\"cpd-1\",\"received\":\"2024-07-15\",\"receivingAgency\":\"CPD\","
      + "\"requester\":\"ERO\",\"kind\":\"DETAINER\",\"basis\":\"ADMINISTRATIVE_WARRANT\","
      + "\"purpose\":\"CIVIL_IMMIGRATION\"}";

  private static FullApp app;
  private static StaffTestClient admin;
  private static long partner;

  @BeforeAll
  static void start() throws Exception {
    app = new FullApp();
    admin = app.signIn(Role.ADMINISTRATOR);
    HttpResponse<String> r = adminPost(API + "/partners", "{\"agency\":\"FBI\",\"name\":\"Field office\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    partner = JSON.readTree(r.body()).get("id").asLong();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<String> adminPost(String path, String json) {
    return admin.postRaw(path, JSON_TYPE, json, "X-CSRF-Token", admin.csrf());
  }

  private static void assertBadField(HttpResponse<String> r, String field) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode b = JSON.readTree(r.body());
    assertThat(b.get("field").asText()).isEqualTo(field);
    assertThat(b.get("error").asText()).startsWith(field + ": ").doesNotContain("\u0000");
  }

  private static void assertBadPage(HttpResponse<String> r, String field) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains(field + ": ").doesNotContain("\u0000");
  }

  @Test
  void decide_nulInIdOrRequester_400NamingField() throws Exception {
    long before = app.count("SELECT count(*) FROM ledger_entry");
    assertBadField(app.server.post("/api/v1/decisions", JSON_TYPE,
        DETAINER.replace("cpd-1", "cpd\\u0000-1")), "id");
    assertBadField(app.server.post("/api/v1/decisions", JSON_TYPE,
        DETAINER.replace("\"ERO\"", "\"E\\u0000RO\"")), "requester");
    assertThat(app.count("SELECT count(*) FROM ledger_entry")).isEqualTo(before);
  }

  @Test
  void addPartner_nulInName_400NamingName() throws Exception {
    assertBadField(adminPost(API + "/partners", "{\"agency\":\"ATF\",\"name\":\"Bad\\u0000name\"}"), "name");
    assertThat(app.count("SELECT count(*) FROM gateway_partner WHERE agency_id = 'ATF'")).isZero();
  }

  @Test
  void addAgreement_nulInSignedBy_400NamingSignedBy() throws Exception {
    assertBadField(adminPost(API + "/partners/" + partner + "/agreements",
        agreement("2026-01-01", "2026-12-31", "A. Sig\\u0000ner")), "signedBy");
  }

  @Test
  void addAgreement_datesPostgresCannotKeep_400NamingTheDate() throws Exception {
    assertBadField(adminPost(API + "/partners/" + partner + "/agreements",
        agreement("-5000-01-01", "2026-12-31", "A. Signer")), "startsOn");
    assertBadField(adminPost(API + "/partners/" + partner + "/agreements",
        agreement("2026-01-01", "+999999999-12-31", "A. Signer")), "endsOn");
    assertBadField(adminPost(API + "/partners/" + partner + "/agreements",
        agreement("0000-01-01", "2026-12-31", "A. Signer")), "startsOn");
    assertThat(app.count("SELECT count(*) FROM gateway_agreement WHERE partner_id = " + partner)).isZero();
  }

  @Test
  void issueKey_expiresAtBeyondPostgres_400NamingExpiresAt() throws Exception {
    assertBadField(adminPost(API + "/partners/" + partner + "/keys",
        "{\"expiresAt\":\"+999999999-12-31T00:00:00Z\"}"), "expiresAt");
    assertBadField(adminPost(API + "/partners/" + partner + "/keys",
        "{\"expiresAt\":\"-5000-01-01T00:00:00Z\"}"), "expiresAt");
  }

  @Test
  void accessLog_nulDatasetOrFarDate_400OnApiAndPage() throws Exception {
    assertBadField(admin.get(API + "/access?dataset=%00"), "dataset");
    assertBadField(admin.get(API + "/access?from=%2B999999999-01-01"), "from");
    assertBadField(admin.get(API + "/access?to=-5000-01-01"), "to");
    assertBadPage(admin.get("/staff/gateway/access?dataset=%00", "Accept", "text/html"), "dataset");
    assertBadPage(admin.get("/staff/gateway/access?from=%2B999999999-01-01", "Accept", "text/html"), "from");
  }

  @Test
  void signIn_nulInUsername_400NamingUsername() {
    StaffTestClient browser = new StaffTestClient(app.server);
    browser.get("/staff/login");
    HttpResponse<String> r = browser.postRaw("/staff/login", FORM,
        StaffTestClient.encode("username", "admin\u0000istrator", "password", "x", "code", "000000"),
        "Accept", "text/html");
    assertBadPage(r, "username");
  }

  @Test
  void incidentApi_nulInDescription_400NamingDescription() throws Exception {
    String report = "{\"category\":\"HELD_FOR_ICE\",\"employeeType\":\"POLICE\",\"department\":\"CPD\","
        + "\"occurredOn\":\"2026-03-01\",\"location\":\"CA22\",\"description\":\"Kept\\u0000 him.\"}";
    assertBadField(app.server.post("/api/v1/incidents", JSON_TYPE, report), "description");
    assertBadField(app.server.post("/api/v1/incidents", JSON_TYPE,
        report.replace("Kept\\u0000 him.", "Kept him.").replace("2026-03-01", "-5000-03-01")), "occurredOn");
    assertThat(app.count("SELECT count(*) FROM incident")).isZero();
  }

  @Test
  void reportForm_nulInDescription_400PageNamingDescription() {
    HttpResponse<String> r = app.server.post("/report", FORM,
        StaffTestClient.encode("category", "HELD_FOR_ICE", "employeeType", "POLICE", "department", "CPD",
            "occurredOn", "2026-03-01", "location", "CA22", "description", "Kept\u0000 him."),
        "Accept", "text/html");
    assertBadPage(r, "description");
    assertThat(app.count("SELECT count(*) FROM incident")).isZero();
  }

  private static String agreement(String startsOn, String endsOn, String signedBy) {
    return "{\"datasets\":[\"demo-arrests\"],\"purposes\":[\"CRIMINAL\"],\"startsOn\":\"" + startsOn
        + "\",\"endsOn\":\"" + endsOn + "\",\"noOnwardDisclosure\":true,\"signedBy\":\"" + signedBy + "\"}";
  }
}
