package org.sanctuary.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Load run, on demand only ({@code -Dsanctuary.load=true}): many reports over loopback from a few
 * concurrent clients, bounded in count and time; then every report that got a 201 must be stored.
 * The baseline, measured in the same run, is {@code GET /healthz} (one database round trip).
 */
@EnabledIfSystemProperty(named = "sanctuary.load", matches = "true")
class IntakeLoadRun {
  private static final int CLIENTS = 8;
  private static final int REPORTS = 2000;
  private static final long MAX_SECONDS = 120;

  @Test
  void sustainedIntake_losesNoReport() throws Exception {
    try (IncidentFixture f = new IncidentFixture(Integer.MAX_VALUE / 2, Integer.MAX_VALUE / 2)) {
      double baseline = rate(REPORTS, () -> f.server.get("/healthz").statusCode() == 200);
      ConcurrentHashMap<String, Boolean> receipts = new ConcurrentHashMap<>();
      double intake = rate(REPORTS, () -> {
        HttpResponse<String> r = f.server.post("/api/v1/incidents", "application/json",
            IncidentApiTest.report("POLICE", ",\"contact\":\"555-0100\""));
        if (r.statusCode() != 201) return false;
        receipts.put(r.body().replaceAll(".*\"receipt\":\"([0-9A-Z]+)\".*", "$1"), true);
        return true;
      });
      long stored = f.count("SELECT count(*) FROM incident");
      long ledgered = f.count("SELECT count(*) FROM incident WHERE ledger_index IS NOT NULL");
      System.out.printf("incident intake: %d reports, %.0f/s; baseline GET /healthz %.0f/s; ratio %.2f;"
          + " stored %d, in the ledger %d%n", receipts.size(), intake, baseline, intake / baseline, stored, ledgered);
      assertThat(receipts).hasSize(REPORTS);
      assertThat(stored).isEqualTo(REPORTS);
      assertThat(ledgered).isEqualTo(REPORTS);
    }
  }

  interface Call {
    boolean run() throws Exception;
  }

  private static double rate(int count, Call call) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      done.add(pool.submit(() -> {
        while (next.getAndIncrement() < count) {
          if (call.run()) ok.incrementAndGet();
        }
        return null;
      }));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(MAX_SECONDS, TimeUnit.SECONDS)).as("finished within the time bound").isTrue();
    for (Future<?> d : done) d.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(ok.get()).isEqualTo(count);
    return count / seconds;
  }
}
