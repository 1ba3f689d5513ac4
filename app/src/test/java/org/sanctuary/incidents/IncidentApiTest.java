package org.sanctuary.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IncidentApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json";
  private static IncidentFixture f;

  @BeforeAll
  static void start() {
    f = new IncidentFixture(1000, 1000);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static String report(String employeeType, String extra) {
    return "{\"category\":\"HELD_FOR_ICE\",\"employeeType\":\"" + employeeType + "\",\"department\":\"CPD\","
        + "\"occurredOn\":\"2026-03-01\",\"location\":\"CA22\",\"description\":\"They kept him for ICE.\"" + extra + "}";
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void submit_policeReport_isRoutedToCopaNamingTheRule() throws Exception {
    HttpResponse<String> r = f.server.post("/api/v1/incidents", JSON_TYPE,
        report("POLICE", ",\"contact\":\"555-0100\",\"employee\":\"Badge 1234\""));
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode b = json(r);
    assertThat(b.get("receipt").asText()).matches("[0-9A-HJKMNP-TV-Z]{20}");
    assertThat(b.get("secret").asText()).matches("[0-9A-HJKMNP-TV-Z]{26}");
    assertThat(b.get("routedTo").asText()).isEqualTo("COPA");
    assertThat(b.at("/reason/pack").asText()).isEqualTo("chicago-copa-oig-2017@2");
    assertThat(b.at("/reason/rule").asText()).isEqualTo("police-to-copa");
    assertThat(b.at("/reason/citation").asText()).isEqualTo("MCC 2-78-120(a)");
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void submit_cityEmployee_goesToTheInspectorGeneral() throws Exception {
    HttpResponse<String> r = f.server.post("/api/v1/incidents", JSON_TYPE,
        report("CITY", "").replace("\"CPD\"", "\"CDPH\""));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(json(r).get("routedTo").asText()).isEqualTo("OIG");
    assertThat(json(r).at("/reason/rule").asText()).isEqualTo("city-employees-to-oig");
  }

  @Test
  void submit_storesFreeTextOnlyEncryptedAndLedgersCodesOnly() throws Exception {
    String marker = "Unmistakable words 7731";
    JsonNode b = json(f.server.post("/api/v1/incidents", JSON_TYPE,
        report("POLICE", ",\"contact\":\"reach me 7731\",\"witnesses\":\"neighbour 7731\"")
            .replace("They kept him for ICE.", marker)));
    String receipt = b.get("receipt").asText();
    byte[] stored = f.database.inTransaction(c -> {
      try (var s = c.prepareStatement("SELECT description_enc || coalesce(contact_enc, '') || coalesce(witnesses_enc, '')"
          + " FROM incident WHERE receipt = ?")) {
        s.setString(1, receipt);
        try (var rs = s.executeQuery()) {
          rs.next();
          return rs.getBytes(1);
        }
      }
    });
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("7731");
    long index = b.get("ledgerIndex").asLong();
    String entry = f.database.inTransaction(c -> {
      try (var s = c.prepareStatement("SELECT convert_from(data, 'UTF8') FROM ledger_entry WHERE idx = ?")) {
        s.setLong(1, index);
        try (var rs = s.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
    assertThat(entry).contains("incident.received", "police-to-copa", "HELD_FOR_ICE", "COPA")
        .doesNotContain(receipt).doesNotContain("7731");
  }

  @Test
  void submit_missingCategory_isRefusedNamingTheField() throws Exception {
    HttpResponse<String> r = f.server.post("/api/v1/incidents", JSON_TYPE,
        report("POLICE", "").replace("\"category\":\"HELD_FOR_ICE\",", ""));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("category");
    assertThat(json(r).get("error").asText()).isEqualTo("category: This is required.");
  }

  @Test
  void submit_malformedDate_isRefusedNamingTheField() throws Exception {
    HttpResponse<String> r = f.server.post("/api/v1/incidents", JSON_TYPE,
        report("POLICE", "").replace("2026-03-01", "2026-13-01"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("occurredOn");
  }

  @Test
  void submit_dateInTheFuture_isRefused() throws Exception {
    HttpResponse<String> r = f.server.post("/api/v1/incidents", JSON_TYPE,
        report("POLICE", "").replace("2026-03-01", "2026-03-11"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).contains("future");
  }

  @Test
  void submit_addressInsteadOfArea_isRefused() throws Exception {
    HttpResponse<String> r = f.server.post("/api/v1/incidents", JSON_TYPE,
        report("POLICE", "").replace("\"CA22\"", "\"1200 N Milwaukee Ave\""));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("location");
  }

  @Test
  void submit_citizenshipField_isRefusedWithAnExplanationAndNothingIsStored() throws Exception {
    long before = f.count("SELECT count(*) FROM incident");
    HttpResponse<String> r = f.server.post("/api/v1/incidents", JSON_TYPE,
        report("POLICE", ",\"citizenship\":\"none of your business\""));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("citizenship");
    assertThat(json(r).get("error").asText()).contains("never collects immigration status");
    assertThat(f.count("SELECT count(*) FROM incident")).isEqualTo(before);
  }

  @Test
  void submit_oversizedDescription_isRefusedWithTheLimit() throws Exception {
    HttpResponse<String> r = f.server.post("/api/v1/incidents", JSON_TYPE,
        report("POLICE", "").replace("They kept him for ICE.", "x".repeat(5001)));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("description");
    assertThat(json(r).get("error").asText()).contains("5000");
  }

  @Test
  void submit_unknownFieldOrNonText_isRefusedNamingIt() throws Exception {
    assertThat(json(f.server.post("/api/v1/incidents", JSON_TYPE, report("POLICE", ",\"mood\":\"x\"")))
        .get("field").asText()).isEqualTo("mood");
    assertThat(json(f.server.post("/api/v1/incidents", JSON_TYPE, report("POLICE", ",\"contact\":5")))
        .get("field").asText()).isEqualTo("contact");
  }

  @Test
  void status_withTheSecret_showsTheReport_andAFollowupIsCounted() throws Exception {
    JsonNode b = json(f.server.post("/api/v1/incidents", JSON_TYPE, report("POLICE", "")));
    String path = "/api/v1/incidents/" + b.get("receipt").asText();
    String secret = b.get("secret").asText();
    HttpResponse<String> added = f.server.post(path + "/followups", JSON_TYPE, "{\"note\":\"one more thing\"}",
        "X-Receipt-Secret", secret);
    assertThat(added.statusCode()).isEqualTo(201);
    HttpResponse<String> r = f.server.get(path, "X-Receipt-Secret", secret.toLowerCase());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("status").asText()).isEqualTo("RECEIVED");
    assertThat(json(r).get("routedTo").asText()).isEqualTo("COPA");
    assertThat(json(r).get("followups").asInt()).isEqualTo(1);
    assertThat(r.body()).doesNotContain("kept him");
  }

  @Test
  void status_wrongSecretOrUnknownReceipt_isTheSame404() throws Exception {
    JsonNode b = json(f.server.post("/api/v1/incidents", JSON_TYPE, report("POLICE", "")));
    HttpResponse<String> wrong = f.server.get("/api/v1/incidents/" + b.get("receipt").asText(),
        "X-Receipt-Secret", Receipts.newSecret());
    HttpResponse<String> unknown = f.server.get("/api/v1/incidents/" + Receipts.newReceipt(),
        "X-Receipt-Secret", b.get("secret").asText());
    assertThat(wrong.statusCode()).isEqualTo(404);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(wrong.body()).isEqualTo(unknown.body());
  }

  @Test
  void summary_countsByDimension_withoutPersonalData() throws Exception {
    f.server.post("/api/v1/incidents", JSON_TYPE, report("CITY", "").replace("\"CPD\"", "\"DFSS\""));
    HttpResponse<String> r = f.server.get("/api/v1/incidents/summary/2026");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode counts = json(r).get("counts");
    long total = 0;
    for (JsonNode n : counts.get("category")) total += n.asLong();
    assertThat(total).isEqualTo(f.count("SELECT count(*) FROM incident"));
    assertThat(counts.at("/department/DFSS").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(counts.at("/month/2026-03").asLong()).isEqualTo(total);
    assertThat(r.body()).doesNotContain("kept him").doesNotContain("receipt");
    assertThat(f.server.get("/api/v1/incidents/summary/20x6").statusCode()).isEqualTo(400);
  }
}
