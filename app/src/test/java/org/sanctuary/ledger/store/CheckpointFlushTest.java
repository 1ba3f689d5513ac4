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
import org.sanctuary.ledger.note.Checkpoint;
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

  private long largestStoredCheckpoint() {
    return Long.parseLong(sql("SELECT coalesce(max(size), 0) FROM ledger_checkpoint"));
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
  void aCheckpointLostBeforeTheFlushMadeForACaller_isStoredAgainBeforeTheCallerIsReleased() throws Exception {
    long storesBefore = signer.unflushedStores();
    Ledger.Appended a = append(1);
    within5s(() -> signer.unflushedStores() > storesBefore, "a checkpoint stored without its flush");
    // the database crashes and comes back before any flush: the store's commit is gone (the row
    // goes the way the lost page would, as in the test below), the node goes on
    database.inTransaction(c -> {
      try (var s = c.createStatement()) {
        return s.executeUpdate("DELETE FROM ledger_checkpoint WHERE size > " + a.index());
      }
    });
    long flushes = signer.flushes();

    ledger.awaitCheckpoint(a.index());

    assertThat(signer.flushes()).as("the flush made for the caller found the checkpoint gone").isGreaterThan(flushes);
    assertThat(largestStoredCheckpoint()).as("signed and stored again before the caller went on")
        .isGreaterThan(a.index());
    LedgerReader.SignedHead named = new LedgerReader(database).receipt(a.index()).checkpoint();
    assertThat(sql("SELECT count(*) FROM ledger_checkpoint WHERE size = " + named.size())).isEqualTo("1");
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

  @Test
  void aCheckpointTheDatabaseLosesBeforeItsFlush_isSignedAgainOverTheSameTree_andLaterOnesAreConsistentWithIt()
      throws Exception {
    long storesBefore = signer.unflushedStores();
    Ledger.Appended last = null;
    for (int i = 0; i < 6; i++) last = append(i);
    long size = last.index() + 1;
    within5s(() -> signer.unflushedStores() > storesBefore && largestStoredCheckpoint() == size,
        "a checkpoint of every entry, stored without its flush");
    // what a reader (a witness, another node) took from the table before the flush
    LedgerReader.SignedHead seen = new LedgerReader(database).checkpoint();
    assertThat(seen.size()).isEqualTo(size);
    ledger.close();
    // A crash of the database before the next flush takes that commit back while the entries,
    // flushed before it was signed, stay. Killing PostgreSQL's processes cannot show it (what they
    // wrote is in the operating system's hands), so the row goes the way the lost page would.
    database.inTransaction(c -> {
      try (var s = c.createStatement()) {
        return s.executeUpdate("DELETE FROM ledger_checkpoint WHERE size >= " + size);
      }
    });

    // the next node starts five minutes later
    ledger = PostgresLedger.start(database, Clock.offset(CLOCK, java.time.Duration.ofMinutes(5)), KEY);
    LedgerReader reader = new LedgerReader(database);
    within5s(() -> largestStoredCheckpoint() >= size, "the node that starts signs the tree it finds");
    LedgerReader.SignedHead again = reader.checkpoint();
    assertThat(again.size()).isEqualTo(size);
    assertThat(again.root()).as("over the same tree").isEqualTo(seen.root());
    // signed at another time, yet the same bytes: the note holds the origin, the size and the root
    // only, and Ed25519 signs deterministically
    assertThat(again.note()).isEqualTo(seen.note());
    assertThat(Checkpoint.open(seen.note(), KEY.verifier()).root()).isEqualTo(seen.root());

    Ledger.Appended more = ledger.append(LedgerEntry.of("test.flush", Map.of("i", 99)));
    ledger.awaitCheckpoint(more.index());
    LedgerReader.SignedHead after = reader.checkpoint();
    assertThat(after.size()).isEqualTo(more.index() + 1);
    reader.consistency(seen.size(), after.size()).verify(seen.root(), after.root());
  }
}
