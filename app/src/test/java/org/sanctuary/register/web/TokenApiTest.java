package org.sanctuary.register.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.register.RecordsTokens;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.store.Database;
import org.sanctuary.web.TestServer;

/** The administrators' JSON API for records-system tokens, over HTTP with real sign-in. */
class TokenApiTest {
  private static final String API = "/api/v1/admin/register/tokens";
  private static final String JSON_TYPE = "application/json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DETAINER = "{\"received\":\"2024-07-15\",\"receivingAgency\":\"CPD\",\"requester\":\"ICE\","
      + "\"kind\":\"DETAINER\",\"basis\":\"ADMINISTRATIVE_WARRANT\",\"purpose\":\"CIVIL_IMMIGRATION\"}";

  private static RegisterSite site;
  private static Database database;
  private static TestServer server;

  @BeforeAll
  static void start() {
    site = new RegisterSite(Instant.parse("2024-08-01T15:00:00Z"));
    database = site.database;
    server = site.server;
    site.account("admin", Role.ADMINISTRATOR);
    site.account("clerk", Role.RECORDS_CLERK);
    site.account("audit", Role.AUDITOR);
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  private static StaffTestClient signIn(String name) {
    return site.signIn(name);
  }

  private static HttpResponse<String> create(StaffTestClient who, String body) {
    return who.postRaw(API, JSON_TYPE, body, "X-CSRF-Token", who.csrf());
  }

  private static long count(String sql) {
    return site.count(sql);
  }

  private static long tokenEntries(String action) {
    return count("SELECT count(*) FROM ledger_entry WHERE convert_from(data, 'UTF8') LIKE '%\"action\":\"" + action
        + "\"%\"type\":\"records.token\"%'");
  }

  @Test
  void tokenApi_anonymous_isRefused401_andNothingIsIssued() {
    long before = count("SELECT count(*) FROM records_token");
    assertThat(server.get(API).statusCode()).isEqualTo(401);
    assertThat(server.post(API, JSON_TYPE, "{\"name\":\"anon\"}").statusCode()).isEqualTo(401);
    assertThat(server.post(API + "/anon/revoke", JSON_TYPE, "").statusCode()).isEqualTo(401);
    assertThat(count("SELECT count(*) FROM records_token")).isEqualTo(before);
  }

  @Test
  void tokenApi_clerkOrAuditor_isRefused403_andNothingIsIssued() {
    long before = count("SELECT count(*) FROM records_token");
    for (String who : new String[] {"clerk", "audit"}) {
      StaffTestClient staffMember = signIn(who);
      assertThat(staffMember.get(API).statusCode()).as(who).isEqualTo(403);
      assertThat(create(staffMember, "{\"name\":\"by-" + who + "\"}").statusCode()).as(who).isEqualTo(403);
      assertThat(staffMember.postRaw(API + "/any/revoke", JSON_TYPE, "", "X-CSRF-Token", staffMember.csrf())
          .statusCode()).as(who).isEqualTo(403);
    }
    assertThat(count("SELECT count(*) FROM records_token")).isEqualTo(before);
  }

  @Test
  void create_withoutTheCsrfToken_isRefused403() {
    StaffTestClient admin = signIn("admin");
    assertThat(admin.postRaw(API, JSON_TYPE, "{\"name\":\"no-csrf\"}").statusCode()).isEqualTo(403);
    assertThat(count("SELECT count(*) FROM records_token WHERE name = 'no-csrf'")).isZero();
  }

  @Test
  void create_returnsTheTokenOnce_listNeverShowsIt_andTheLedgerHasTheIssue() throws Exception {
    StaffTestClient admin = signIn("admin");
    long issuedBefore = tokenEntries("issued");
    HttpResponse<String> r = create(admin, "{\"name\":\"cpd-clear\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode issued = JSON.readTree(r.body());
    String token = issued.get("token").asText();
    assertThat(token).startsWith(RecordsTokens.PREFIX).hasSize(47);
    assertThat(issued.get("name").asText()).isEqualTo("cpd-clear");
    assertThat(tokenEntries("issued")).isEqualTo(issuedBefore + 1);

    HttpResponse<String> list = admin.get(API);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).doesNotContain(token).doesNotContain(token.substring(12));
    JsonNode mine = null;
    for (JsonNode t : JSON.readTree(list.body())) {
      if (t.get("name").asText().equals("cpd-clear")) mine = t;
    }
    assertThat(mine).isNotNull();
    assertThat(mine.get("id").asLong()).isEqualTo(issued.get("id").asLong());
    assertThat(mine.get("state").asText()).isEqualTo("live");
    assertThat(token).startsWith(mine.get("prefix").asText());
    assertThat(mine.has("token")).isFalse();
    // only the hash is stored
    assertThat(count("SELECT count(*) FROM records_token r WHERE r::text LIKE '%" + token.substring(12) + "%'")).isZero();
  }

  @Test
  void revoke_takesEffectOnTheVeryNextRecordingRequest() throws Exception {
    StaffTestClient admin = signIn("admin");
    String token = JSON.readTree(create(admin, "{\"name\":\"sheriff-jms\"}").body()).get("token").asText();
    assertThat(server.post("/api/v1/decisions", JSON_TYPE, DETAINER, "Authorization", "Bearer " + token).statusCode())
        .isEqualTo(201);
    long revokedBefore = tokenEntries("revoked");

    HttpResponse<String> revoked = admin.postRaw(API + "/sheriff-jms/revoke", JSON_TYPE, "", "X-CSRF-Token", admin.csrf());
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(revoked.body()).get("state").asText()).isEqualTo("revoked");
    assertThat(tokenEntries("revoked")).isEqualTo(revokedBefore + 1);

    long stored = count("SELECT count(*) FROM federal_request");
    assertThat(server.post("/api/v1/decisions", JSON_TYPE, DETAINER, "Authorization", "Bearer " + token).statusCode())
        .isEqualTo(401);
    assertThat(count("SELECT count(*) FROM federal_request")).isEqualTo(stored);
    for (JsonNode t : JSON.readTree(admin.get(API).body())) {
      if (t.get("name").asText().equals("sheriff-jms")) {
        assertThat(t.get("state").asText()).isEqualTo("revoked");
        assertThat(t.get("revokedAt").isNull()).isFalse();
      }
    }
  }

  @Test
  void revokedByAnotherNode_isRefusedOnItsNextUseHere_andNothingIsStored() throws Exception {
    // This node has seen the token live and keeps it in memory; another node on the same database
    // (its own tokens and ledger) revokes it. The next request here is refused all the same: the
    // statement that stores a request checks the token in the entry's transaction.
    StaffTestClient admin = signIn("admin");
    HttpResponse<String> made = create(admin, "{\"name\":\"jms-two-nodes\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    String token = JSON.readTree(made.body()).get("token").asText();
    assertThat(server.post("/api/v1/decisions", JSON_TYPE, DETAINER, "Authorization", "Bearer " + token).statusCode())
        .isEqualTo(201);
    try (var otherLedger = org.sanctuary.ledger.store.TestLedgers.start(database, site.clock)) {
      new RecordsTokens(database, otherLedger, site.clock).revoke("jms-two-nodes");
    }
    long stored = count("SELECT count(*) FROM federal_request");
    long entries = count("SELECT count(*) FROM ledger_entry");
    for (int i = 0; i < 2; i++) { // refused by the store, then by this node's own check
      HttpResponse<String> refused =
          server.post("/api/v1/decisions", JSON_TYPE, DETAINER, "Authorization", "Bearer " + token);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(refused.body()).get("error").asText()).contains("unknown or revoked");
    }
    assertThat(count("SELECT count(*) FROM federal_request")).isEqualTo(stored);
    assertThat(count("SELECT count(*) FROM ledger_entry")).isEqualTo(entries);
  }

  @Test
  void create_badInput_is400NamingTheField_andIssuesNothing() throws Exception {
    StaffTestClient admin = signIn("admin");
    long tokens = count("SELECT count(*) FROM records_token");
    // the entries stored (the latest checkpoint, signed off the commit path, may lag them)
    long entries = count("SELECT count(*) FROM ledger_entry");
    String[][] cases = {
        {"{\"name\":\"has space\"}", "name"},
        {"{}", "name"},
        {"{\"name\":7}", "name"},
        {"{\"name\":\"ok-name\",\"scope\":\"all\"}", "scope"},
        {"[\"ok-name\"]", "body"},
        {"{\"name\":", "body"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = create(admin, c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      JsonNode error = JSON.readTree(r.body());
      assertThat(error.get("field").asText()).as(c[0]).isEqualTo(c[1]);
      assertThat(error.get("error").asText()).as(c[0]).startsWith(c[1]);
    }
    assertThat(create(admin, "{\"name\":\"twice\"}").statusCode()).isEqualTo(201);
    HttpResponse<String> taken = create(admin, "{\"name\":\"twice\"}");
    assertThat(taken.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(taken.body()).get("error").asText()).contains("\"twice\" is taken");
    HttpResponse<String> unknown = admin.postRaw(API + "/never-issued/revoke", JSON_TYPE, "", "X-CSRF-Token", admin.csrf());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).get("field").asText()).isEqualTo("name");
    assertThat(count("SELECT count(*) FROM records_token")).isEqualTo(tokens + 1);
    assertThat(count("SELECT count(*) FROM ledger_entry")).isEqualTo(entries + 1);
  }
}
