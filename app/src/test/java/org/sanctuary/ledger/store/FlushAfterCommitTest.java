package org.sanctuary.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;

/**
 * A batch committed while more callers wait does not wait for the disk in its commit; its callers
 * are released only once the log has been flushed after it ({@link LogFlusher}). The flush is the
 * real one, behind a gate the test opens, or a failure the test raises.
 */
class FlushAfterCommitTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final Signer KEY = Signer.fromSeed("city.example/ledger", new byte[32]);

  private Database database;
  private PostgresLedger ledger;
  private final CountDownLatch gate = new CountDownLatch(1);
  private final AtomicBoolean gated = new AtomicBoolean();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger flushes = new AtomicInteger();

  @BeforeEach
  void open() {
    database = TestDatabases.fresh();
    ledger = PostgresLedger.start(database, CLOCK, KEY, Duration.ofSeconds(30), Duration.ofMillis(10), () -> {
      if (gated.get()) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) throw new IllegalStateException("the server went away");
      LedgerTables.flushLog(database);
      flushes.incrementAndGet();
    });
  }

  @AfterEach
  void close() {
    gate.countDown();
    ledger.close();
    database.close();
  }

  private static List<LedgerEntry> entries(String tag, int n) {
    List<LedgerEntry> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(LedgerEntry.of("test.flush_after", Map.of("unit", tag, "i", i)));
    return out;
  }

  private long stored() {
    return database.inTransaction(c -> {
      try (var s = c.createStatement(); var r = s.executeQuery("SELECT count(*) FROM ledger_entry")) {
        r.next();
        return r.getLong(1);
      }
    });
  }

  /**
   * Queues a full batch and one entry behind it while a bulk job holds the sequencer: the full
   * batch then commits with a caller still queued (it is flushed later), the lone entry after it
   * alone (flushed in its commit).
   */
  private CompletableFuture<Ledger.Recorded<Void>>[] fullBatchThenOne() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread bulk = new Thread(() -> ledger.bulk((c, appender) -> {
      holding.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Ledger.Outcome.done(null);
    }));
    bulk.start();
    assertThat(holding.await(10, TimeUnit.SECONDS)).as("the bulk job holds the sequencer").isTrue();
    try {
      @SuppressWarnings("unchecked")
      CompletableFuture<Ledger.Recorded<Void>>[] units = new CompletableFuture[] {
          ledger.appendAllAsync(entries("full", PostgresLedger.MAX_BATCH), Ledger.Write.nothing()),
          ledger.appendAllAsync(entries("one", 1), Ledger.Write.nothing())};
      return units;
    } finally {
      release.countDown();
      bulk.join(10_000);
    }
  }

  @Test
  void aBatchCommittedWhileOthersWait_isReadableAtOnce_butItsCallersWaitForTheFlush() throws Exception {
    long before = stored();
    gated.set(true);
    var units = fullBatchThenOne();

    // the lone entry's batch flushed in its own commit and its caller is released
    Ledger.Recorded<Void> one = units[1].get(20, TimeUnit.SECONDS);
    assertThat(one.entries().get(0).index()).isEqualTo(before + PostgresLedger.MAX_BATCH);
    // the full batch committed before it (the lone entry follows it in the log) ...
    assertThat(stored()).isEqualTo(before + PostgresLedger.MAX_BATCH + 1);
    // ... yet its caller still waits: the flush meant for it has not run
    assertThat(units[0]).isNotDone();
    assertThat(flushes.get()).isZero();

    gate.countDown();
    Ledger.Recorded<Void> full = units[0].get(20, TimeUnit.SECONDS);
    assertThat(full.entries()).hasSize(PostgresLedger.MAX_BATCH);
    assertThat(full.entries().get(0).index()).isEqualTo(before);
    assertThat(flushes.get()).isEqualTo(1);
    // a checkpoint covers both, and the log is whole
    ledger.sync();
    LedgerReader reader = new LedgerReader(database);
    assertThat(reader.size()).isEqualTo(before + PostgresLedger.MAX_BATCH + 1);
    assertThat(LedgerAudit.verify(database, List.of(KEY.verifier())).problem()).isEmpty();
  }

  @Test
  void aFailedFlush_tellsTheCallersTheOutcomeIsUnknown_andTheNextBatchFollowsTheStoredLog() throws Exception {
    long before = stored();
    failNext.set(1);
    var units = fullBatchThenOne();

    assertThatThrownBy(() -> units[0].get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(LedgerUnavailableException.class).hasMessageContaining("is not known");
    units[1].get(20, TimeUnit.SECONDS);

    // the server kept the batch here (only the flush failed): the next entry follows it, read from
    // the stored log, and nothing is missing
    Ledger.Appended next = ledger.append(LedgerEntry.of("test.flush_after", Map.of("unit", "after")));
    assertThat(next.index()).isEqualTo(before + PostgresLedger.MAX_BATCH + 1);
    ledger.sync();
    assertThat(new LedgerReader(database).size()).isEqualTo(next.index() + 1);
    assertThat(LedgerAudit.verify(database, List.of(KEY.verifier())).problem()).isEmpty();
  }
}
