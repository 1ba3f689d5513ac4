package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.web.ApiDescription;

/**
 * Real calls to every part of the API on a running system, each answer checked against the schema
 * the description gives for its route, status and content type: public reads, trials and
 * recordings, reports and receipts, the gateway and its staff API, the ledger and its tiles.
 */
final class Exchanges {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json";
  static final String DETAINER_2019 = "{\"received\":\"2019-07-15\",\"receivingAgency\":\"CPD\",\"requester\":\"ICE\","
      + "\"kind\":\"DETAINER\",\"basis\":\"ADMINISTRATIVE_WARRANT\",\"purpose\":\"CIVIL_IMMIGRATION\","
      + "\"subject\":{\"felonyConviction\":true}}";
  static final String ACCESS_2026 = "{\"id\":\"FBI-2026-0042\",\"received\":\"2026-03-02\",\"receivingAgency\":\"CPD\","
      + "\"requester\":\"FBI\",\"kind\":\"DATABASE_ACCESS\",\"basis\":\"NONE\",\"purpose\":\"CRIMINAL\"}";
  static final String REPORT = "{\"category\":\"HELD_FOR_ICE\",\"employeeType\":\"POLICE\",\"department\":\"CPD\","
      + "\"occurredOn\":\"2026-03-01\",\"location\":\"CA22\",\"description\":\"They kept him for ICE after bail.\","
      + "\"language\":\"en\"}";
  static final String CSV = "received_at,receiving_agency,requester,kind,basis,purpose,bail_posted_at,disposition,"
      + "disposition_at,transferred_to,document,reference,oemc_notified_at\n"
      + "2024-01-10T09:30,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,2024-01-11T10:00,RELEASED,"
      + "2024-01-11T12:00,,I-247A,,\n";

  private final FullApp app;
  private final ApiDescription api;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> seen = new TreeSet<>();
  private int checked;

  Exchanges(FullApp app, ApiDescription api) {
    this.app = app;
    this.api = api;
  }

  List<String> problems() {
    return problems;
  }

  int checked() {
    return checked;
  }

  Set<String> operationsSeen() {
    return seen;
  }

  /** Checks one answer against the description of {@code route}; returns it for more checks. */
  HttpResponse<String> check(String route, HttpResponse<String> r) {
    String type = r.headers().firstValue("Content-Type").orElse("").split(";", 2)[0].strip();
    checked++;
    seen.add(route);
    problems.addAll(api.checkAnswer(route, r.statusCode(), type, r.body()));
    return r;
  }

  private HttpResponse<String> get(String route, String path, String... headers) {
    return check(route, app.server.get(path, headers));
  }

