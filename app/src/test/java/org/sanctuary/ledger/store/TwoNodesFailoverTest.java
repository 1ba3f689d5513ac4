package org.sanctuary.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuary.config.DatabaseServer;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.ServeProcess;

/**
 * Two {@code serve --db URL} processes on one PostgreSQL take recorded decisions at once; one is
 * killed with SIGKILL mid-flight. The other goes on acknowledging without a pause worth the name,
 * and afterwards every decision either node acknowledged is in the log with its bytes, no index is
 * missing, and the audit passes. Bounded: 8 clients, at most 4,000 requests, about 10 seconds.
 */
@Tag("crash")
class TwoNodesFailoverTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final String REQUEST = """
      {"received":"2019-07-15","receivingAgency":"CPD","requester":"ICE","kind":"DETAINER",
       "basis":"ADMINISTRATIVE_WARRANT","purpose":"CIVIL_IMMIGRATION"}""";

  @TempDir Path folder;

  record Ack(String node, String request, long index, Hash leafHash, long atNanos) {}

  @Test
  void twoNodes_oneKilledUnderLoad_theOtherGoesOnAndNothingAcknowledgedIsLost() throws Exception {
    DatabaseServer server = TestDatabases.freshServer();
    // node a's data folder holds the keys both nodes use, as a deployment shares them
    Path keys = Files.createDirectories(folder.resolve("a"));
    String token = run("register", "token-add", "failover-test", "--data", keys.toString(), "--db", server.url());
    Process a = serve(server, "a", keys);
    Process b = serve(server, "b", keys);
    try {
      URI uriA = ServeProcess.listening(a);
      URI uriB = ServeProcess.listening(b);
      ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicBoolean killed = new AtomicBoolean();
      AtomicInteger sent = new AtomicInteger();
      ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
      ExecutorService clients = Executors.newFixedThreadPool(8);
      for (int t = 0; t < 8; t++) {
        String node = t % 2 == 0 ? "a" : "b";
        URI uri = node.equals("a") ? uriA : uriB;
        clients.submit(() -> {
          while (!stop.get() && sent.incrementAndGet() <= 4000) {
            try {
              HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri.resolve("/api/v1/decisions"))
                  .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.ofString(REQUEST)).build(), HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() == 201) {
                JsonNode body = JSON.readTree(r.body());
                acks.add(new Ack(node, body.get("request").asText(), body.get("ledger").get("index").asLong(),
                    Hash.fromBase64(body.get("ledger").get("leafHash").asText()), System.nanoTime()));
              } else if (r.statusCode() != 503) {
                wrong.add(node + ": " + r.statusCode() + " " + r.body());
              }
            } catch (Exception e) {
              if (node.equals("a") && killed.get()) return null; // the killed node: this request got no answer
              wrong.add(node + ": " + e);
            }
          }
          return null;
        });
      }
      waitFor(() -> acks.stream().filter(x -> x.node().equals("a")).count() >= 200, 20);
      long killedAt = System.nanoTime();
      killed.set(true);
      a.destroyForcibly(); // SIGKILL mid-batch: no shutdown hook, no clean stop
      assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
      waitFor(() -> acks.stream().filter(x -> x.node().equals("b") && x.atNanos() > killedAt).count() >= 200, 30);
      stop.set(true);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      long afterKill = acks.stream().filter(x -> x.node().equals("b") && x.atNanos() > killedAt).count();
      System.out.printf("two nodes: %d decisions acknowledged (%d by the killed node), %d by the other after the kill%n",
          acks.size(), acks.stream().filter(x -> x.node().equals("a")).count(), afterKill);
      assertThat(wrong).as("answers other than 201 or 503, or a node not answering, but for the killed one").isEmpty();
      assertThat(afterKill).as("the surviving node went on after the kill").isGreaterThanOrEqualTo(200);

      try (Database database = Database.connect(server)) {
        LedgerReader reader = new LedgerReader(database);
        long size = reader.size();
        List<LedgerReader.Entry> entries = new ArrayList<>();
        for (long start = 0; start < size; start += 1000) entries.addAll(reader.entries(start, Math.min(size, start + 1000)));
        for (int i = 0; i < entries.size(); i++) assertThat(entries.get(i).index()).as("no gap").isEqualTo(i);
        for (Ack ack : acks) {
          byte[] data = entries.get((int) ack.index()).data();
          assertThat(TreeHasher.leafHash(data)).as("acknowledged by %s at %d", ack.node(), ack.index())
              .isEqualTo(ack.leafHash());
          assertThat(new String(data, StandardCharsets.UTF_8)).contains("\"request\":\"" + ack.request() + "\"");
        }
        LedgerAudit.Result audit = LedgerAudit.verify(database,
            List.of(LedgerKeys.read(keys.resolve("ledger.key")).verifier()));
        assertThat(audit.problem()).isEmpty();
        assertThat(audit.entries()).isEqualTo(size);
      }
    } finally {
      a.destroyForcibly();
      b.destroy();
      if (!b.waitFor(60, TimeUnit.SECONDS)) b.destroyForcibly();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %d s", seconds).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private String run(String... args) throws Exception {
    Process p = new ProcessBuilder(ServeProcess.command(args)).redirectError(folder.resolve("cli.log").toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out + Files.readString(folder.resolve("cli.log"))).isZero();
    return out.strip().lines().reduce((x, y) -> y).orElseThrow();
  }

  // Each node its own data folder; the keys (ledger, staff, incidents) shared, as a deployment shares them.
  private Process serve(DatabaseServer server, String name, Path keys) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(ServeProcess.command("serve", "--port", "0", "--data",
        folder.resolve(name).toString(), "--db", server.url(), "--ledger-key", keys.resolve("ledger.key").toString(),
        "--incidents-key", keys.resolve("incidents.key").toString())).redirectError(folder.resolve(name + ".log").toFile());
    pb.environment().put("SANCTUARY_STAFF_KEY_FILE", keys.resolve("staff.key").toString());
    return pb.start();
  }
}
