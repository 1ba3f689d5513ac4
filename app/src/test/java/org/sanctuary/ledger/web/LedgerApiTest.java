package org.sanctuary.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.merkle.ConsistencyProof;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.InclusionProof;
import org.sanctuary.ledger.merkle.MemoryTree;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.sanctuary.ledger.note.Checkpoint;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.note.Verifier;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.register.web.Recordings;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.web.TestServer;

/** Decisions with receipts, and the public ledger endpoints, against a real server. */
class LedgerApiTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUEST = """
      {"received":"2019-07-15","receivingAgency":"CPD","requester":"ICE","kind":"DETAINER",
       "basis":"ADMINISTRATIVE_WARRANT","purpose":"CIVIL_IMMIGRATION"}""";

  private static Database database;
  private static PostgresLedger ledger;
  private static TestServer server;
  private static Recordings.Api api;

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    ledger = PostgresLedger.start(database, CLOCK, Signer.generate("city.example/ledger"));
    LedgerReader reader = new LedgerReader(database);
    api = Recordings.start(PolicySetup.engine(null, Set.of()), database, ledger, CLOCK, Recordings.generous(CLOCK));
    server = TestServer.start(database, api.routes(), new LedgerRoutes(new LedgerController(reader)));
  }

  @AfterAll
  static void stop() {
    server.close();
    ledger.close();
    database.close();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static JsonNode decide() throws Exception {
    HttpResponse<String> r = server.post("/api/v1/decisions", "application/json", REQUEST, api.bearer());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).get("ledger");
  }

  private static List<Hash> hashes(JsonNode array) {
    List<Hash> out = new ArrayList<>();
    array.forEach(h -> out.add(Hash.fromBase64(h.asText())));
    return out;
  }

  @Test
  void decision_receipt_verifiesAgainstThePublishedKeyAndTheEntryBytes() throws Exception {
    decide();
    JsonNode receipt = decide();
    decide();
    Verifier key = Verifier.parse(server.get("/api/v1/ledger/key").body().strip());
    Checkpoint head = Checkpoint.open(receipt.get("checkpoint").asText(), key);
    long index = receipt.get("index").asLong();
    assertThat(head.size()).isEqualTo(receipt.get("treeSize").asLong()).isGreaterThan(index);

    JsonNode entries = json(server.get("/api/v1/ledger/entries?start=" + index + "&end=" + (index + 1)));
    byte[] bytes = Base64.getDecoder().decode(entries.get("entries").get(0).get("data").asText());
    assertThat(TreeHasher.leafHash(bytes)).isEqualTo(Hash.fromBase64(receipt.get("leafHash").asText()));
    new InclusionProof(index, head.size(), hashes(receipt.get("inclusionProof")))
        .verify(TreeHasher.leafHash(bytes), head.root());
  }

  @Test
  void entriesAndProofs_matchATreeBuiltFromThePublishedEntries() throws Exception {
    for (int i = 0; i < 6; i++) decide();
    HttpResponse<String> cp = server.get("/api/v1/ledger/checkpoint");
    assertThat(cp.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    Checkpoint head = Checkpoint.open(cp.body(), Verifier.parse(server.get("/api/v1/ledger/key").body().strip()));

    MemoryTree tree = new MemoryTree();
    for (JsonNode e : json(server.get("/api/v1/ledger/entries?start=0&end=" + head.size())).get("entries")) {
      assertThat(e.get("index").asLong()).isEqualTo(tree.size());
      tree.append(Base64.getDecoder().decode(e.get("data").asText()));
    }
    assertThat(tree.root()).isEqualTo(head.root());

    JsonNode inclusion = json(server.get("/api/v1/ledger/proof/inclusion?index=1&size=" + head.size()));
    new InclusionProof(1, head.size(), hashes(inclusion.get("inclusionProof"))).verify(tree.leafHash(1), head.root());
    JsonNode consistency = json(server.get("/api/v1/ledger/proof/consistency?from=3&to=" + head.size()));
    new ConsistencyProof(3, head.size(), hashes(consistency.get("consistencyProof"))).verify(tree.root(3), head.root());
  }

  @Test
  void ledgerParameters_outOfRangeOrMalformed_are400NamingTheParameter() throws Exception {
    decide();
    long size = new LedgerReader(database).size();
    String[][] cases = {
        {"/api/v1/ledger/entries?start=x&end=1", "start"},
        {"/api/v1/ledger/entries?end=1", "start"},
        {"/api/v1/ledger/entries?start=0&end=0", "end"},
        {"/api/v1/ledger/entries?start=0&end=" + (LedgerReader.MAX_PAGE + 1), "end"},
        {"/api/v1/ledger/entries?start=" + size + "&end=" + (size + 1), "start"},
        {"/api/v1/ledger/entries?start=-1&end=1", "start"},
        {"/api/v1/ledger/proof/inclusion?index=" + size + "&size=" + size, "index"},
        {"/api/v1/ledger/proof/inclusion?index=0&size=" + (size + 1), "size"},
        {"/api/v1/ledger/proof/inclusion?index=0&size=99999999999999999999", "size"},
        {"/api/v1/ledger/proof/consistency?from=2&to=1", "from"},
        {"/api/v1/ledger/proof/consistency?from=0", "to"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = server.get(c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(json(r).get("field").asText()).as(c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void entries_endPastTheSize_isCutToTheSize_soThePagesOwnExampleWorks() throws Exception {
    decide();
    long size = new LedgerReader(database).size();
    assertThat(size).isLessThan(1000);
    HttpResponse<String> r = server.get("/api/v1/ledger/entries?start=0&end=1000");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("entries")).hasSize((int) size);
  }

  @Test
  void ledgerPage_showsTheCheckpointAndTheKey() throws Exception {
    decide();
    HttpResponse<String> page = server.get("/ledger", "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    String key = server.get("/api/v1/ledger/key").body().strip();
    assertThat(page.body()).contains(key).contains("city.example/ledger");
  }
}
