package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.DatabaseServer;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.store.Database;
import org.sanctuary.store.RestartablePostgres;

/**
 * Issue 13, the fault test: the database is stopped and started again while four clients write
 * and read at once (recorded decisions, violation reports, partner look-ups, public reads).
 * Every write is either acknowledged and present afterwards, or refused with 503; nothing else
 * is answered; every kind of write succeeds again once the database is back, without a restart
 * of the server; and {@code ledger verify} passes on the log that went through it.
 */
class DatabaseRestartUnderLoadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String JSON_TYPE = "application/json";
  /** Successful writes of each kind wanted after the restart, proof that each path recovered. */
  private static final int AFTER_RESTART = 5;

  private static RestartablePostgres postgres;
  private static String databaseUrl;
  private static FullApp app;
  private static String recordsToken;
  private static String partnerKey;

  @BeforeAll
  static void start() throws Exception {
    postgres = RestartablePostgres.withDatabase("restart");
    databaseUrl = postgres.url("restart");
    app = new FullApp(Database.connect(DatabaseServer.of(databaseUrl)));
    StaffTestClient administrator = app.signIn(Role.ADMINISTRATOR);
    HttpResponse<String> token = administrator.postRaw("/api/v1/admin/register/tokens", JSON_TYPE,
        "{\"name\":\"records-system\"}", "X-CSRF-Token", administrator.csrf());
    assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
    recordsToken = JSON.readTree(token.body()).get("token").asText();
    String gateway = "/api/v1/admin/gateway/partners";
    HttpResponse<String> partner = administrator.postRaw(gateway, JSON_TYPE,
        "{\"agency\":\"FBI\",\"name\":\"Chicago field office\"}", "X-CSRF-Token", administrator.csrf());
    assertThat(partner.statusCode()).as(partner.body()).isEqualTo(201);
    long id = JSON.readTree(partner.body()).get("id").asLong();
    HttpResponse<String> agreement = administrator.postRaw(gateway + "/" + id + "/agreements", JSON_TYPE,
        "{\"datasets\":[\"demo-arrests\"],\"purposes\":[\"CRIMINAL\"],\"startsOn\":\"2026-01-01\","
            + "\"endsOn\":\"2027-12-31\",\"noOnwardDisclosure\":true,\"signedBy\":\"A. Signer\"}",
        "X-CSRF-Token", administrator.csrf());
    assertThat(agreement.statusCode()).as(agreement.body()).isEqualTo(201);
    HttpResponse<String> key = administrator.postRaw(gateway + "/" + id + "/keys", JSON_TYPE, "{}",
        "X-CSRF-Token", administrator.csrf());
    assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
    partnerKey = JSON.readTree(key.body()).get("key").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) app.close();
    if (postgres != null) postgres.close();
  }

  /** What the clients saw: acknowledged writes by kind, and every answer that was neither. */
  private static final class Outcomes {
    final Map<String, String> decisions = new ConcurrentHashMap<>(); // public request id -> ledger index
    final Map<String, String> reports = new ConcurrentHashMap<>(); // receipt -> secret
    final List<Long> lookups = Collections.synchronizedList(new ArrayList<>()); // ledger indexes
    final List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> afterRestart = new ConcurrentHashMap<>();
    final AtomicBoolean restarted = new AtomicBoolean();

    void refused(String kind) {
      refused.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    void acknowledged(String kind) {
      if (restarted.get()) afterRestart.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    boolean recovered() {
      for (String kind : List.of("decision", "report", "lookup")) {
        if (afterRestart.getOrDefault(kind, new AtomicInteger()).get() < AFTER_RESTART) return false;
      }
      return true;
    }
  }

  @Test
  void databaseRestartedUnderMixedLoad_everyWriteAcknowledgedAndKeptOrRefusedWith503() throws Exception {
    Outcomes seen = new Outcomes();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<?>> futures = List.of(
        clients.submit(() -> loop(running, n -> decision(n, seen))),
        clients.submit(() -> loop(running, n -> report(seen))),
        clients.submit(() -> loop(running, n -> lookup(n, seen))),
        clients.submit(() -> loop(running, n -> read(n, seen))));
    try {
      Thread.sleep(1_500);
      postgres.stop(); // a fast shutdown: open connections are cut
      Thread.sleep(3_000);
      postgres.start();
      seen.restarted.set(true);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!seen.recovered() && System.nanoTime() < deadline) Thread.sleep(100);
    } finally {
      running.set(false);
      for (Future<?> f : futures) f.get(60, TimeUnit.SECONDS);
      clients.shutdown();
    }

    System.out.printf("restart under load: acknowledged %d decisions, %d reports, %d look-ups; refused with 503 %s;"
        + " acknowledged after the restart %s%n", seen.decisions.size(), seen.reports.size(), seen.lookups.size(),
        seen.refused, seen.afterRestart);
    assertThat(seen.wrong).as("answers that were neither an acknowledgement nor a 503").isEmpty();
    assertThat(seen.refused.keySet()).as("kinds of write refused with 503 while the database was down")
        .contains("decision", "report", "lookup");
    assertThat(seen.recovered()).as("each kind of write acknowledged again after the restart: %s",
        seen.afterRestart).isTrue();

    for (Map.Entry<String, String> d : seen.decisions.entrySet()) {
      assertThat(app.count("SELECT count(*) FROM federal_request WHERE public_id = '" + d.getKey()
          + "'::uuid AND ledger_index = " + d.getValue())).as("acknowledged decision %s", d.getKey()).isEqualTo(1);
    }
    for (long index : seen.lookups) {
      assertThat(app.count("SELECT count(*) FROM ledger_entry WHERE idx = " + index
          + " AND convert_from(data, 'UTF8')::jsonb->>'type' = 'gateway.access'"))
          .as("acknowledged look-up at ledger index %d", index).isEqualTo(1);
    }
    for (Map.Entry<String, String> r : seen.reports.entrySet()) {
      app.clock.advance(Duration.ofMinutes(1)); // status look-ups are rate limited per address too
      HttpResponse<String> status = app.server.get("/api/v1/incidents/" + r.getKey(), "X-Receipt-Secret", r.getValue());
      assertThat(status.statusCode()).as("acknowledged report %s: %s", r.getKey(), status.body()).isEqualTo(200);
    }
    assertThat(seen.decisions.size() + seen.reports.size() + seen.lookups.size()).isGreaterThan(3 * AFTER_RESTART);

    Path key = postgres.folder().resolveSibling(postgres.folder().getFileName() + "-ledger.key");
    app.signer.write(key);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int verified = Main.execute(new String[] {"ledger", "verify", "--db", databaseUrl, "--ledger-key", key.toString()},
        new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(verified).as("ledger verify: %s %s", out, err).isZero();
  }

  /** One client: numbered calls until told to stop; a call that throws ends the test's hopes. */
  private static void loop(AtomicBoolean running, ThrowingCall call) {
    for (int n = 0; running.get(); n++) {
      try {
        call.run(n);
      } catch (Exception e) {
        throw new IllegalStateException("client call " + n + " failed", e);
      }
    }
  }

  private interface ThrowingCall {
    void run(int n) throws Exception;
  }

  private static void decision(int n, Outcomes seen) throws Exception {
    String id = "restart-" + n;
    HttpResponse<String> r = send("/api/v1/decisions", "{\"id\":\"" + id + "\",\"received\":\"2024-07-15\","
        + "\"receivingAgency\":\"CPD\",\"requester\":\"ERO\",\"kind\":\"DETAINER\","
        + "\"basis\":\"ADMINISTRATIVE_WARRANT\",\"purpose\":\"CIVIL_IMMIGRATION\"}", "Bearer " + recordsToken);
    if (r.statusCode() == 201) {
      JsonNode d = JSON.readTree(r.body());
      seen.decisions.put(d.get("request").asText(), d.get("ledger").get("index").asText());
      seen.acknowledged("decision");
    } else {
      judge("decision", r, seen);
    }
  }

  private static void report(Outcomes seen) throws Exception {
    app.clock.advance(Duration.ofMinutes(6)); // one report per address every 6 minutes
    HttpResponse<String> r = send("/api/v1/incidents", "{\"category\":\"HELD_FOR_ICE\",\"employeeType\":\"POLICE\","
        + "\"department\":\"CPD\",\"occurredOn\":\"2026-03-01\",\"location\":\"CA22\","
        + "\"description\":\"Held at the station for immigration agents.\"}", null);
    if (r.statusCode() == 201) {
      JsonNode b = JSON.readTree(r.body());
      seen.reports.put(b.get("receipt").asText(), b.get("secret").asText());
      seen.acknowledged("report");
    } else {
      judge("report", r, seen);
    }
  }

  private static void lookup(int n, Outcomes seen) throws Exception {
    HttpResponse<String> r = send("/api/v1/gateway/query", "{\"dataset\":\"demo-arrests\",\"parameters\":"
        + "{\"lastName\":\"Ash\",\"firstName\":\"Ada\"},\"purpose\":\"CRIMINAL\",\"caseNumber\":\"JD-" + (100000 + n)
        + "\"}", "Bearer " + partnerKey);
    if (r.statusCode() == 200) {
      seen.lookups.add(JSON.readTree(r.body()).get("ledgerIndex").asLong());
      seen.acknowledged("lookup");
    } else {
      judge("lookup", r, seen);
    }
  }

  private static final List<String> READS = List.of("/api/v1/ledger/checkpoint", "/api/v1/ledger/entries?start=0&end=5",
      "/reports", "/ledger");

  private static void read(int n, Outcomes seen) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(app.server.uri(READS.get(n % READS.size())))
        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) judge("read", r, seen);
    Thread.sleep(5);
  }

  /** Anything but a 503 with a reason and Retry-After is a wrong answer. */
  private static void judge(String kind, HttpResponse<String> r, Outcomes seen) {
    if (r.statusCode() == 503 && !r.body().isBlank() && r.headers().firstValue("Retry-After").isPresent()) {
      seen.refused(kind);
    } else {
      seen.wrong.add(kind + " " + r.statusCode() + " " + r.headers().firstValue("Retry-After").orElse("-") + " "
          + r.body());
    }
  }

  private static HttpResponse<String> send(String path, String json, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(app.server.uri(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", JSON_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (authorization != null) b.header("Authorization", authorization);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
