package org.sanctuary.register.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.web.TestServer;

/** The CSV import while the server runs: the staff upload and the API, through the server's own ledger. */
class ImportUploadTest {
  private static final String API = "/api/v1/register/import";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADER = "received_at,receiving_agency,requester,kind,basis,purpose,bail_posted_at,"
      + "disposition,disposition_at,transferred_to,document\n";
  private static final String GOOD = HEADER
      + "2024-01-10T09:30,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,2024-01-11T10:00,RELEASED,2024-01-11T12:00,,I-247A\n"
      + "2024-02-03,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,TRANSFERRED,2024-02-04T08:15,ICE,I-247A\n"
      + "2024-02-21,COOK_COUNTY_SHERIFF,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,,,,I-247D\n";
  private static final String BAD = HEADER
      + "2024-01-10T09:30,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,,,,I-247A\n"
      + "2024-13-01,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,,,,I-247A\n"
      + "2024-02-01,POLICE,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVL_IMMIGRATION,,,,,I-247A\n";

  private static RegisterSite site;
  private static Database database;
  private static TestServer server;

  @BeforeAll
  static void start() {
    // the server's sequencer, running for the whole test as a running server's does
    site = new RegisterSite(Instant.parse("2025-01-20T15:00:00Z"));
    database = site.database;
    server = site.server;
    site.account("clerk", Role.RECORDS_CLERK);
    site.account("admin", Role.ADMINISTRATOR);
    site.account("audit", Role.AUDITOR);
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @BeforeEach
  void empty() {
    database.inTransaction(c -> c.createStatement().executeUpdate("TRUNCATE obligation_task, federal_request"));
  }

  private static StaffTestClient signIn(String name) {
    return site.signIn(name);
  }

  private static long requests() {
    return site.count("SELECT count(*) FROM federal_request");
  }

  private static HttpResponse<String> upload(StaffTestClient who, String csv, boolean withToken) {
    String boundary = "----register-import-test";
    StringBuilder body = new StringBuilder();
    if (withToken) {
      body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n")
          .append(who.csrf()).append("\r\n");
    }
    body.append("--").append(boundary)
        .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"log.csv\"\r\nContent-Type: text/csv\r\n\r\n")
        .append(csv).append("\r\n--").append(boundary).append("--\r\n");
    return who.postRaw("/staff/register/import", "multipart/form-data; boundary=" + boundary, body.toString());
  }

  @Test
  void api_clerkSendsAGoodYear_importsEveryRowThroughTheRunningLedger() throws Exception {
    StaffTestClient clerk = signIn("clerk");
    long before = TestDatabases.ledgerEntries(database);
    HttpResponse<String> r = clerk.postRaw(API, "text/csv; charset=utf-8", GOOD, "X-CSRF-Token", clerk.csrf());
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode done = JSON.readTree(r.body());
    assertThat(done.get("imported").asLong()).isEqualTo(3);
    assertThat(done.get("firstIndex").asLong()).isEqualTo(before);
    assertThat(done.get("lastIndex").asLong()).isEqualTo(before + 2);
    assertThat(TestDatabases.ledgerEntries(database)).isEqualTo(before + 3);
    assertThat(requests()).isEqualTo(3);
    // the same server then records and reports as usual
    JsonNode q1 = JSON.readTree(clerk.get("/staff/register/reports/cpd-quarterly?year=2024&quarter=1&format=json").body());
    assertThat(q1.get("totals").get("received").asLong()).isEqualTo(2);
    assertThat(q1.get("totals").get("transferred").asLong()).isEqualTo(1);
  }

  @Test
  void api_badFile_is400ListingEveryBadLineAndField_andWritesNothing() throws Exception {
    StaffTestClient admin = signIn("admin");
    long before = TestDatabases.ledgerEntries(database);
    HttpResponse<String> r = admin.postRaw(API, "text/csv", BAD, "X-CSRF-Token", admin.csrf());
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(r.body());
    assertThat(error.get("field").asText()).isEqualTo("file");
    assertThat(error.get("error").asText()).contains("3 problem(s); nothing was imported");
    assertThat(error.get("problems")).hasSize(3);
    assertThat(error.get("problems").get(0).asText()).startsWith("line 3: received_at:").contains("2024-13-01");
    assertThat(error.get("problems").get(1).asText()).startsWith("line 4: receiving_agency:").contains("POLICE");
    assertThat(error.get("problems").get(2).asText()).startsWith("line 4: purpose:").contains("CIVL_IMMIGRATION");
    assertThat(requests()).isZero();
    assertThat(TestDatabases.ledgerEntries(database)).isEqualTo(before);
  }

  @Test
  void api_wrongMediaType_is400NamingContentType() throws Exception {
    StaffTestClient clerk = signIn("clerk");
    HttpResponse<String> r = clerk.postRaw(API, "application/json", "{}", "X-CSRF-Token", clerk.csrf());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo("Content-Type");
    assertThat(requests()).isZero();
  }

  @Test
  void import_anonymousAuditorOrNoCsrfToken_isRefused_andWritesNothing() {
    assertThat(server.post(API, "text/csv", GOOD).statusCode()).isEqualTo(401);
    StaffTestClient audit = signIn("audit");
    assertThat(audit.postRaw(API, "text/csv", GOOD, "X-CSRF-Token", audit.csrf()).statusCode()).isEqualTo(403);
    assertThat(audit.get("/staff/register/import").statusCode()).isEqualTo(403);
    assertThat(upload(audit, GOOD, true).statusCode()).isEqualTo(403);
    StaffTestClient clerk = signIn("clerk");
    assertThat(clerk.postRaw(API, "text/csv", GOOD).statusCode()).isEqualTo(403);
    assertThat(upload(clerk, GOOD, false).statusCode()).isEqualTo(403);
    assertThat(requests()).isZero();
  }

  @Test
  void page_clerkUploadsAFile_goodIsImported_badListsEveryProblem() {
    StaffTestClient clerk = signIn("clerk");
    HttpResponse<String> form = clerk.get("/staff/register/import");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("enctype=\"multipart/form-data\"", "name=\"file\"");

    HttpResponse<String> bad = upload(clerk, BAD, true);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("3 problem(s); nothing was imported", "line 3: received_at:",
        "line 4: receiving_agency:", "line 4: purpose:");
    assertThat(requests()).isZero();

    HttpResponse<String> good = upload(clerk, GOOD, true);
    assertThat(good.statusCode()).isEqualTo(201);
    assertThat(good.body()).contains("Imported 3 requests");
    assertThat(requests()).isEqualTo(3);
  }
}
