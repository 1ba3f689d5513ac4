package org.sanctuary.bench.ledger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.sanctuary.config.DatabaseServer;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.ledger.store.LedgerObserver;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.store.Database;

/**
 * Durable appends per second through {@link PostgresLedger}: W writers each append and wait for the
 * commit before appending again, for a fixed time. Not JMH: what matters is throughput under
 * concurrency, with every append acknowledged only after its batch committed.
 *
 * <pre>
 * java -cp ... org.sanctuary.bench.ledger.DurableAppends [--threads] (--db JDBC_URL | --embedded DIR) SECONDS W1 W2 ...
 * </pre>
 *
 * <p>A writer holds no thread while it waits ({@link PostgresLedger#appendAllAsync}): its next
 * append is made when the last one completes, as pgbench drives its 64 clients from two threads.
 * With {@code --threads} each writer is a thread blocked in {@link PostgresLedger#append}, and the
 * two cores then spend much of their time parking and waking them.
 *
 * <p>Before measuring, each writer count runs for {@value #WARM_UP_SECONDS} s in all, in turns: on
 * two cores the JIT compilers take that long to settle, and a shorter warm-up measures them (the
 * first 5 s at 64 writers ran at about 0.6 of the rate of the later ones). Each measured line is
 * followed, on standard error, by the batches it took and this process's CPU an append; a line
 * {@code measuring writers=W} on standard error marks the start of each measured run.
 */
public final class DurableAppends {
  static final double WARM_UP_SECONDS = 20;

  private DurableAppends() {}

  public static void main(String[] given) throws Exception {
    List<String> list = new ArrayList<>(List.of(given));
    boolean threads = list.remove("--threads");
    String[] args = list.toArray(String[]::new);
    Database database = args[0].equals("--db")
        ? Database.connect(DatabaseServer.of(args[1]))
        : Database.embedded(Path.of(args[1]));
    double seconds = Double.parseDouble(args[2]);
    try (database; PostgresLedger ledger = PostgresLedger.start(database, Clock.systemUTC(),
        Signer.generate("bench.example/ledger"))) {
      Batches batches = new Batches();
      ledger.observe(batches);
      int counts = args.length - 3;
      for (int round = 0; round < 2; round++) {
        for (int i = 3; i < args.length; i++) run(ledger, threads, Integer.parseInt(args[i]), WARM_UP_SECONDS / 2 / counts);
      }
      for (int i = 3; i < args.length; i++) {
        int writers = Integer.parseInt(args[i]);
        long before = batches.count.sum();
        long nanosBefore = batches.nanos.sum();
        // marks the measured window's start for a script that reads the database server's CPU
        System.err.printf("measuring writers=%d%n", writers);
        long cpuBefore = processCpuNanos();
        long appends = run(ledger, threads, writers, seconds);
        long cpu = processCpuNanos() - cpuBefore;
        System.out.printf("writers=%d appends=%d seconds=%.1f appends/s=%.0f%n", writers, appends, seconds,
            appends / seconds);
        long taken = Math.max(1, batches.count.sum() - before);
        // without the JDK's process CPU time (another JVM), "n/a" rather than a figure of nothing
        String nodeCpu = cpuBefore < 0 ? "n/a" : String.format("%.1f", cpu / 1e3 / Math.max(1, appends));
        System.err.printf("writers=%d batches=%d entries/batch=%.1f commit=%.3f ms node_cpu=%s us/append%n",
            writers, taken, appends / (double) taken, (batches.nanos.sum() - nanosBefore) / 1e6 / taken, nodeCpu);
      }
      ledger.sync(); // the checkpoint over the last appends
      System.out.println("ledger size " + new LedgerReader(database).size());
    }
  }

