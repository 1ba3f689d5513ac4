package org.sanctuary.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sanctuary.errors.Unavailable;
import org.sanctuary.gateway.GatewayService;

/**
 * The demo year's look-ups in batches: worker threads have the gateway decide each look-up (the
 * same code as a partner's query: key, rate limit, engine, agreement, the dataset's query, marks;
 * the batch reads each key, agreement day and distinct query once), then the batch is recorded in
 * one ledger transaction while the workers decide the next. The entries are the ones the
 * one-by-one path writes, in look-up order ({@code DemoLookupsTest}).
 */
final class DemoLookups {
  /** Builds look-up {@code i} as a partner would send it. */
  @FunctionalInterface
  interface Calls {
    DemoData.Call call(long i, List<String> keys);
  }

  private final Calls calls;
  private final GatewayService gateway;
  private final DemoClock clock;
  private final DemoData.Scale scale;
  private final PrintWriter out;

  DemoLookups(Calls calls, GatewayService gateway, DemoClock clock, DemoData.Scale scale, PrintWriter out) {
    this.calls = calls;
    this.gateway = gateway;
    this.clock = clock;
    this.scale = scale;
    this.out = out;
  }

  /** Decides and records every look-up; returns how many were refused. */
  long run(List<String> keys) {
    long count = scale.lookups();
    if (count == 0) return 0;
    // a batch reads the database once per key, agreement day and distinct query: deciding is mostly CPU
    int workers = Math.min(scale.threads(), Math.max(2, Runtime.getRuntime().availableProcessors()));
    out.printf("demo-data: record look-ups: %,d, decided by %d threads, recorded %,d to a ledger transaction%n",
        count, workers, scale.batch());
    out.flush();
    ExecutorService deciders = Executors.newFixedThreadPool(workers, DemoLookups::daemon);
    ExecutorService recorder = Executors.newSingleThreadExecutor(DemoLookups::daemon);
    long started = System.nanoTime();
    long refused = 0;
    long errors = 0;
    CompletableFuture<Void> recording = CompletableFuture.completedFuture(null);
    try {
      for (long from = 0; from < count; from += scale.batch()) {
        int n = (int) Math.min(scale.batch(), count - from);
        GatewayService.Decided[] batch = decide(deciders, workers, from, n, keys);
        for (GatewayService.Decided d : batch) {
          if (d.outcome().equals("DENY")) refused++;
          if (d.outcome().equals("ERROR")) errors++;
        }
        // the record source timed out (a loaded machine): recorded as ERROR, like any other look-up;
        // more than one in a hundred means something else is wrong
        if (errors > Math.max(100, count / 100)) {
          throw new Unavailable("demo-data: " + errors + " look-ups found the record source unavailable", null);
        }
        join(recording);
        long done = from + n;
        List<GatewayService.Decided> list = Arrays.asList(batch);
        recording = CompletableFuture.runAsync(() -> {
          gateway.recordAll(list);
          progress(done, count, started);
        }, recorder);
      }
      join(recording);
    } finally {
      deciders.shutdownNow();
      recorder.shutdownNow();
    }
    return refused;
  }

  // Look-ups from..from+n-1, each on one of the workers with the clock at its moment.
  private GatewayService.Decided[] decide(ExecutorService pool, int workers, long from, int n, List<String> keys) {
    GatewayService.Decided[] batch = new GatewayService.Decided[n];
    GatewayService.Batch reads = gateway.batch();
    List<Future<?>> futures = new ArrayList<>(workers);
    for (int w = 0; w < workers; w++) {
      int first = w;
      futures.add(pool.submit(() -> {
        for (int k = first; k < n; k += workers) {
          DemoData.Call call = calls.call(from + k, keys);
          clock.set(call.at());
          try {
            batch[k] = reads.decide(call.key(), call.body());
          } finally {
            clock.clear();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) join(f);
    return batch;
  }

  private void progress(long done, long count, long started) {
    double seconds = (System.nanoTime() - started) / 1e9;
    double rate = done / Math.max(seconds, 1e-3);
    synchronized (out) {
      out.printf("demo-data:   look-ups %,d of %,d (%d%%), %,.0f a second, %s%n", done, count, done * 100 / count,
          rate, done < count ? "about " + Math.round((count - done) / rate) + " s to go" : "done");
      out.flush();
    }
  }

  private static void join(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("demo-data: interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) throw re;
      throw new IllegalStateException(cause);
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "demo-data");
    t.setDaemon(true);
    return t;
  }
}
