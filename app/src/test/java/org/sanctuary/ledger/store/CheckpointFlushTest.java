package org.sanctuary.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;

/**
 * Checkpoints that nobody waits for are stored without a disk flush of their own; a caller is
 * released only by one known to be flushed: by the second batch committed after it, or by a
 * flush the signer makes as soon as the caller waits.
 */
class CheckpointFlushTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final Signer KEY = Signer.fromSeed("city.example/ledger", new byte[32]);

  private Database database;
  private PostgresLedger ledger;
  private CheckpointSigner signer;

  @BeforeEach
  void open() {
    database = TestDatabases.fresh();
    ledger = PostgresLedger.start(database, CLOCK, KEY);
    signer = ledger.checkpointSigner();
  }

  @AfterEach
  void close() {
    ledger.close();
    database.close();
  }

  private static void within5s(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(2);
    }
  }

  private Ledger.Appended append(int i) {
    return ledger.append(LedgerEntry.of("test.flush", Map.of("i", i)));
  }

  private String sql(String query) {
    return database.inTransaction(c -> {
      try (var s = c.createStatement(); var r = s.executeQuery(query)) {
        r.next();
        return r.getString(1);
      }
    });
  }

  @Test
  void aCheckpointNobodyWaitedFor_isStoredWithoutAFlush_andACallerWhoWaitsLaterGetsOneFlushed() throws Exception {
    long storesBefore = signer.unflushedStores();
    Ledger.Appended a = append(1);
    within5s(() -> signer.unflushedStores() > storesBefore, "a checkpoint stored without its flush");
    assertThat(Long.parseLong(sql("SELECT max(size) FROM ledger_checkpoint"))).isGreaterThan(a.index());
    String storedBy = sql("SELECT pg_current_wal_insert_lsn()::text");
    long flushes = signer.flushes();

    ledger.awaitCheckpoint(a.index());

    assertThat(signer.flushes()).as("no batch came after it: the signer flushed for the caller").isEqualTo(flushes + 1);
    assertThat(sql("SELECT pg_current_wal_flush_lsn() >= '" + storedBy + "'::pg_lsn")).isEqualTo("t");
    ledger.awaitCheckpoint(a.index());
    assertThat(signer.flushes()).as("flushed once, known since").isEqualTo(flushes + 1);
    assertThat(new LedgerReader(database).receipt(a.index()).checkpoint().size()).isGreaterThan(a.index());
  }

  @Test
  void aCheckpointStoredWithoutAFlush_isKnownFlushedByTheSecondBatchAfterIt() throws Exception {
    long storesBefore = signer.unflushedStores();
    Ledger.Appended a = append(1);
    within5s(() -> signer.unflushedStores() > storesBefore, "a checkpoint stored without its flush");
    long flushes = signer.flushes();

    append(2); // may have begun before that store: it proves nothing
    append(3); // began after it: its commit flushed the log past it

    ledger.awaitCheckpoint(a.index());
    assertThat(signer.flushes()).as("released by the batches' flushes").isEqualTo(flushes);
    assertThat(new LedgerReader(database).receipt(a.index()).checkpoint().size()).isGreaterThan(a.index());
  }
}
