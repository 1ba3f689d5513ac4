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
  private final AtomicBoolean loseBeforeFlush = new AtomicBoolean();
  private final AtomicInteger lost = new AtomicInteger();
  private final CountDownLatch lossAfter = new CountDownLatch(1);

  @BeforeEach
  void open() {
    database = TestDatabases.fresh();
    ledger = PostgresLedger.start(database, CLOCK, KEY, Duration.ofSeconds(30), Duration.ofMillis(10), (index, leaf) -> {
      if (gated.get()) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) throw new IllegalStateException("the server went away");
      if (loseBeforeFlush.getAndSet(false)) {
        try {
          lossAfter.await(); // once the job behind the batch holds the sequencer
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        deleteFrom(index - lost.get() + 1);
      }
      flushes.incrementAndGet();
      return LedgerTables.flushLogHolding(database, index, leaf);
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

  // what a crash of the database before the flush would leave: the batch's commit gone
  private void deleteFrom(long index) {
    database.inTransaction(c -> {
      try (var s = c.createStatement()) {
        return s.executeUpdate("DELETE FROM ledger_entry WHERE idx >= " + index);
      }
    });
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
  private List<CompletableFuture<Ledger.Recorded<Void>>> fullBatchThenOne() throws Exception {
    return queuedWhileTheSequencerIsHeld(PostgresLedger.MAX_BATCH, 1);
  }

  @Test
  void aBatchCommittedWhileOthersWait_isReadableAtOnce_butItsCallersWaitForTheFlush() throws Exception {
    long before = stored();
    gated.set(true);
    var units = fullBatchThenOne();

    // the lone entry's batch flushed in its own commit and its caller is released
    Ledger.Recorded<Void> one = units.get(1).get(20, TimeUnit.SECONDS);
    assertThat(one.entries().get(0).index()).isEqualTo(before + PostgresLedger.MAX_BATCH);
    // the full batch committed before it (the lone entry follows it in the log) ...
    assertThat(stored()).isEqualTo(before + PostgresLedger.MAX_BATCH + 1);
    // ... yet its caller still waits: the flush meant for it has not run
    assertThat(units.get(0)).isNotDone();
    assertThat(flushes.get()).isZero();

    gate.countDown();
    Ledger.Recorded<Void> full = units.get(0).get(20, TimeUnit.SECONDS);
    assertThat(full.entries()).hasSize(PostgresLedger.MAX_BATCH);
    assertThat(full.entries().get(0).index()).isEqualTo(before);
    assertThat(flushes.get()).isEqualTo(1);
    // a checkpoint covers both, and the log is whole
    ledger.sync();
    LedgerReader reader = new LedgerReader(database);
    assertThat(reader.size()).isEqualTo(before + PostgresLedger.MAX_BATCH + 1);
    assertThat(LedgerAudit.verify(database, List.of(KEY.verifier())).problem()).isEmpty();
  }

  // Queues units of the given sizes behind a bulk job that holds the sequencer, then lets it go:
  // the sequencer takes them in order, as many as fit in a batch (all of them, when they fit, with
  // nothing queued behind that batch).
  private List<CompletableFuture<Ledger.Recorded<Void>>> queuedWhileTheSequencerIsHeld(int... sizes) throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread bulk = holdTheSequencer(holding, release);
    assertThat(holding.await(10, TimeUnit.SECONDS)).as("the bulk job holds the sequencer").isTrue();
    List<CompletableFuture<Ledger.Recorded<Void>>> units = new ArrayList<>();
    try {
      for (int i = 0; i < sizes.length; i++) units.add(ledger.appendAllAsync(entries("unit-" + i, sizes[i]), Ledger.Write.nothing()));
    } finally {
      release.countDown();
      bulk.join(10_000);
    }
    return units;
  }

  private void awaitStored(long size) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (stored() < size) {
      assertThat(System.nanoTime()).as("the batch committed").isLessThan(deadline);
      Thread.sleep(2);
    }
  }

  @Test
  void aLargeBatchOfSeveralCallers_isFlushedAfterItsCommit_evenWithNobodyQueuedBehindIt() throws Exception {
    long before = stored();
    gated.set(true);
    int each = PostgresLedger.FLUSH_LATER_FROM / 2;
    var units = queuedWhileTheSequencerIsHeld(each, each, each);

    // the batch commits with nothing queued behind it ...
    awaitStored(before + 3L * each);
    assertThat(ledger.queued()).isZero();
    // ... and its callers still wait for the flush, which has not run
    Thread.sleep(50);
    assertThat(units).noneMatch(CompletableFuture::isDone);
    assertThat(flushes.get()).isZero();

    gate.countDown();
    List<Long> firsts = new ArrayList<>();
    for (var unit : units) firsts.add(unit.get(20, TimeUnit.SECONDS).entries().get(0).index());
    assertThat(firsts).containsExactlyInAnyOrder(before, before + each, before + 2L * each);
    assertThat(flushes.get()).as("one flush for the batch").isEqualTo(1);
    ledger.sync();
    assertThat(LedgerAudit.verify(database, List.of(KEY.verifier())).problem()).isEmpty();
  }

  @Test
  void aSmallBatchOfSeveralCallers_withNobodyQueuedBehindIt_flushesInItsOwnCommit() throws Exception {
    long before = stored();
    gated.set(true); // a flush by the flusher would hold its callers until the test ends
    var units = queuedWhileTheSequencerIsHeld(1, 1, PostgresLedger.FLUSH_LATER_FROM - 3);

    for (var unit : units) unit.get(5, TimeUnit.SECONDS); // released by its commit, not the gated flusher
    assertThat(stored()).isEqualTo(before + PostgresLedger.FLUSH_LATER_FROM - 1);
    assertThat(flushes.get()).as("no flush after the commit").isZero();
  }

  @Test
  void aFailedFlush_tellsTheCallersTheOutcomeIsUnknown_andTheNextBatchFollowsTheStoredLog() throws Exception {
    long before = stored();
    failNext.set(1);
    var units = fullBatchThenOne();

    assertThatThrownBy(() -> units.get(0).get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(LedgerUnavailableException.class).hasMessageContaining("is not known");
    units.get(1).get(20, TimeUnit.SECONDS);

    // the server kept the batch here (only the flush failed): the next entry follows it, read from
    // the stored log, and nothing is missing
    Ledger.Appended next = ledger.append(LedgerEntry.of("test.flush_after", Map.of("unit", "after")));
    assertThat(next.index()).isEqualTo(before + PostgresLedger.MAX_BATCH + 1);
    ledger.sync();
    assertThat(new LedgerReader(database).size()).isEqualTo(next.index() + 1);
    assertThat(LedgerAudit.verify(database, List.of(KEY.verifier())).problem()).isEmpty();
  }

  @Test
  void aCommitTheDatabaseLostBeforeItsFlush_isNotAcknowledged_andTheNextEntryTakesItsPlace() throws Exception {
    long before = stored();
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch secondHolding = lossAfter;
    CountDownLatch secondRelease = new CountDownLatch(1);
    Thread first = holdTheSequencer(holding, release);
    assertThat(holding.await(10, TimeUnit.SECONDS)).as("the first bulk job holds the sequencer").isTrue();
    // a unit, then a bulk job behind it (a batch stops at a bulk job): the unit's batch commits
    // with the job queued, so it is flushed after its commit; the job then holds the sequencer
    // until the flush has found the batch gone
    CompletableFuture<Ledger.Recorded<Void>> unit = ledger.appendAllAsync(entries("lost", 10), Ledger.Write.nothing());
    Thread second = holdTheSequencer(secondHolding, secondRelease);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (ledger.queued() < 2) {
      assertThat(System.nanoTime()).as("the unit and the job queued").isLessThan(deadline);
      Thread.sleep(2);
    }
    lost.set(10);
    loseBeforeFlush.set(true);
    release.countDown();
    first.join(10_000);

    assertThatThrownBy(() -> unit.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(LedgerUnavailableException.class).hasMessageContaining("is not known")
        .hasMessageContaining("no longer stored");
    assertThat(stored()).as("the lost commit").isEqualTo(before);
    secondRelease.countDown();
    second.join(10_000);

    try (var log = new org.sanctuary.logging.LogCapture(org.sanctuary.logging.LogFormat.TEXT, "level=error")) {
      Ledger.Appended next = ledger.append(LedgerEntry.of("test.flush_after", Map.of("unit", "after")));
      assertThat(next.index()).as("numbered from the stored log").isEqualTo(before);
      assertThat(log.text()).as("not taken for a restore").doesNotContain("went back");
    }
    ledger.sync();
    assertThat(new LedgerReader(database).size()).isEqualTo(before + 1);
    assertThat(LedgerAudit.verify(database, List.of(KEY.verifier())).problem()).isEmpty();
  }

  // a bulk job that holds the sequencer from when it starts until released (it appends nothing,
  // so it fails and writes nothing)
  private Thread holdTheSequencer(CountDownLatch holding, CountDownLatch release) throws InterruptedException {
    Thread t = new Thread(() -> {
      try {
        ledger.bulk((c, appender) -> {
          holding.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Ledger.Outcome.done(null);
        });
      } catch (RuntimeException expected) {
        // nothing appended: the job is refused, as it should be
      }
    });
    t.start();
    return t;
  }
}