  // CPU time of this whole process (the ledger and its writers), in nanoseconds; -1 when unknown
  private static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
  }

  /** Counts the committed batches and their time, from the ledger's own report of each. */
  private static final class Batches implements LedgerObserver {
    final LongAdder count = new LongAdder();
    final LongAdder nanos = new LongAdder();

    @Override
    public void committed(int entries, Duration took) {
      count.increment();
      nanos.add(took.toNanos());
    }

    @Override
    public void failed() {}

    @Override
    public void signed(long size, Instant at) {}
  }

  // Entries shaped like a decision entry: about 550 bytes of canonical JSON.
  static LedgerEntry entry(long n) {
    Map<String, Object> f = new TreeMap<>();
    // a UUID-shaped id, built as UUID.toString builds one (String.format's parsing cost the
    // writers more than the rest of the entry)
    f.put("request", hex(n >>> 16, 8) + "-0000-4000-8000-" + hex(n, 12));
    f.put("at", "2026-11-22T05:21:20.681338Z");
    f.put("received", "2019-07-15");
    f.put("body", "CPD");
    f.put("requester", "ICE");
    f.put("kind", "DETAINER");
    f.put("basis", "ADMINISTRATIVE_WARRANT");
    f.put("purpose", "CIVIL_IMMIGRATION");
    f.put("subject", 0);
    f.put("outcome", "DENY");
    f.put("packs", List.of("chicago-wco-2012@1", "illinois-trust-act-2017@1", "chicago-cpd-2019-ice-database@1"));
    f.put("reasons", List.of("chicago-wco-2012:no-detainer-holds:DENY",
        "chicago-wco-2012:no-administrative-warrant-detention:DENY", "illinois-trust-act-2017:no-detainer-holds:DENY",
        "illinois-trust-act-2017:no-civil-warrant-detention:DENY"));
    return LedgerEntry.of("decision", f);
  }

  // v in lower-case hex, zero-padded to at least width digits (as %0{width}x)
  static String hex(long v, int width) {
    String h = Long.toHexString(v);
    return h.length() >= width ? h : "0".repeat(width - h.length()) + h;
  }

  private static long run(PostgresLedger ledger, boolean threads, int writers, double seconds)
      throws InterruptedException {
    return threads ? runThreads(ledger, writers, seconds) : runAsync(ledger, writers, seconds);
  }

  // Each writer keeps one append in flight and appends again once it is durable, holding no thread
  // while it waits (as pgbench's 64 clients share its 2 threads).
  private static long runAsync(PostgresLedger ledger, int writers, double seconds) throws InterruptedException {
    LongAdder done = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(writers);
    for (int w = 0; w < writers; w++) new Writer(ledger, (long) w << 40, done, stop, finished).next();
    Thread.sleep((long) (seconds * 1000));
    long count = done.sum();
    stop.set(true);
    finished.await();
    return count;
  }

  private static final class Writer {
    private final PostgresLedger ledger;
    private final LongAdder done;
    private final AtomicBoolean stop;
    private final CountDownLatch finished;
    private long n;

    Writer(PostgresLedger ledger, long base, LongAdder done, AtomicBoolean stop, CountDownLatch finished) {
      this.ledger = ledger;
      this.n = base;
      this.done = done;
      this.stop = stop;
      this.finished = finished;
    }

    void next() {
      if (stop.get()) {
        finished.countDown();
        return;
      }
      ledger.appendAllAsync(List.of(entry(n++)), Ledger.Write.nothing()).whenComplete((recorded, failure) -> {
        if (failure != null) {
          System.err.println("writer failed: " + failure);
          finished.countDown();
          return;
        }
        done.increment();
        next();
      });
    }
  }

  // One thread per writer, each blocked in append until its entry is durable.
  private static long runThreads(PostgresLedger ledger, int writers, double seconds) throws InterruptedException {
    LongAdder done = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(writers);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      long base = (long) w << 40;
      Thread t = new Thread(() -> {
        long n = base;
        try {
          while (!stop.get()) {
            ledger.append(entry(n++));
            done.increment();
          }
        } catch (RuntimeException e) {
          System.err.println("writer failed: " + e);
        } finally {
          finished.countDown();
        }
      });
      threads.add(t);
      t.start();
    }
    Thread.sleep((long) (seconds * 1000));
    long count = done.sum();
    stop.set(true);
    finished.await();
    return count;
  }
}
