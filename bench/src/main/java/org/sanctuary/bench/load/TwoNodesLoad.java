package org.sanctuary.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.sanctuary.ledger.merkle.TreeHasher;

/**
 * Mixed load on two nodes of one database, with the loss of one of them: clients on each node
 * record decisions (records-system token), ask for look-ups (partner key), file violation reports
 * and read the public checkpoint and reports page, for a fixed time; at half time the first node's
 * process is killed (SIGKILL). Then it checks, through the surviving node, that every acknowledged
 * write is in the ledger with its bytes and that the log has no gap, and prints per node and kind
 * the answers, their rates and latencies, and the surviving node's longest pause around the kill.
 *
 * <p>The nodes are to trust 127.0.0.1 as their proxy ({@code --trusted-proxy}): each report comes
 * from a resident address of its own in {@code X-Forwarded-For}, as behind the city's TLS proxy, so
 * the filing limit per address (a burst of 5) never refuses one. Before the load, one address files
 * on both nodes in turn: its sixth report must be refused with 429, whichever node it reaches.
 *
 * <pre>
 * java -cp ... org.sanctuary.bench.load.TwoNodesLoad URL_A PID_A URL_B TOKEN PARTNER_KEY SECONDS CLIENTS_PER_NODE
 * </pre>
 *
 * Exit status 0 when nothing acknowledged is missing, no index is skipped and no node answered a
 * 5xx other than 503; 1 otherwise. Sends traffic to the two given URLs only (meant for loopback).
 */
public final class TwoNodesLoad {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final String DECISION = "{\"received\":\"2024-07-15\",\"receivingAgency\":\"CPD\",\"requester\":\"ICE\","
      + "\"kind\":\"DETAINER\",\"basis\":\"ADMINISTRATIVE_WARRANT\",\"purpose\":\"CIVIL_IMMIGRATION\"}";
  private static final String REPORT = "{\"category\":\"HELD_FOR_ICE\",\"employeeType\":\"POLICE\",\"department\":\"CPD\","
      + "\"occurredOn\":\"2026-11-20\",\"location\":\"PD010\",\"description\":\"Held at the station until ICE came.\","
      + "\"language\":\"es\"}";
  private static final String[] KINDS = {"decision", "lookup", "read", "report"};
  // a resident address of its own for every report (10.0.0.1 on)
  private static final AtomicLong RESIDENTS = new AtomicLong();

  private TwoNodesLoad() {}

  /** A write's acknowledgement: its ledger index and, for a decision, the leaf hash it was given. */
  record Ack(String node, String kind, long index, String leafHash, long atNanos) {}

  /** Answers of one node and kind. */
  static final class Tally {
    final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    final AtomicLong unanswered = new AtomicLong();
    final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 7) {
      System.err.println("usage: TwoNodesLoad URL_A PID_A URL_B TOKEN PARTNER_KEY SECONDS CLIENTS_PER_NODE");
      System.exit(2);
    }
    URI a = URI.create(args[0]);
    long pidA = Long.parseLong(args[1]);
    URI b = URI.create(args[2]);
    String token = args[3];
    String partnerKey = args[4];
    double seconds = Double.parseDouble(args[5]);
    int clients = Integer.parseInt(args[6]);

