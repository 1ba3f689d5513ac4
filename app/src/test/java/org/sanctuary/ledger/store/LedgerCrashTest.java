package org.sanctuary.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.ServeProcess;

/**
 * Kills a serving process (SIGKILL) while decisions stream in from several threads, starts it again
 * on the same data folder, and checks that every decision that got a 201 is in the ledger with the
 * same bytes, that no index is missing, that no stored request is left unlogged, and that {@code
 * ledger verify} passes. Bounded: at most 10 seconds of load and 5,000 requests.
 */
@Tag("crash")
class LedgerCrashTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final String REQUEST = """
      {"received":"2019-07-15","receivingAgency":"CPD","requester":"ICE","kind":"DETAINER",
       "basis":"ADMINISTRATIVE_WARRANT","purpose":"CIVIL_IMMIGRATION"}""";

  @TempDir Path folder;
  // recording needs a credential: a records-system token issued before the server starts
  private static volatile String token;

  record Ack(String request, long index, Hash leafHash) {}

  @Test
  void serve_killedMidFlight_keepsEveryAcknowledgedDecisionAndAGaplessLog() throws Exception {
    TestDatabases.sharePostgresBinaries(folder);
    try {
      ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
      token = issueToken();
      Process first = serve("first.log");
      URI uri = ServeProcess.listening(first);
      load(uri, acks, first);
      assertThat(acks).as("some decisions were acknowledged before the kill").isNotEmpty();
      System.out.println("crash test: " + acks.size() + " decisions acknowledged before SIGKILL");

      Process second = serve("second.log");
      try {
        URI again = ServeProcess.listening(second);
        long size = checkpointSize(again);
        byte[][] entries = new byte[(int) size][];
        int expect = 0;
        for (long start = 0; start < size; start += 1000) {
          JsonNode page = JSON.readTree(get(again, "/api/v1/ledger/entries?start=" + start + "&end=" + Math.min(size, start + 1000)));
          for (JsonNode e : page.get("entries")) {
            assertThat(e.get("index").asLong()).as("no gap").isEqualTo(expect);
            entries[expect++] = Base64.getDecoder().decode(e.get("data").asText());
          }
        }
        for (byte[] e : entries) assertThat(e).as("every index up to the checkpoint is present").isNotNull();
        for (Ack ack : acks) {
          assertThat(ack.index()).isLessThan(size);
          byte[] data = entries[(int) ack.index()];
          assertThat(TreeHasher.leafHash(data)).isEqualTo(ack.leafHash());
          assertThat(new String(data, StandardCharsets.UTF_8)).contains("\"request\":\"" + ack.request() + "\"");
        }
      } finally {
        second.destroy(); // SIGTERM: a clean stop, so the folder can be opened here
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }

      try (Database database = Database.embedded(folder)) {
        long unlogged = database.inTransaction(c -> {
          try (var s = c.createStatement();
              var rs = s.executeQuery("SELECT count(*) FROM federal_request WHERE ledger_index IS NULL")) {
            rs.next();
            return rs.getLong(1);
          }
        });
        assertThat(unlogged).as("requests stored without a ledger entry after recovery").isZero();
        LedgerAudit.Result audit = LedgerAudit.verify(database,
            List.of(LedgerKeys.read(folder.resolve("ledger.key")).verifier()));
        assertThat(audit.problem()).isEmpty();
        assertThat(audit.entries()).isGreaterThanOrEqualTo(acks.size());
      }
    } finally {
      TestDatabases.unsharePostgresBinaries(folder);
    }
  }

  private String issueToken() throws Exception {
    Process p = new ProcessBuilder(ServeProcess.command("register", "token-add", "crash-test", "--data", folder.toString()))
        .redirectError(folder.resolve("token.log").toFile())
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.strip().lines().reduce((a, b) -> b).orElseThrow();
  }

  private Process serve(String log) throws Exception {
    return new ProcessBuilder(ServeProcess.command("serve", "--port", "0", "--data", folder.toString()))
        .redirectError(folder.resolve(log).toFile())
        .start();
  }

  /** Eight writers until 5,000 answers or 10 s; the process is killed once half of either is reached. */
  private static void load(URI uri, ConcurrentLinkedQueue<Ack> acks, Process victim) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger sent = new AtomicInteger();
    CountDownLatch halfway = new CountDownLatch(2500);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int t = 0; t < 8; t++) {
      pool.submit(() -> {
        while (!stop.get() && sent.incrementAndGet() <= 5000 && System.nanoTime() < deadline) {
          try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri.resolve("/api/v1/decisions"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(REQUEST)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
              JsonNode body = JSON.readTree(r.body());
              acks.add(new Ack(body.get("request").asText(), body.get("ledger").get("index").asLong(),
                  Hash.fromBase64(body.get("ledger").get("leafHash").asText())));
              halfway.countDown();
            }
          } catch (Exception e) {
            if (!victim.isAlive()) return null; // the kill: this request got no answer
          }
        }
        return null;
      });
    }
    halfway.await(5, TimeUnit.SECONDS);
    victim.destroyForcibly();
    victim.waitFor(30, TimeUnit.SECONDS);
    stop.set(true);
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  private static long checkpointSize(URI uri) throws Exception {
    String note = get(uri, "/api/v1/ledger/checkpoint");
    return Long.parseLong(note.split("\n")[1]);
  }

  private static String get(URI uri, String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }
}
