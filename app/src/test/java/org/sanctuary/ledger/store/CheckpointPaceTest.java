package org.sanctuary.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;

/**
 * How often the signer signs: once per interval while a caller waits for a checkpoint; while
 * nobody waits, only once the log has been quiet for an interval, or its last checkpoint is a
 * second old.
 */
class CheckpointPaceTest {
  private static final Duration INTERVAL = Duration.ofMillis(50);

  private Database database;
  private PostgresLedger ledger;
  private final ExecutorService writer = Executors.newSingleThreadExecutor();
  private final AtomicBoolean writing = new AtomicBoolean(true);
  private final AtomicLong lastIndex = new AtomicLong(-1);

  @BeforeEach
  void open() {
    database = Database.connect(TestDatabases.freshServer());
    ledger = PostgresLedger.start(database, PostgresLedgerTest.CLOCK, PostgresLedgerTest.KEY, INTERVAL);
  }

  @AfterEach
  void close() {
    writing.set(false);
    writer.shutdownNow();
    ledger.close();
    database.close();
  }

  @Test
  void aBusyLogNobodyWaitsOn_isSignedOnceASecond_aWaiterWithinTheInterval_andAQuietLogAtOnce() throws Exception {
    ledger.append(LedgerContract.entry(0));
    ledger.awaitCheckpoint(0);
    long before = checkpoints();
    // one writer appends without pause: commits a millisecond or so apart, never an interval
    Future<?> appends = writer.submit(() -> {
      int i = 1;
      while (writing.get()) lastIndex.set(ledger.append(LedgerContract.entry(i++)).index());
    });
    Thread.sleep(800);
    long whileNobodyWaits = checkpoints() - before;
    assertThat(lastIndex.get()).as("entries appended meanwhile").isGreaterThan(40);
    // at the interval it would be some 16; held back, the busy log is signed once a second at most
    assertThat(whileNobodyWaits).as("checkpoints stored in 800 ms of appends nobody waited on").isLessThanOrEqualTo(3);

    // a caller that waits is answered within about an interval, not the second (three times over,
    // as a wait begun late in the second could end with the second)
    for (int turn = 0; turn < 3; turn++) {
      long waitStarted = System.nanoTime();
      ledger.awaitCheckpoint(lastIndex.get());
      assertThat(Duration.ofNanos(System.nanoTime() - waitStarted)).isLessThan(Duration.ofMillis(400));
    }

    // once the log is quiet, its checkpoint comes after one interval, without anyone waiting
    writing.set(false);
    appends.get();
    ledger.sync();
    long size = lastIndex.get() + 1;
    long quietSince = System.nanoTime();
    while (largestCheckpoint() < size && System.nanoTime() - quietSince < Duration.ofSeconds(5).toNanos()) {
      Thread.sleep(5);
    }
    assertThat(largestCheckpoint()).isEqualTo(size);
    assertThat(Duration.ofNanos(System.nanoTime() - quietSince)).isLessThan(Duration.ofMillis(600));
  }

  private long checkpoints() {
    return query("SELECT count(*) FROM ledger_checkpoint");
  }

  private long largestCheckpoint() {
    return query("SELECT coalesce(max(size), 0) FROM ledger_checkpoint");
  }

  private long query(String sql) {
    return database.inTransaction(c -> {
      try (var s = c.createStatement(); var r = s.executeQuery(sql)) {
        r.next();
        return r.getLong(1);
      }
    });
  }
}