    boolean ok = limitHoldsAcrossNodes(a, b);
    Map<String, Tally> tallies = new TreeMap<>();
    for (String node : List.of("a", "b")) for (String kind : KINDS) tallies.put(node + " " + kind, new Tally());
    ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean killed = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(2 * clients);
    long started = System.nanoTime();
    for (int c = 0; c < 2 * clients; c++) {
      String node = c % 2 == 0 ? "a" : "b";
      URI base = node.equals("a") ? a : b;
      int client = c;
      pool.submit(() -> {
        for (long n = client; !stop.get(); n++) {
          if (node.equals("a") && killed.get()) return;
          String kind = KINDS[(int) (n % KINDS.length)];
          call(base, node, kind, n, token, partnerKey, tallies.get(node + " " + kind), acks);
        }
      });
    }
    Thread.sleep((long) (seconds * 500));
    long killedAt = System.nanoTime();
    killed.set(true);
    ProcessHandle.of(pidA).ifPresent(ProcessHandle::destroyForcibly);
    Thread.sleep((long) (seconds * 500));
    stop.set(true);
    pool.shutdown();
    pool.awaitTermination(60, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - started) / 1e9;

    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      Tally t = e.getValue();
      long answered = t.statuses.values().stream().mapToLong(AtomicLong::get).sum();
      List<Long> sorted = new ArrayList<>(t.micros);
      Collections.sort(sorted);
      System.out.printf("node=%s kind=%s answers=%d per_s=%.0f statuses=%s unanswered=%d p50_ms=%.1f p99_ms=%.1f%n",
          e.getKey().split(" ")[0], e.getKey().split(" ")[1], answered, answered / elapsed, t.statuses, t.unanswered.get(),
          percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0);
      for (int status : t.statuses.keySet()) {
        if (status >= 500 && status != 503) ok = false;
      }
      if (e.getKey().startsWith("b") && t.unanswered.get() > 0) ok = false;
    }
    long pause = longestPause(acks, "b", killedAt);
    System.out.printf("failover: node b's longest gap between acknowledgements from 1 s before the kill on: %d ms%n", pause);

    // every acknowledged write, read back through the surviving node
    long size = Long.parseLong(get(b, "/api/v1/ledger/checkpoint").split("\n")[1]);
    Map<Long, byte[]> entries = new java.util.HashMap<>();
    long expect = 0;
    long gaps = 0;
    for (long start = 0; start < size; start += 1000) {
      JsonNode page = JSON.readTree(get(b, "/api/v1/ledger/entries?start=" + start + "&end=" + Math.min(size, start + 1000)));
      for (JsonNode e : page.get("entries")) {
        long index = e.get("index").asLong();
        if (index != expect) gaps++;
        expect = index + 1;
        entries.put(index, Base64.getDecoder().decode(e.get("data").asText()));
      }
    }
    long lost = 0;
    for (Ack ack : acks) {
      byte[] data = entries.get(ack.index());
      if (data == null) {
        lost++;
      } else if (ack.leafHash() != null && !TreeHasher.leafHash(data).base64().equals(ack.leafHash())) {
        lost++;
      } else if (ack.kind().equals("lookup") && !new String(data, StandardCharsets.UTF_8).contains("gateway.access")) {
        lost++;
      } else if (ack.kind().equals("report") && !new String(data, StandardCharsets.UTF_8).contains("incident.received")) {
        lost++;
      }
    }
    System.out.printf("ledger: size %d, %d acknowledged writes checked, %d missing or changed, %d gaps%n",
        size, acks.size(), lost, gaps);
    if (lost > 0 || gaps > 0) ok = false;
    System.out.println(ok ? "two nodes: OK" : "two nodes: FAILED");
    System.exit(ok ? 0 : 1);
  }

  private static void call(URI base, String node, String kind, long n, String token, String partnerKey, Tally t,
      ConcurrentLinkedQueue<Ack> acks) {
    HttpRequest.Builder r = HttpRequest.newBuilder().timeout(Duration.ofSeconds(10));
    switch (kind) {
      case "decision" -> r.uri(base.resolve("/api/v1/decisions")).header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(DECISION));
      case "lookup" -> r.uri(base.resolve("/api/v1/gateway/query")).header("Authorization", "Bearer " + partnerKey)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              "{\"dataset\":\"demo-arrests\",\"parameters\":{\"lastName\":\"Ash\",\"firstName\":\"Ada\"},"
                  + "\"purpose\":\"CRIMINAL\",\"caseNumber\":\"JD-" + (100000 + n % 900000) + "\"}"));
      case "report" -> r.uri(base.resolve("/api/v1/incidents")).header("X-Forwarded-For", resident())
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(REPORT));
      default -> r.uri(base.resolve(n % 2 == 0 ? "/api/v1/ledger/checkpoint" : "/reports")).GET();
    }
    long t0 = System.nanoTime();
    try {
      HttpResponse<String> answer = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
      long at = System.nanoTime();
      t.micros.add((at - t0) / 1000);
      t.statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicLong()).incrementAndGet();
      if (kind.equals("decision") && answer.statusCode() == 201) {
        JsonNode ledger = JSON.readTree(answer.body()).get("ledger");
        acks.add(new Ack(node, kind, ledger.get("index").asLong(), ledger.get("leafHash").asText(), at));
      } else if ((kind.equals("lookup") && answer.statusCode() == 200) || (kind.equals("report") && answer.statusCode() == 201)) {
        acks.add(new Ack(node, kind, JSON.readTree(answer.body()).get("ledgerIndex").asLong(), null, at));
      }
    } catch (Exception e) {
      t.unanswered.incrementAndGet();
    }
  }

  private static String resident() {
    long n = RESIDENTS.incrementAndGet();
    return "10." + (n >> 16 & 0xff) + "." + (n >> 8 & 0xff) + "." + (n & 0xff);
  }

  /**
   * One resident address (192.0.2.77, kept for documentation) files reports on a, b, a, b, a: all
   * five are taken; the sixth, on b, must be refused with 429, since the limit's state is in the
   * database both nodes share. Prints what each answered.
   */
  private static boolean limitHoldsAcrossNodes(URI a, URI b) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      HttpRequest r = HttpRequest.newBuilder((i % 2 == 0 ? a : b).resolve("/api/v1/incidents"))
          .timeout(Duration.ofSeconds(10)).header("X-Forwarded-For", "192.0.2.77")
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(REPORT)).build();
      statuses.add(HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode());
    }
    boolean held = statuses.equals(List.of(201, 201, 201, 201, 201, 429));
    System.out.printf("rate limit across nodes: one address filed on a, b, a, b, a, b: %s (%s)%n", statuses,
        held ? "the sixth refused, as it should be" : "FAILED: want five 201 and then 429");
    return held;
  }

  private static long longestPause(ConcurrentLinkedQueue<Ack> acks, String node, long killedAt) {
    List<Long> times = new ArrayList<>();
    for (Ack ack : acks) if (ack.node().equals(node) && ack.atNanos() > killedAt - 1_000_000_000L) times.add(ack.atNanos());
    Collections.sort(times);
    long longest = 0;
    for (int i = 1; i < times.size(); i++) longest = Math.max(longest, times.get(i) - times.get(i - 1));
    return longest / 1_000_000;
  }

  private static long percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) return 0;
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
  }

  private static String get(URI base, String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
    return r.body();
  }
}
