package org.sanctuary.requests;

import org.sanctuary.requests.web.*;
import org.sanctuary.policy.engine.PolicySetup;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerUnavailableException;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.store.LedgerEntry;
import java.util.List;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.register.web.Recordings;
import org.sanctuary.limits.ClientLimit;
import java.time.Duration;
import org.sanctuary.web.TestServer;

class DecisionApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
  private static final String DETAINER = "{\"id\":\"cpd-77\",\"received\":\"2024-07-15\",\"receivingAgency\":\"CPD\","
      + "\"requester\":\"Enforcement and Removal Operations\",\"kind\":\"DETAINER\",\"basis\":\"ADMINISTRATIVE_WARRANT\","
      + "\"purpose\":\"CIVIL_IMMIGRATION\",\"subject\":{\"felonyConviction\":true}}";

  private static Database database;
  private static TestServer server;
  private static TestServer brokenLedgerServer;
  private static TestServer strictServer;
  private static PostgresLedger ledger;
  private static Recordings.Api api;

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    Engine engine = PolicySetup.engine(null, Set.of());
    ledger = PostgresLedger.start(database, CLOCK, Signer.generate("city.example/ledger"));
    api = Recordings.start(engine, database, ledger, CLOCK, Recordings.generous(CLOCK));
    server = TestServer.start(database, api.routes());
    Ledger broken = new Ledger() {
      @Override
      public <T> Recorded<T> appendAll(List<LedgerEntry> entries, Write<T> write) {
        throw new LedgerUnavailableException("store is down", null);
      }
    };
    brokenLedgerServer = TestServer.start(database, Recordings.routes(engine, database, broken, CLOCK,
        Recordings.generous(CLOCK), api.tokens(), api.token()).routes());
    // three trials per address, then one a minute
    strictServer = TestServer.start(database, Recordings.routes(engine, database, ledger, CLOCK,
        new ClientLimit(CLOCK, 3, Duration.ofMinutes(1)), api.tokens(), api.token()).routes());
  }

  @AfterAll
  static void stop() {
    strictServer.close();
    brokenLedgerServer.close();
    server.close();
    ledger.close();
    database.close();
  }

  @BeforeEach
  void empty() {
    database.inTransaction(c -> c.createStatement().executeUpdate(
        "TRUNCATE obligation_task, federal_request"));
  }

  private static HttpResponse<String> post(TestServer s, String body) {
    return s.post("/api/v1/decisions", "application/json", body, api.bearer());
  }

  private static HttpResponse<String> ask(TestServer s, String body) {
    return s.post("/api/v1/decisions", "application/json", body);
  }

  private static long count(String table) {
    return database.inTransaction(c -> {
      try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void post_detainer_isDeniedStoredWithItsDutiesAndLedgered() throws Exception {
    HttpResponse<String> r = post(server, DETAINER);
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode d = JSON.readTree(r.body());
    // UTF-8 end to end: the signed note's signature line starts with an em dash
    assertThat(d.get("ledger").get("checkpoint").asText()).contains("\n\u2014 ");
    assertThat(d.get("outcome").asText()).isEqualTo("DENY");
    assertThat(d.get("id").asText()).isEqualTo("cpd-77");
    assertThat(d.get("requester").asText()).isEqualTo("ERO");
    assertThat(d.get("reasons")).anySatisfy(x -> assertThat(x.get("citation").asText()).isEqualTo("5 ILCS 805/15(a)"));
    long index = d.get("ledger").get("index").asLong();
    byte[] leafHash = Base64.getDecoder().decode(d.get("ledger").get("leafHash").asText());

    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT outcome, requester_agency, ledger_index, packs, decision->>'outcome' FROM federal_request"
              + " WHERE public_id = ?::uuid")) {
        ps.setString(1, d.get("request").asText());
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("DENY");
          assertThat(rs.getString(2)).isEqualTo("ERO");
          assertThat(rs.getLong(3)).isEqualTo(index);
          assertThat((String[]) rs.getArray(4).getArray()).contains("chicago-2021@2", "illinois-trust-act-2021@2");
          assertThat(rs.getString(5)).isEqualTo("DENY");
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT data, leaf_hash FROM ledger_entry WHERE idx = ?")) {
        ps.setLong(1, index);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          byte[] data = rs.getBytes(1);
          assertThat(TreeHasher.leafHash(data).bytes()).isEqualTo(leafHash).isEqualTo(rs.getBytes(2));
          String entry = new String(data, java.nio.charset.StandardCharsets.UTF_8);
          assertThat(entry).contains("\"type\":\"decision\"", "\"outcome\":\"DENY\"", "\"requester\":\"ERO\"",
                  "\"by\":\"token:")
              .doesNotContain("cpd-77", "Enforcement and Removal", api.token());
        }
      }
      return null;
    });
    assertThat(count("obligation_task")).isEqualTo(2); // the ACT log and the TRUST Act record
  }

  @Test
  void post_statusField_isRefusedAndNothingIsStored() {
    long ledgerBefore = count("ledger_entry");
    HttpResponse<String> r = post(server, DETAINER.replace("\"id\":\"cpd-77\",", "\"citizenship\":\"none\","));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"field\":\"citizenship\"").contains("never collects");
    assertThat(count("federal_request")).isZero();
    assertThat(count("ledger_entry")).isEqualTo(ledgerBefore);
  }

  @Test
  void post_batchWithOneBadItem_decidesNothing() {
    String bad = DETAINER.replace("2024-07-15", "2001-01-01").replace("\"CPD\"", "\"COOK_COUNTY_SHERIFF\"");
    HttpResponse<String> r = post(server, "[" + DETAINER + "," + bad + "]");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"field\":\"[1].received\"").contains("no law in force for COOK_COUNTY_SHERIFF");
    assertThat(count("federal_request")).isZero();
  }

  @Test
  void post_batchWhoseThirdRecordFailsToStore_recordsNoneOfIt() throws Exception {
    // the store refuses the third row only; before batches were one unit, rows 1 and 2 stayed
    database.inTransaction(c -> c.createStatement().execute(
        "CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF NEW.caller_ref = 'poison' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$;"
            + " CREATE TRIGGER poison BEFORE INSERT ON federal_request FOR EACH ROW EXECUTE FUNCTION poison()"));
    try {
      long ledgerBefore = count("ledger_entry");
      String poisoned = DETAINER.replace("cpd-77", "poison");
      HttpResponse<String> r = post(server, "[" + DETAINER + "," + DETAINER.replace("cpd-77", "cpd-78") + "," + poisoned + "]");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(count("federal_request")).isZero();
      assertThat(count("ledger_entry")).isEqualTo(ledgerBefore);
      // and the next batch commits whole
      assertThat(post(server, "[" + DETAINER + "," + DETAINER + "]").statusCode()).isEqualTo(201);
      assertThat(count("federal_request")).isEqualTo(2);
    } finally {
      database.inTransaction(c -> c.createStatement().execute(
          "DROP TRIGGER poison ON federal_request; DROP FUNCTION poison()"));
    }
  }

  @Test
  void post_batch_answersEachInOrderWithConsecutiveLedgerIndexes() throws Exception {
    String fbi = DETAINER.replace("Enforcement and Removal Operations", "FBI").replace("CIVIL_IMMIGRATION", "CRIMINAL")
        .replace("\"DETAINER\"", "\"DATABASE_ACCESS\"").replace("ADMINISTRATIVE_WARRANT", "NONE");
    HttpResponse<String> r = post(server, "[" + DETAINER + "," + fbi + "]");
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode a = JSON.readTree(r.body());
    assertThat(a).hasSize(2);
    assertThat(a.get(0).get("outcome").asText()).isEqualTo("DENY");
    assertThat(a.get(1).get("outcome").asText()).isEqualTo("PERMIT");
    assertThat(a.get(1).get("ledger").get("index").asLong()).isEqualTo(a.get(0).get("ledger").get("index").asLong() + 1);
  }

  @Test
  void post_recordedAnswer_isTheTrialsDecisionByteForByteThenItsReceipt() throws Exception {
    String fbi = DETAINER.replace(",\"id\":\"cpd-77\"", "").replace("Enforcement and Removal Operations", "FBI")
        .replace("CIVIL_IMMIGRATION", "CRIMINAL").replace("\"DETAINER\"", "\"DATABASE_ACCESS\"")
        .replace("ADMINISTRATIVE_WARRANT", "NONE");
    String unknown = fbi.replace("\"FBI\"", "\"Agency X\"");
    String clerk = fbi.replace("\"CPD\"", "\"CITY_CLERK\"").replace("\"DATABASE_ACCESS\"", "\"INFORMATION\"");
    // the FBI request twice: the second answer is written from the decision's kept JSON
    for (String body : List.of(DETAINER, fbi, unknown, clerk, fbi)) {
      String trial = ask(server, body).body();
      String recorded = post(server, body).body();
      String decision = trial.substring(0, trial.lastIndexOf(",\"recorded\":false}"));
      assertThat(recorded).startsWith(decision + ",\"recorded\":true,\"request\":\"");
      JsonNode t = JSON.readTree(trial);
      JsonNode r = JSON.readTree(recorded);
      List<String> fields = new java.util.ArrayList<>();
      t.fieldNames().forEachRemaining(fields::add);
      fields.remove("recorded");
      fields.addAll(List.of("recorded", "request", "ledger"));
      List<String> answered = new java.util.ArrayList<>();
      r.fieldNames().forEachRemaining(answered::add);
      assertThat(answered).isEqualTo(fields);
      List<String> receipt = new java.util.ArrayList<>();
      r.get("ledger").fieldNames().forEachRemaining(receipt::add);
      assertThat(receipt).containsExactly("index", "leafHash", "checkpoint", "treeSize", "inclusionProof");
      assertThat(java.util.UUID.fromString(r.get("request").asText())).isNotNull();
    }
    // as an array: the same answers, in order, each whole
    JsonNode both = JSON.readTree(post(server, "[" + fbi + "," + clerk + "]").body());
    assertThat(both).hasSize(2);
    assertThat(both.get(0).get("requester").asText()).isEqualTo("FBI");
    assertThat(both.get(1).get("ledger").get("index").asLong()).isEqualTo(both.get(0).get("ledger").get("index").asLong() + 1);
    assertThat(both.get(1).get("inForce")).isEqualTo(JSON.readTree(ask(server, clerk).body()).get("inForce"));
  }

  @Test
  void post_unknownRequester_isRefusedAndStillRecorded() throws Exception {
    HttpResponse<String> r = post(server, DETAINER.replace("Enforcement and Removal Operations", "Agency X"));
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode d = JSON.readTree(r.body());
    assertThat(d.get("outcome").asText()).isEqualTo("DENY");
    assertThat(d.get("reasons").get(0).get("rule").asText()).isEqualTo("unknown-requester");
    assertThat(count("federal_request")).isEqualTo(1);
  }

  @Test
  void post_cityClerkAndCountyOfficeRequests_areDecidedAndRecorded() throws Exception {
    String clerk = DETAINER.replace("\"CPD\"", "\"CITY_CLERK\"").replace("\"DETAINER\"", "\"INFORMATION\"");
    String county = DETAINER.replace("\"CPD\"", "\"COOK_COUNTY\"").replace("\"DETAINER\"", "\"TRANSFER\"");
    HttpResponse<String> r = post(server, "[" + clerk + "," + county + "]");
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode a = JSON.readTree(r.body());
    assertThat(a.get(0).get("outcome").asText()).isEqualTo("DENY");
    assertThat(a.get(1).get("outcome").asText()).isEqualTo("DENY");
    assertThat(count("federal_request")).isEqualTo(2);
  }

  @Test
  void post_missingPurpose_isRefusedNamingTheField() {
    HttpResponse<String> r = post(server, DETAINER.replace(",\"purpose\":\"CIVIL_IMMIGRATION\"", ""));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"field\":\"purpose\"");
  }

  @Test
  void post_notJson_is415() {
    assertThat(server.post("/api/v1/decisions", "text/plain", DETAINER).statusCode()).isEqualTo(415);
  }

  @Test
  void post_ledgerDown_failsClosedWith503() {
    HttpResponse<String> r = post(brokenLedgerServer, DETAINER);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("ledger").doesNotContain("DENY").doesNotContain("PERMIT");
    assertThat(Arrays.asList(r.body().split("\""))).doesNotContain("outcome");
  }

  @Test
  void post_withoutCredential_isATrialAnsweredAlikeButNeverStored() throws Exception {
    long ledgerBefore = count("ledger_entry");
    HttpResponse<String> r = ask(server, DETAINER);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode d = JSON.readTree(r.body());
    assertThat(d.get("recorded").asBoolean()).isFalse();
    assertThat(d.get("outcome").asText()).isEqualTo("DENY");
    assertThat(d.get("reasons")).anySatisfy(x -> assertThat(x.get("citation").asText()).isEqualTo("5 ILCS 805/15(a)"));
    assertThat(d.has("ledger")).isFalse();
    assertThat(d.has("request")).isFalse();
    assertThat(count("federal_request")).isZero();
    assertThat(count("obligation_task")).isZero();
    assertThat(count("ledger_entry")).isEqualTo(ledgerBefore);

    JsonNode recorded = JSON.readTree(post(server, DETAINER).body());
    assertThat(recorded.get("recorded").asBoolean()).isTrue();
    assertThat(recorded.get("reasons")).isEqualTo(d.get("reasons"));
    assertThat(count("federal_request")).isEqualTo(1);
  }

  @Test
  void post_revokedToken_isRefusedOnNextUse() {
    String token = api.tokens().issue("to-revoke").token();
    String[] bearer = {"Authorization", "Bearer " + token};
    assertThat(server.post("/api/v1/decisions", "application/json", DETAINER, bearer).statusCode()).isEqualTo(201);
    api.tokens().revoke("to-revoke");
    long ledgerBefore = count("ledger_entry");
    HttpResponse<String> r = server.post("/api/v1/decisions", "application/json", DETAINER, bearer);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(r.body()).contains("unknown or revoked").doesNotContain("DENY");
    assertThat(count("federal_request")).isEqualTo(1);
    assertThat(count("ledger_entry")).isEqualTo(ledgerBefore);
  }

  @Test
  void post_unknownOrMalformedCredential_isRefusedNotTakenAsATrial() {
    assertThat(server.post("/api/v1/decisions", "application/json", DETAINER,
        "Authorization", "Bearer srt_notatoken").statusCode()).isEqualTo(401);
    assertThat(server.post("/api/v1/decisions", "application/json", DETAINER,
        "Authorization", "Basic YTpi").statusCode()).isEqualTo(401);
    assertThat(count("federal_request")).isZero();
  }

  @Test
  void post_trialsOverTheAddressLimit_get429WhileRecordingGoesOn() {
    for (int i = 0; i < 3; i++) assertThat(ask(strictServer, DETAINER).statusCode()).isEqualTo(200);
    HttpResponse<String> r = ask(strictServer, DETAINER);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(post(strictServer, DETAINER).statusCode()).isEqualTo(201);
  }

  @Test
  void post_recordedBatch_isOneTransactionWithConsecutiveEntries() throws Exception {
    long ledgerBefore = count("ledger_entry");
    HttpResponse<String> r = post(server, "[" + DETAINER + "," + DETAINER.replace("cpd-77", "cpd-78") + "]");
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode a = JSON.readTree(r.body());
    assertThat(a.get(0).get("recorded").asBoolean()).isTrue();
    assertThat(count("federal_request")).isEqualTo(2);
    assertThat(count("ledger_entry")).isEqualTo(ledgerBefore + 2);
  }
}
