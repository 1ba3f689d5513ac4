package org.sanctuary.ledger.witnessing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.InclusionProof;
import org.sanctuary.ledger.merkle.MemoryTree;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.sanctuary.ledger.note.Checkpoint;
import org.sanctuary.ledger.note.SignedNote;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.ledger.store.TileReader;
import org.sanctuary.ledger.web.LedgerController;
import org.sanctuary.ledger.web.LedgerRoutes;
import org.sanctuary.ledger.web.TileRoutes;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.web.TestServer;
import org.sanctuary.witness.AddCheckpointRequest;
import org.sanctuary.witness.FileCheckpointStore;
import org.sanctuary.witness.Witness;
import org.sanctuary.witness.web.WitnessServer;
import org.sanctuary.witness.WitnessSetup;

/**
 * A running log and two witnesses on loopback (each a real HTTP server on port 0 with its own
 * data folder): the log gathers both cosignatures in the background and publishes them; a forked
 * checkpoint signed by the log's own key is refused by the witness it is sent to.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WitnessIntegrationTest {
  private static final Signer LOG = Signer.generate("city.example/ledger");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static Database database;
  private static PostgresLedger ledger;
  private static LedgerReader reader;
  private static Witness w1;
  private static Witness w2;
  private static WitnessServer s1;
  private static WitnessServer s2;
  private static Witnessing witnessing;
  private static TestServer server;

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    ledger = PostgresLedger.start(database, Clock.systemUTC(), LOG);
    reader = new LedgerReader(database);
    List<String> follows = List.of(LOG.verifier().encoded());
    w1 = WitnessSetup.open(dir.resolve("w1"), "w1.example/witness", follows, Clock.systemUTC());
    w2 = WitnessSetup.open(dir.resolve("w2"), "w2.example/witness", follows, Clock.systemUTC());
    s1 = WitnessServer.start(w1, "127.0.0.1", 0);
    s2 = WitnessServer.start(w2, "127.0.0.1", 0);
    WitnessPolicy policy = WitnessPolicy.parse(
        List.of(s1.uri() + "=" + w1.key().verifier().encoded(), s2.uri() + "=" + w2.key().verifier().encoded()), "2");
    witnessing = Witnessing.open(database, reader, policy, Clock.systemUTC());
    CheckpointPublisher publisher = CheckpointPublisher.witnessed(reader, witnessing);
    server = TestServer.start(database, new TileRoutes(new TileReader(database), publisher),
        new LedgerRoutes(new LedgerController(reader, publisher)));
  }

  @AfterAll
  static void stop() {
    server.close();
    witnessing.close();
    s1.close();
    s2.close();
    ledger.close();
    database.close();
  }

  private static void append(int count) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        done.add(threads.submit(() -> ledger.append(LedgerEntry.of("test.witnessed", Map.of("n", n)))));
      }
      for (Future<?> f : done) f.get();
      ledger.sync(); // checkpoints are signed off the commit path: wait for the one over these
    } finally {
      threads.shutdown();
    }
  }

  private static SignedNote published() throws Exception {
    return SignedNote.parse(server.get("/tlog/checkpoint").body());
  }

  private static HttpResponse<String> addCheckpoint(WitnessServer to, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(to.uri() + "/add-checkpoint"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(1)
  void round_twoWitnessesOnLoopback_bothCosignAndTheLogPublishesTheirLines() throws Exception {
    append(300);
    LedgerReader.SignedHead head = reader.checkpoint();
    assertThat(published().signatures()).hasSize(1); // nothing cosigned yet: the log's own checkpoint
    witnessing.round();
    SignedNote note = published();
    assertThat(Checkpoint.open(note.encoded(), LOG.verifier()).size()).isEqualTo(head.size());
    assertThat(w1.key().verifier().verify(note)).isPresent();
    assertThat(w2.key().verifier().verify(note)).isPresent();
    assertThat(witnessing.published().orElseThrow().witnesses()).hasSize(2);
    // each witness's monitoring endpoint holds the same checkpoint
    String origin = FileCheckpointStore.originHash(LOG.name());
    String held = HTTP.send(HttpRequest.newBuilder(URI.create(s1.uri() + "/" + origin + "/checkpoint")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(Checkpoint.open(held, LOG.verifier())).isEqualTo(Checkpoint.open(note.encoded(), LOG.verifier()));
  }

  @Test
  @Order(2)
  void round_afterTheLogGrew_witnessesCosignFromTheirLastSize() throws Exception {
    long before = witnessing.published().orElseThrow().size();
    append(200);
    witnessing.round();
    SignedNote note = published();
    Checkpoint now = Checkpoint.open(note.encoded(), LOG.verifier());
    assertThat(now.size()).isEqualTo(reader.size()).isGreaterThan(before);
    assertThat(w1.key().verifier().verify(note)).isPresent();
    assertThat(w2.key().verifier().verify(note)).isPresent();
    witnessing.round(); // nothing new: nothing asked, nothing changes
    assertThat(published().encoded()).isEqualTo(note.encoded());
  }

  @Test
  @Order(3)
  void addCheckpoint_forkSignedByTheLogsOwnKey_isRefusedAndTheWitnessKeepsItsView() throws Exception {
    long size = witnessing.published().orElseThrow().size();
    MemoryTree fork = new MemoryTree();
    for (int i = 0; i < size; i++) fork.append(("another history " + i).getBytes());
    String forked = new Checkpoint(LOG.name(), size, fork.root()).sign(LOG).encoded();
    HttpResponse<String> sameSize = addCheckpoint(s1, new String(new AddCheckpointRequest(size, List.of(), forked).encode()));
    assertThat(sameSize.statusCode()).isEqualTo(422);
    assertThat(sameSize.body()).contains("trees of equal size " + size + " have different roots");

    fork.append("one more".getBytes());
    String larger = new Checkpoint(LOG.name(), size + 1, fork.root()).sign(LOG).encoded();
    HttpResponse<String> extended = addCheckpoint(s2, new String(
        new AddCheckpointRequest(size, fork.consistencyProof(size, size + 1).path(), larger).encode()));
    assertThat(extended.statusCode()).isEqualTo(422);

    // the honest log carries on, both witnesses still cosign it
    append(10);
    witnessing.round();
    SignedNote note = published();
    assertThat(Checkpoint.open(note.encoded(), LOG.verifier()).size()).isEqualTo(size + 10);
    assertThat(w1.key().verifier().verify(note)).isPresent();
    assertThat(w2.key().verifier().verify(note)).isPresent();
  }

  @Test
  @Order(4)
  void round_witnessAheadOfWhatTheLogKnows_catchesUpAfter409() throws Exception {
    append(5);
    LedgerReader.SignedHead head = reader.checkpoint();
    // someone else (a second log node, a test) brought w1 to the head first
    long held = witnessing.published().orElseThrow().size();
    HttpResponse<String> direct = addCheckpoint(s1, new String(new AddCheckpointRequest(held,
        reader.consistency(held, head.size()).path(), head.note()).encode()));
    assertThat(direct.statusCode()).isEqualTo(200);
    append(5);
    witnessing.round(); // the log sends w1 its old size, gets 409 with head.size(), retries from there
    SignedNote note = published();
    assertThat(Checkpoint.open(note.encoded(), LOG.verifier()).size()).isEqualTo(reader.size());
    assertThat(w1.key().verifier().verify(note)).isPresent();
  }

  @Test
  @Order(5)
  void receipt_afterARound_namesTheCosignedCheckpointAndProvesTheEntryInIt() throws Exception {
    append(3);
    long index = reader.size() - 1;
    JsonNode before = JSON.readTree(server.get("/api/v1/ledger/receipt?index=" + index).body());
    assertThat(before.has("cosignedCheckpoint")).isFalse(); // not witnessed yet
    witnessing.round();
    JsonNode receipt = JSON.readTree(server.get("/api/v1/ledger/receipt?index=" + index).body());
    SignedNote cosigned = SignedNote.parse(receipt.get("cosignedCheckpoint").asText());
    Checkpoint checkpoint = Checkpoint.open(cosigned.encoded(), LOG.verifier());
    assertThat(w1.key().verifier().verify(cosigned)).isPresent();
    assertThat(w2.key().verifier().verify(cosigned)).isPresent();
    List<Hash> path = new ArrayList<>();
    receipt.get("cosignedInclusionProof").forEach(h -> path.add(Hash.fromBase64(h.asText())));
    Hash leaf = Hash.fromBase64(receipt.get("leafHash").asText());
    new InclusionProof(index, checkpoint.size(), path).verify(leaf, checkpoint.root());
    byte[] entry = reader.entries(index, index + 1).get(0).data();
    assertThat(TreeHasher.leafHash(entry)).isEqualTo(leaf);
  }
}
