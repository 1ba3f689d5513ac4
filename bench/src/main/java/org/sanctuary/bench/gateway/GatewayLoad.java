package org.sanctuary.bench.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.sanctuary.config.Config;
import org.sanctuary.gateway.Gateway;
import org.sanctuary.gateway.web.GatewayRoutes;
import org.sanctuary.gateway.Partner;
import org.sanctuary.gateway.web.QueryController;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.store.Database;
import org.sanctuary.web.Server;

/**
 * The gateway's overhead: the same look-up (demo-arrests for one person) run directly against the
 * source over JDBC, through the gateway in-process, and through the gateway over HTTP on
 * 127.0.0.1, in one run on an embedded PostgreSQL. Bounded: a fixed count per single-thread
 * series and a fixed time for the concurrent one.
 *
 * <p>Arguments: [data folder] [look-ups per series] [threads] [seconds].
 */
public final class GatewayLoad {
  private static final String SQL =
      "SELECT p.id AS person_key, p.first_name, p.last_name, p.date_of_birth, p.home_address,"
          + " a.id AS arrest_key, a.arrested_on, a.charge, a.district, a.victim_flag"
          + " FROM demo_records.persons p JOIN demo_records.arrests a ON a.person_id = p.id"
          + " WHERE p.last_name = ? AND p.first_name = ? ORDER BY a.arrested_on, a.id";
  private static final String[] FIRST = {"Ada", "Ben", "Cleo", "Dev", "Esme", "Finn", "Gia", "Hugo"};
  private static final String[] LAST = {"Ash", "Birch", "Cedar", "Dale", "Elm", "Fern", "Glen", "Heath"};

  private GatewayLoad() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args.length > 0 ? args[0] : "bench/target/gateway-load");
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Files.createDirectories(data);
    Clock clock = Clock.systemUTC();
    try (Database db = Database.embedded(data)) {
      var engine = PolicySetup.engine(null, Set.of());
      PostgresLedger ledger = PostgresLedger.start(db, clock, org.sanctuary.ledger.note.Signer.generate("city.example/ledger"));
      // the rate limit kept in PostgreSQL, as serve keeps it
      byte[] limitKey = new byte[32];
      new java.security.SecureRandom().nextBytes(limitKey);
      Gateway gateway = Gateway.create(engine, db, ledger, clock, org.sanctuary.config.CityCalendar.CHICAGO,
          new org.sanctuary.limits.PostgresBuckets(db, clock, limitKey));
      Partner p = gateway.admin().partners().stream().filter(x -> x.agencyId().equals("FBI")).findFirst()
          .orElseGet(() -> gateway.admin().admit("FBI", null, 100_000, 100_000));
      gateway.admin().addAgreement(p.id(), List.of("demo-arrests"), EnumSet.of(Purpose.CRIMINAL),
          LocalDate.now(clock).minusDays(1), LocalDate.now(clock).plusDays(30), true, "load run");
      String key = gateway.admin().issueKey(p.id(), null).key();

      // warm-up of each path, then the timed series, in the same process
      direct(db, count / 5);
      inProcess(gateway, key, count / 5);
      long[] direct = direct(db, count);
      long[] gw = inProcess(gateway, key, count);
      long[] appends = new long[count];
      for (int i = 0; i < count; i++) {
        long s = System.nanoTime();
        ledger.append(org.sanctuary.ledger.store.LedgerEntry.of("bench.append", java.util.Map.of("i", i)));
        appends[i] = System.nanoTime() - s;
      }
      Config config = new Config(0, data, Optional.empty(), "127.0.0.1");
      try (Server server = Server.start(config, db, List.of(new GatewayRoutes(new QueryController(gateway.service()))))) {
        URI uri = server.uri().resolve("/api/v1/gateway/query");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        http(client, uri, key, count / 5);
        long[] overHttp = http(client, uri, key, count);
        report("direct JDBC", direct, null);
        report("ledger append alone", appends, direct);
        report("gateway in-process", gw, direct);
        report("gateway over HTTP", overHttp, direct);
        double directRate = throughput(threads, seconds, i -> directOne(db, i));
        double httpRate = throughput(threads, seconds, i -> httpOne(client, uri, key, i));
        System.out.printf("throughput, %d threads, %d s: direct %.0f/s, gateway over HTTP %.0f/s (ratio %.2f)%n",
            threads, seconds, directRate, httpRate, httpRate / directRate);
      }
    }
  }

  private interface Op {
    void run(int i) throws Exception;
  }

  private static long[] direct(Database db, int n) throws Exception {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      directOne(db, i);
      t[i] = System.nanoTime() - s;
    }
    return t;
  }

  private static void directOne(Database db, int i) throws Exception {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setString(1, LAST[i % LAST.length]);
      ps.setString(2, FIRST[(i / LAST.length) % FIRST.length]);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) rs.getObject(1);
      }
    }
  }

  private static String body(int i) {
    return "{\"dataset\":\"demo-arrests\",\"parameters\":{\"lastName\":\"" + LAST[i % LAST.length]
        + "\",\"firstName\":\"" + FIRST[(i / LAST.length) % FIRST.length]
        + "\"},\"purpose\":\"CRIMINAL\",\"caseNumber\":\"LOAD-" + i + "\"}";
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private static long[] inProcess(Gateway g, String key, int n) throws Exception {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      var node = JSON.readTree(body(i));
      long s = System.nanoTime();
      g.service().query("Bearer " + key, node);
      t[i] = System.nanoTime() - s;
    }
    return t;
  }

  private static long[] http(HttpClient client, URI uri, String key, int n) throws Exception {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      httpOne(client, uri, key, i);
      t[i] = System.nanoTime() - s;
    }
    return t;
  }

  private static void httpOne(HttpClient client, URI uri, String key, int i) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(i))).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IllegalStateException("gateway answered " + r.statusCode() + ": " + r.body());
  }

  private static double throughput(int threads, int seconds, Op op) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    Future<?>[] fs = new Future<?>[threads];
    for (int t = 0; t < threads; t++) {
      int base = t * 1_000_000;
      fs[t] = pool.submit(() -> {
        int i = base;
        while (System.nanoTime() < end) {
          op.run(i++);
          done.incrementAndGet();
        }
        return null;
      });
    }
    for (Future<?> f : fs) f.get();
    pool.shutdown();
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static void report(String what, long[] t, long[] baseline) {
    long[] s = t.clone();
    Arrays.sort(s);
    double p50 = s[s.length / 2] / 1e6;
    double p99 = s[(int) (s.length * 0.99)] / 1e6;
    if (baseline == null) {
      System.out.printf("%-20s p50 %.3f ms  p99 %.3f ms%n", what, p50, p99);
      return;
    }
    long[] b = baseline.clone();
    Arrays.sort(b);
    double bp50 = b[b.length / 2] / 1e6;
    System.out.printf("%-20s p50 %.3f ms  p99 %.3f ms  added p50 %.3f ms  ratio p50 %.2f%n", what, p50, p99,
        p50 - bp50, p50 / bp50);
  }
}
