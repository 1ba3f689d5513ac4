package org.sanctuary.gateway;

import org.sanctuary.gateway.web.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.web.TestServer;

class GatewayApiTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static GatewayFixture fx;
  private static TestServer server;
  private static String fbiKey;

  @BeforeAll
  static void start() {
    fx = new GatewayFixture(TestDatabases.fresh(), Set.of());
    server = TestServer.start(fx.database, new GatewayRoutes(new QueryController(fx.gateway.service())));
    fbiKey = fx.partnerWithKey("FBI");
  }

  @AfterAll
  static void stop() {
    server.close();
    fx.close();
  }

  private static HttpResponse<String> query(String key, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/api/v1/gateway/query"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (key != null) b.header("Authorization", "Bearer " + key);
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String body(String purpose, String params) {
    return "{\"dataset\":\"demo-arrests\",\"parameters\":" + params + ",\"purpose\":\"" + purpose
        + "\",\"caseNumber\":\"JD-123456\"}";
  }

  private static final String ADA_ASH = "{\"lastName\":\"Ash\",\"firstName\":\"Ada\"}";

  @Test
  void query_fbiForCriminalPurpose_returnsRowsWithoutNeverLeaveFields() {
    HttpResponse<String> r = query(fbiKey, body("CRIMINAL", ADA_ASH));

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode rows = GatewayFixture.json(r.body()).get("rows");
    assertThat(rows.size()).isEqualTo(3);
    for (JsonNode row : rows) {
      assertThat(row.has("home_address")).isFalse();
      assertThat(row.has("victim_flag")).isFalse();
      assertThat(row.get("last_name").asText()).isEqualTo("Ash");
      assertThat(row.get("person_key").asText()).matches("r[0-9a-f]{24}");
    }
    assertThat(r.body()).doesNotContain("Example St");
  }

  @Test
  void query_fbiForCivilImmigration_isRefusedWithCitationAndRunsNothing() {
    long before = fx.gateway.service().runner().runs();

    HttpResponse<String> r = query(fbiKey, body("CIVIL_IMMIGRATION", ADA_ASH));

    assertThat(r.statusCode()).isEqualTo(403);
    JsonNode b = GatewayFixture.json(r.body());
    assertThat(b.get("citation").asText()).contains("2-173-030(b)");
    assertThat(b.get("reason").asText()).isNotBlank();
    assertThat(b.get("error").asText()).isNotBlank();
    assertThat(b.has("rows")).isFalse();
    assertThat(fx.gateway.service().runner().runs()).isEqualTo(before);
  }

  @Test
  void query_eachOutcome_isInTheLedgerAndAccessLogWithoutParametersInClear() throws Exception {
    HttpResponse<String> ok = query(fbiKey, body("CRIMINAL", ADA_ASH));
    long index = GatewayFixture.json(ok.body()).get("ledgerIndex").asLong();

    String entry = fx.database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT data FROM ledger_entry WHERE idx = ?")) {
        ps.setLong(1, index);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new String(rs.getBytes(1), StandardCharsets.UTF_8);
        }
      }
    });
    JsonNode e = GatewayFixture.json(entry);
    assertThat(e.get("type").asText()).isEqualTo("gateway.access");
    assertThat(e.get("outcome").asText()).isEqualTo("PERMIT");
    assertThat(e.get("agency").asText()).isEqualTo("FBI");
    assertThat(e.get("rows").asInt()).isEqualTo(3);
    assertThat(e.get("params").asText()).matches("[0-9a-f]{64}");
    assertThat(e.get("case").asText()).matches("[0-9a-f]{64}");
    assertThat(entry).doesNotContain("Ash").doesNotContain("Ada").doesNotContain("JD-123456");

    List<GatewayStore.Access> log = fx.gateway.admin().accessLog(new GatewayStore.AccessFilter(null, null, null, null, null, 10));
    assertThat(log.get(0).ledgerIndex()).isEqualTo(index);
    assertThat(log.get(0).outcome()).isEqualTo("PERMIT");
  }

  @Test
  void query_withoutKey_is401() {
    HttpResponse<String> r = query(null, body("CRIMINAL", ADA_ASH));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(GatewayFixture.json(r.body()).get("field").asText()).isEqualTo("Authorization");
  }

  @Test
  void query_withUnknownKey_is401() {
    assertThat(query("sgw_not-a-key", body("CRIMINAL", ADA_ASH)).statusCode()).isEqualTo(401);
  }

  @Test
  void query_unknownDataset_is400NamingTheField() {
    HttpResponse<String> r = query(fbiKey,
        "{\"dataset\":\"clear\",\"parameters\":{},\"purpose\":\"CRIMINAL\",\"caseNumber\":\"X1\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(GatewayFixture.json(r.body()).get("field").asText()).isEqualTo("dataset");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"lastName\":\"Ash\"}|parameters.firstName",
      "{\"lastName\":\"Ash\",\"firstName\":\"Ada\",\"district\":3}|parameters.district",
      "{\"lastName\":7,\"firstName\":\"Ada\"}|parameters.lastName",
      "{\"lastName\":\"Ash' OR 1=1 --\",\"firstName\":\"Ada\"}|parameters.lastName",
      "{\"lastName\":\"Ash\",\"firstName\":\"'; DROP TABLE demo_records.persons; --\"}|parameters.firstName",
      "{\"lastName\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"firstName\":\"Ada\"}|parameters.lastName",
  })
  void query_badParameters_is400NamingTheFieldAndRunsNothing(String caseText) {
    String[] parts = caseText.split("\\|");
    long before = fx.gateway.service().runner().runs();

    HttpResponse<String> r = query(fbiKey, body("CRIMINAL", parts[0]));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(GatewayFixture.json(r.body()).get("field").asText()).isEqualTo(parts[1]);
    assertThat(fx.gateway.service().runner().runs()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"district\":\"3 OR 1=1\",\"since\":\"2020-01-01\"}|parameters.district",
      "{\"district\":26,\"since\":\"2020-01-01\"}|parameters.district",
      "{\"district\":3.5,\"since\":\"2020-01-01\"}|parameters.district",
      "{\"district\":3,\"since\":\"2020-13-01\"}|parameters.since",
      "{\"district\":3,\"since\":\"1999-12-31\"}|parameters.since",
  })
  void query_badTypedParameters_is400NamingTheFieldAndRunsNothing(String caseText) {
    String[] parts = caseText.split("\\|");
    long before = fx.gateway.service().runner().runs();

    HttpResponse<String> r = query(fbiKey, "{\"dataset\":\"demo-district-arrests\",\"parameters\":" + parts[0]
        + ",\"purpose\":\"CRIMINAL\",\"caseNumber\":\"X1\"}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(GatewayFixture.json(r.body()).get("field").asText()).isEqualTo(parts[1]);
    assertThat(fx.gateway.service().runner().runs()).isEqualTo(before);
  }

  @Test
  void query_missingPurpose_is400NamingTheField() {
    HttpResponse<String> r = query(fbiKey, "{\"dataset\":\"demo-arrests\",\"parameters\":" + ADA_ASH + ",\"caseNumber\":\"X1\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(GatewayFixture.json(r.body()).get("field").asText()).isEqualTo("purpose");
  }

  @Test
  void query_missingCaseNumber_is400NamingTheField() {
    HttpResponse<String> r = query(fbiKey, "{\"dataset\":\"demo-arrests\",\"parameters\":" + ADA_ASH + ",\"purpose\":\"CRIMINAL\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(GatewayFixture.json(r.body()).get("field").asText()).isEqualTo("caseNumber");
    // issue 14: a missing value is said to be missing, not "nothing is not a case number"
    assertThat(GatewayFixture.json(r.body()).get("error").asText()).startsWith("caseNumber: missing (want ")
        .doesNotContain("nothing");
  }

  @Test
  void query_missingParameter_saysItIsMissing() {
    HttpResponse<String> r = query(fbiKey, body("CRIMINAL", "{\"firstName\":\"Ada\"}"));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode b = GatewayFixture.json(r.body());
    assertThat(b.get("field").asText()).isEqualTo("parameters.lastName");
    assertThat(b.get("error").asText()).startsWith("parameters.lastName: missing (want ").doesNotContain("nothing");
  }

  @Test
  void query_carryingAnImmigrationStatusField_isRefusedWithTheReason() {
    HttpResponse<String> r = query(fbiKey, "{\"dataset\":\"demo-arrests\",\"parameters\":{\"lastName\":\"Ash\","
        + "\"firstName\":\"Ada\",\"immigrationStatus\":\"x\"},\"purpose\":\"CRIMINAL\",\"caseNumber\":\"X1\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(GatewayFixture.json(r.body()).get("field").asText()).isEqualTo("parameters.immigrationStatus");
    assertThat(r.body()).contains("never collects");
  }

  @Test
  void query_oversizedBody_is413() {
    String big = "{\"dataset\":\"demo-arrests\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
    assertThat(query(fbiKey, big).statusCode()).isEqualTo(413);
  }

  @Test
  void query_malformedJson_is400() {
    HttpResponse<String> r = query(fbiKey, "{\"dataset\":");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(GatewayFixture.json(r.body()).get("field").asText()).isEqualTo("body");
  }
}