  private HttpResponse<String> post(String route, String path, String body, String... headers) {
    return check(route, app.server.post(path, JSON_TYPE, body, headers));
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  void exercise() throws Exception {
    StaffTestClient admin = app.signIn(Role.ADMINISTRATOR);
    String csrf = admin.csrf();

    get("GET /healthz", "/healthz");
    get("GET /api/v1/openapi.json", "/api/v1/openapi.json");
    get("GET /metrics", "/metrics");

    // what the law says: trials, one and many, and refusals of bad input
    String decisions = "POST /api/v1/decisions";
    assertThat(post(decisions, "/api/v1/decisions", DETAINER_2019).statusCode()).isEqualTo(200);
    assertThat(post(decisions, "/api/v1/decisions", "[" + DETAINER_2019 + "," + ACCESS_2026 + "]").statusCode())
        .isEqualTo(200);
    assertThat(post(decisions, "/api/v1/decisions", DETAINER_2019.replace("}}", "},\"citizenship\":\"x\"}"))
        .statusCode()).isEqualTo(400);
    assertThat(post(decisions, "/api/v1/decisions", "{\"received\":").statusCode()).isEqualTo(400);
    assertThat(post(decisions, "/api/v1/decisions", DETAINER_2019, "Authorization", "Bearer nope").statusCode())
        .isEqualTo(401);

    // records tokens, recording with one, and an import
    String tokens = "/api/v1/admin/register/tokens";
    HttpResponse<String> issued = check("POST " + tokens,
        admin.postRaw(tokens, JSON_TYPE, "{\"name\":\"cpd-records\"}", "X-CSRF-Token", csrf));
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    String token = json(issued).get("token").asText();
    check("GET " + tokens, admin.get(tokens));
    assertThat(check("POST " + tokens, admin.postRaw(tokens, JSON_TYPE, "{\"name\":\"cpd-records\"}",
        "X-CSRF-Token", csrf)).statusCode()).isEqualTo(400);
    HttpResponse<String> recorded =
        post(decisions, "/api/v1/decisions", ACCESS_2026, "Authorization", "Bearer " + token);
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
    assertThat(post(decisions, "/api/v1/decisions", "[" + DETAINER_2019 + "]", "Authorization", "Bearer " + token)
        .statusCode()).isEqualTo(201);
    String imports = "POST /api/v1/register/import";
    assertThat(check(imports, admin.postRaw("/api/v1/register/import", "text/csv", CSV, "X-CSRF-Token", csrf))
        .statusCode()).isEqualTo(201);
    assertThat(check(imports, admin.postRaw("/api/v1/register/import", "text/csv", CSV.replace("RELEASED", "FREED"),
        "X-CSRF-Token", csrf)).statusCode()).isEqualTo(400);
    assertThat(check(imports, app.server.post("/api/v1/register/import", "text/csv", CSV)).statusCode())
        .isEqualTo(401);
    check("POST " + tokens + "/{name}/revoke", admin.postRaw(tokens + "/cpd-records/revoke", JSON_TYPE, "",
        "X-CSRF-Token", csrf));

    // a violation report, its status, a follow-up, the year's counts
    HttpResponse<String> report = post("POST /api/v1/incidents", "/api/v1/incidents", REPORT);
    assertThat(report.statusCode()).as(report.body()).isEqualTo(201);
    String receipt = json(report).get("receipt").asText();
    String secret = json(report).get("secret").asText();
    assertThat(post("POST /api/v1/incidents", "/api/v1/incidents", REPORT.replace("HELD_FOR_ICE", "NOPE"))
        .statusCode()).isEqualTo(400);
    String show = "GET /api/v1/incidents/{receipt}";
    assertThat(get(show, "/api/v1/incidents/" + receipt, "X-Receipt-Secret", secret).statusCode()).isEqualTo(200);
    assertThat(get(show, "/api/v1/incidents/" + receipt, "X-Receipt-Secret", "WRONG").statusCode()).isEqualTo(404);
    assertThat(post("POST /api/v1/incidents/{receipt}/followups", "/api/v1/incidents/" + receipt + "/followups",
        "{\"note\":\"The car was a grey van.\"}", "X-Receipt-Secret", secret).statusCode()).isEqualTo(201);
    get("GET /api/v1/incidents/summary/{year}", "/api/v1/incidents/summary/2026");

    // the gateway's staff API: a partner, its agreement and key; a look-up permitted and one refused
    String gw = "/api/v1/admin/gateway";
    HttpResponse<String> partner = check("POST " + gw + "/partners", admin.postRaw(gw + "/partners", JSON_TYPE,
        "{\"agency\":\"FBI\",\"name\":\"FBI Chicago field office\",\"ratePerSecond\":5,\"burst\":10}",
        "X-CSRF-Token", csrf));
    assertThat(partner.statusCode()).as(partner.body()).isEqualTo(201);
    long partnerId = json(partner).get("id").asLong();
    HttpResponse<String> agreement = check("POST " + gw + "/partners/{id}/agreements", admin.postRaw(
        gw + "/partners/" + partnerId + "/agreements", JSON_TYPE, "{\"datasets\":[\"demo-arrests\"],"
            + "\"purposes\":[\"CRIMINAL\"],\"startsOn\":\"2026-01-01\",\"endsOn\":\"2026-12-31\","
            + "\"noOnwardDisclosure\":true,\"signedBy\":\"A. Signer\"}", "X-CSRF-Token", csrf));
    assertThat(agreement.statusCode()).as(agreement.body()).isEqualTo(201);
    HttpResponse<String> key = check("POST " + gw + "/partners/{id}/keys", admin.postRaw(
        gw + "/partners/" + partnerId + "/keys", JSON_TYPE, "{}", "X-CSRF-Token", csrf));
    assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
    String partnerKey = json(key).get("key").asText();
    long keyId = json(key).get("keyId").asLong();
    check("GET " + gw + "/partners", admin.get(gw + "/partners"));
    check("GET " + gw + "/partners/{id}", admin.get(gw + "/partners/" + partnerId));
    check("GET " + gw + "/partners/{id}", admin.get(gw + "/partners/987654"));
    check("GET " + gw + "/datasets", admin.get(gw + "/datasets"));
    String query = "POST /api/v1/gateway/query";
    String lookup = "{\"dataset\":\"demo-arrests\",\"parameters\":{\"lastName\":\"Ash\",\"firstName\":\"Ada\"},"
        + "\"purpose\":\"CRIMINAL\",\"caseNumber\":\"JD-123456\"}";
    HttpResponse<String> permitted =
        post(query, "/api/v1/gateway/query", lookup, "Authorization", "Bearer " + partnerKey);
    assertThat(permitted.statusCode()).as(permitted.body()).isEqualTo(200);
    assertThat(post(query, "/api/v1/gateway/query", lookup.replace("CRIMINAL", "CIVIL_IMMIGRATION"),
        "Authorization", "Bearer " + partnerKey).statusCode()).isEqualTo(403);
    assertThat(post(query, "/api/v1/gateway/query", lookup, "Authorization", "Bearer sgw_unknown").statusCode())
        .isEqualTo(401);
    assertThat(post(query, "/api/v1/gateway/query", lookup.replace("Ash", "Ash\",\"nationality\":\"x"),
        "Authorization", "Bearer " + partnerKey).statusCode()).isEqualTo(400);
    check("GET " + gw + "/access", admin.get(gw + "/access?limit=10"));
    check("GET " + gw + "/access", admin.get(gw + "/access?outcome=MAYBE"));
    check("GET " + gw + "/alerts", admin.get(gw + "/alerts"));
    check("POST " + gw + "/trace", admin.postRaw(gw + "/trace", JSON_TYPE, "{\"mark\":\"r0123456789abcdef01234567\"}",
        "X-CSRF-Token", csrf));
    check("POST " + gw + "/keys/{keyId}/rotate", admin.postRaw(gw + "/keys/" + keyId + "/rotate", JSON_TYPE, "",
        "X-CSRF-Token", csrf));
    HttpResponse<String> keys = admin.get(gw + "/partners/" + partnerId);
    long newest = json(keys).get("keys").get(json(keys).get("keys").size() - 1).get("id").asLong();
    check("POST " + gw + "/keys/{keyId}/revoke", admin.postRaw(gw + "/keys/" + newest + "/revoke", JSON_TYPE, "",
        "X-CSRF-Token", csrf));
    check("GET " + gw + "/partners", app.server.get(gw + "/partners"));
    check("GET " + gw + "/partners", app.signIn(Role.AUDITOR).get(gw + "/partners"));
    check("POST " + gw + "/partners", admin.postRaw(gw + "/partners", JSON_TYPE, "{\"agency\":\"FBI\"}"));

    // the public ledger
    long size = Long.parseLong(app.server.get("/api/v1/ledger/checkpoint").body().split("\n")[1]);
    assertThat(size).isGreaterThan(3);
    get("GET /api/v1/ledger/checkpoint", "/api/v1/ledger/checkpoint");
    get("GET /api/v1/ledger/head", "/api/v1/ledger/head");
    get("GET /api/v1/ledger/key", "/api/v1/ledger/key");
    get("GET /api/v1/ledger/entries", "/api/v1/ledger/entries?start=0&end=3");
    get("GET /api/v1/ledger/entries", "/api/v1/ledger/entries?start=x");
    get("GET /api/v1/ledger/decoded", "/api/v1/ledger/decoded?start=0&end=" + size);
    get("GET /api/v1/ledger/proof/inclusion", "/api/v1/ledger/proof/inclusion?index=1&size=" + size);
    get("GET /api/v1/ledger/proof/consistency", "/api/v1/ledger/proof/consistency?from=2&to=" + size);
    get("GET /api/v1/ledger/receipt", "/api/v1/ledger/receipt?index=0");
    get("GET /api/v1/ledger/receipt", "/api/v1/ledger/receipt?index=" + size);
    get("GET /tlog/checkpoint", "/tlog/checkpoint");
    get("GET /tlog/tile/<path>", "/tlog/tile/0/000.p/" + size);
    get("GET /tlog/tile/<path>", "/tlog/tile/entries/000.p/" + size);
    get("GET /tlog/tile/<path>", "/tlog/tile/0/001");

    // the annual report's downloads
    get("GET /reports/{year}", "/reports/2026.json");
    get("GET /reports/{year}", "/reports/2026.csv");
    get("GET /reports/{year}", "/reports/1900.json");
  }
}
