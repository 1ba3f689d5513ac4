package org.sanctuary.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.HashReader;
import org.sanctuary.ledger.merkle.MemoryTree;
import org.sanctuary.ledger.merkle.Proofs;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.sanctuary.ledger.note.Checkpoint;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.note.Verifier;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;

/** The ledger contract over PostgreSQL, and what only the durable ledger does. */
class PostgresLedgerTest extends LedgerContract {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  static final Signer KEY = Signer.fromSeed("city.example/ledger", new byte[32]);

  private org.sanctuary.config.DatabaseServer server;
  private Database database;
  private PostgresLedger ledger;
  private LedgerReader reader;

  @BeforeEach
  void open() {
    server = TestDatabases.freshServer();
    database = Database.connect(server);
    ledger = PostgresLedger.start(database, CLOCK, KEY);
    reader = new LedgerReader(database);
  }

  @AfterEach
  void close() {
    ledger.close();
    database.close();
  }

  @Override
  Ledger ledger() {
    return ledger;
  }

  @Override
  long size() {
    ledger.sync();
    return reader.size();
  }

  @Override
  byte[] stored(long index) {
    return reader.entries(index, index + 1).get(0).data();
  }

  @Test
  void append_twoProcessesWhenTheDatabaseDefaultIsSerializable_stillOneUnbrokenLog() throws Exception {
    database.inTransaction(c -> {
      try (var s = c.createStatement()) {
        s.execute("ALTER DATABASE " + c.getCatalog() + " SET default_transaction_isolation = 'serializable'");
      }
      return null;
    });
    append_twoProcessesOnOneDatabase_oneUnbrokenLogThatVerifies();
  }

  @Test
  void append_twoProcessesOnOneDatabase_oneUnbrokenLogThatVerifies() throws Exception {
    // a second node, as another `serve --db URL` would have: its own pool, sequencer and key
    Database otherPool = Database.connect(server);
    Signer otherKey = Signer.fromSeed("city.example/ledger", new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    PostgresLedger other = PostgresLedger.start(otherPool, CLOCK, otherKey);
    ExecutorService writers = Executors.newFixedThreadPool(8);
    List<Long> indexes = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        Ledger node = w % 2 == 0 ? ledger : other;
        int writer = w;
        done.add(writers.submit(() -> {
          for (int i = 0; i < 40; i++) {
            indexes.add(node.append(LedgerEntry.of("test.entry", Map.of("writer", writer, "n", i))).index());
          }
        }));
      }
      for (Future<?> f : done) f.get();
      ledger.sync();
      other.sync();
      // Each process keeps the nodes its own commits stored (and those it read): a batch refused
      // because the other appended first computed nodes that are not the log's, and none may be kept.
      for (LedgerReader r : List.of(reader, new LedgerReader(otherPool))) {
        for (long i = 0; i < 320; i++) {
          LedgerReader.Receipt receipt = r.receipt(i);
          assertThat(receipt.leafHash()).isEqualTo(TreeHasher.leafHash(r.entries(i, i + 1).get(0).data()));
          receipt.proof().verify(receipt.leafHash(), receipt.checkpoint().root());
          // the first checkpoint that covers it, whichever process stored it and whichever answers
          long index = i;
          LedgerTables.Head first = database.read(c -> LedgerTables.firstHeadCovering(c, index)).orElseThrow();
          assertThat(receipt.checkpoint().size()).as("the checkpoint of entry %d", i).isEqualTo(first.size());
          assertThat(receipt.checkpoint().root()).isEqualTo(first.root());
        }
      }
    } finally {
      writers.shutdown();
      other.close();
      otherPool.close();
    }
    List<Long> sorted = new ArrayList<>(indexes);
    Collections.sort(sorted);
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < 320; i++) expected.add(i);
    assertThat(sorted).as("every acknowledged index, once, with no gap").isEqualTo(expected);
    ledger.sync();
    assertThat(reader.size()).isEqualTo(320);
    LedgerAudit.Result audit = LedgerAudit.verify(database, List.of(KEY.verifier(), otherKey.verifier()));
    assertThat(audit.problem()).as("the audit of a log two processes wrote").isEmpty();
    assertThat(audit.entries()).isEqualTo(320);
    // the first keeps going where the log ends, though the other appended since its last batch
    assertThat(ledger.append(entry(320)).index()).isEqualTo(320);
  }

  @Test
  void receipt_ofEntriesThisProcessAppended_takesTheProofFromTheNodesItCommitted() throws Exception {
    for (int i = 0; i < 100; i++) ledger.append(entry(i));
    ledger.sync();
    NodeCache nodes = NodeCache.of(database);
    long missesBefore = nodes.misses();
    for (long i = 0; i < 100; i++) {
      LedgerReader.Receipt receipt = reader.receipt(i);
      receipt.proof().verify(TreeHasher.leafHash(entry((int) i).bytes()), receipt.checkpoint().root());
    }
    assertThat(nodes.misses()).as("nodes asked of the database").isEqualTo(missesBefore);
    // another process's reader has none of them yet: it reads them, and keeps them
    try (Database otherPool = Database.connect(server)) {
      LedgerReader other = new LedgerReader(otherPool);
      NodeCache its = NodeCache.of(otherPool);
      LedgerReader.Receipt first = other.receipt(57);
      first.proof().verify(TreeHasher.leafHash(entry(57).bytes()), first.checkpoint().root());
      long afterFirst = its.misses();
      assertThat(afterFirst).isPositive();
      other.receipt(57);
      assertThat(its.misses()).isEqualTo(afterFirst);
    }
  }

  @Test
  void receipt_ofAnEntryThisProcessAppended_needsNoDatabase_andIsTheDatabasesAnswer() throws Exception {
    Database own = Database.connect(server);
    PostgresLedger node = PostgresLedger.start(own, CLOCK, KEY);
    for (int i = 0; i < 60; i++) node.append(entry(i));
    node.sync();
    List<LedgerReader.Receipt> asked = new ArrayList<>();
    for (long i = 0; i < 60; i++) asked.add(reader.receipt(i)); // another pool's reader: the database's answers
    node.close();
    own.close();
    // the pool is closed: what answers now is this process's copy of its checkpoints and nodes
    LedgerReader fromMemory = new LedgerReader(own);
    for (int i = 0; i < 60; i++) {
      LedgerReader.Receipt receipt = fromMemory.receipt(i);
      assertThat(receipt.checkpoint()).isEqualTo(asked.get(i).checkpoint());
      assertThat(receipt.proof()).isEqualTo(asked.get(i).proof());
      assertThat(receipt.leafHash()).isEqualTo(TreeHasher.leafHash(entry(i).bytes()));
    }
  }

  @Test
  void checkpoint_smallerThanOneStored_isNotStored_soAReceiptsCheckpointNeverChanges() throws Exception {
    for (int i = 0; i < 10; i++) ledger.append(entry(i));
    ledger.sync();
    LedgerReader.Receipt named = reader.receipt(2);
    // a node whose signer lags: its tree of 5 entries, signed after a larger checkpoint is stored
    org.sanctuary.ledger.merkle.CompactRange five = firstEntries(5);
    Signer lagging = Signer.fromSeed("city.example/ledger", new byte[] {
        9, 8, 7, 6, 5, 4, 3, 2, 1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 9, 8, 7, 6, 5});
    database.inTransaction(c -> {
      LedgerTables.insertKey(c, String.format("%08x", lagging.keyId()), lagging.verifier().encoded(), CLOCK.instant());
      return null;
    });
    LedgerTables.Head late = CheckpointSigner.sign(lagging, String.format("%08x", lagging.keyId()), five, CLOCK.instant());
    boolean lateStored = database.inTransaction(c -> LedgerTables.insertHeadInOrder(c, late, leafOf(4))) <= late.size();
    assertThat(lateStored).isFalse();
    assertThat(reader.receipt(2).checkpoint()).isEqualTo(named.checkpoint());
    // (the ledger's own signer may have stored a checkpoint at size 5 while the entries went in)
    assertThat(stored(late)).isZero();
    // the same size again, by the same key or a newer one (a rotation), is still stored
    LedgerTables.Head atTheTop = CheckpointSigner.sign(lagging, String.format("%08x", lagging.keyId()),
        firstEntries(10), CLOCK.instant());
    boolean topStored = database.inTransaction(c -> LedgerTables.insertHeadInOrder(c, atTheTop, leafOf(9))) <= atTheTop.size();
    assertThat(topStored).isTrue();
    assertThat(stored(atTheTop)).isEqualTo(1);
    // and once more is a no-op (another process of the same key stored it)
    long largestBefore = database.inTransaction(c -> LedgerTables.insertHeadInOrder(c, atTheTop, leafOf(9)));
    assertThat(largestBefore).isEqualTo(10L);
    assertThat(stored(atTheTop)).isEqualTo(1);
  }

  // how many stored checkpoints have this one's size and key
  @Test
  void checkpoint_overATreeWhoseLastEntryIsNotStoredSo_isNotStored() {
    for (int i = 0; i < 6; i++) ledger.append(entry(i));
    ledger.sync();
    // a signer still holding a tree of the log before the database went back: the same size as a
    // stored one, another last entry; and a tree longer than the stored log
    org.sanctuary.ledger.merkle.CompactRange other = firstEntries(4);
    other.append(TreeHasher.leafHash(entry(99).bytes()));
    LedgerTables.Head notStored = CheckpointSigner.sign(KEY, keyId(), other, CLOCK.instant());
    assertThatThrownBy(() -> database.inTransaction(c ->
        LedgerTables.insertHeadInOrder(c, notStored, TreeHasher.leafHash(entry(99).bytes()).bytes())))
        .isInstanceOf(LedgerTables.NotTheStoredLog.class).hasMessageContaining("entry 4");
    LedgerTables.Head longer = CheckpointSigner.sign(KEY, keyId(), firstEntries(8), CLOCK.instant());
    assertThatThrownBy(() -> database.inTransaction(c -> LedgerTables.insertHeadInOrder(c, longer, leafOf(7))))
        .isInstanceOf(LedgerTables.NotTheStoredLog.class);
    List<LedgerTables.Head> heads = database.inTransaction(c -> LedgerTables.heads(c));
    assertThat(heads).extracting(LedgerTables.Head::root).doesNotContain(notStored.root(), longer.root());
    // the stored log's own tree is stored
    LedgerTables.Head own = CheckpointSigner.sign(KEY, keyId(), firstEntries(6), CLOCK.instant());
    database.inTransaction(c -> LedgerTables.insertHeadInOrder(c, own, leafOf(5)));
    assertThat(stored(own)).isEqualTo(1);
  }

  private static String keyId() {
    return String.format("%08x", KEY.keyId());
  }

  private static byte[] leafOf(int i) {
    return TreeHasher.leafHash(entry(i).bytes()).bytes();
  }

  private long stored(LedgerTables.Head head) {
    return database.inTransaction(c -> LedgerTables.heads(c)).stream()
        .filter(h -> h.size() == head.size() && h.keyId().equals(head.keyId())).count();
  }

  // the tree of entry(0) to entry(n - 1)
  private static org.sanctuary.ledger.merkle.CompactRange firstEntries(int n) {
    org.sanctuary.ledger.merkle.CompactRange tree = org.sanctuary.ledger.merkle.CompactRange.empty();
    for (int i = 0; i < n; i++) tree.append(TreeHasher.leafHash(entry(i).bytes()));
    return tree;
  }

  /** Test rows: one per entry, naming its index; "bad" breaks the table's check. */
  private static final Ledger.Table<String[]> NOTES = new Ledger.Table<>() {
    @Override
    public String insert() {
      return "INSERT INTO test_note (idx, text) SELECT * FROM unnest(?::bigint[], ?::text[])";
    }

    @Override
    public int bind(java.sql.PreparedStatement ps, int from, List<String[]> rows) throws java.sql.SQLException {
      ps.setArray(from, ps.getConnection().createArrayOf("bigint", rows.stream().map(r -> Long.valueOf(r[0])).toArray()));
      ps.setArray(from + 1, ps.getConnection().createArrayOf("text", rows.stream().map(r -> r[1]).toArray()));
      return from + 2;
    }
  };

  // the table of the test rows, without the check that refuses "bad"
  private void createNotes() {
    database.inTransaction(c -> c.createStatement().executeUpdate(
        "CREATE TABLE test_note (idx BIGINT PRIMARY KEY, text TEXT NOT NULL)"));
  }

  private static Ledger.Rows<String[]> note(String text) {
    return Ledger.Rows.into(NOTES, index -> List.<String[]>of(new String[] {Long.toString(index), text}));
  }

  private Map<Long, String> notes() {
    return database.inTransaction(c -> {
      Map<Long, String> out = new java.util.TreeMap<>();
      try (var ps = c.prepareStatement("SELECT idx, text FROM test_note"); var rs = ps.executeQuery()) {
        while (rs.next()) out.put(rs.getLong(1), rs.getString(2));
      }
      return out;
    });
  }

  @Test
  void append_rowsOfManyCallers_areWrittenWithTheirEntries_andABadRowFailsOnlyItsCaller() throws Exception {
    database.inTransaction(c -> c.createStatement().executeUpdate(
        "CREATE TABLE test_note (idx BIGINT PRIMARY KEY, text TEXT NOT NULL CHECK (text <> 'bad'))"));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    Map<Integer, Future<Long>> results = new java.util.TreeMap<>();
    try {
      for (int i = 0; i < 400; i++) {
        int n = i;
        // every 25th row breaks the check: the batch's one statement fails, the rest are written
        String text = n % 25 == 24 ? "bad" : "note " + n;
        results.put(n, pool.submit(() -> ledger.append(entry(n), note(text)).appended().index()));
      }
      Map<Long, Integer> entryAt = new java.util.TreeMap<>();
      for (Map.Entry<Integer, Future<Long>> r : results.entrySet()) {
        try {
          entryAt.put(r.getValue().get(), r.getKey());
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(r.getKey() % 25).as("only bad rows fail").isEqualTo(24);
          assertThat(e.getCause()).isInstanceOf(LedgerUnavailableException.class);
        }
      }
      assertThat(entryAt).hasSize(400 - 16);
      assertThat(entryAt.keySet()).as("no gap").containsExactlyElementsOf(
          java.util.stream.LongStream.range(0, 400 - 16).boxed().toList());
      Map<Long, String> stored = notes();
      assertThat(stored).hasSize(400 - 16);
      for (Map.Entry<Long, Integer> e : entryAt.entrySet()) {
        assertThat(stored.get(e.getKey())).isEqualTo("note " + e.getValue());
        assertThat(stored(e.getKey())).isEqualTo(entry(e.getValue()).bytes());
      }
    } finally {
      pool.shutdown();
    }
  }

  // the transaction that wrote the row: the same for rows written in one transaction
  private long writtenBy(String table, String where) {
    return database.inTransaction(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT xmin::text::bigint FROM " + table + " WHERE " + where)) {
        assertThat(rs.next()).as(table + " " + where).isTrue();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void appendAllCovered_storesTheCheckpointOverItsBatchInTheBatchsOwnTransaction() throws Exception {
    createNotes();
    ledger.append(entry(0), note("before"));
    ledger.sync();
    long before = ledger.batchCheckpoints();
    Ledger.Recorded<Void> r = ledger.appendAllCovered(List.of(entry(1), entry(2)), note("covered"));
    assertThat(r.entries()).extracting(Ledger.Appended::index).containsExactly(1L, 2L);
    assertThat(ledger.batchCheckpoints()).isEqualTo(before + 1);
    // committed with the entries and the rows, not by the signer afterwards
    assertThat(writtenBy("ledger_checkpoint", "size = 3")).isEqualTo(writtenBy("ledger_entry", "idx = 2"))
        .isEqualTo(writtenBy("test_note", "idx = 1"));
    LedgerReader.Receipt receipt = reader.receipt(2);
    assertThat(receipt.checkpoint().size()).as("the first checkpoint that covers it").isEqualTo(3);
    assertThat(receipt.checkpoint().root()).isEqualTo(firstEntries(3).root());
    Checkpoint.open(receipt.checkpoint().note(), KEY.verifier());
    receipt.proof().verify(TreeHasher.leafHash(entry(2).bytes()), receipt.checkpoint().root());
    assertThat(LedgerAudit.verify(database, List.of(KEY.verifier())).problem()).isEmpty();
  }

  @Test
  void appendWithoutAReceipt_neverWaitsForASignature_theSignerCoversItAfterTheCommit() {
    createNotes();
    ledger.append(entry(0), note("plain"));
    ledger.appendAll(List.of(entry(1), entry(2)), note("plain too"));
    ledger.sync();
    assertThat(ledger.batchCheckpoints()).isZero();
    assertThat(writtenBy("ledger_checkpoint", "size = 3")).isNotEqualTo(writtenBy("ledger_entry", "idx = 2"));
  }

  @Test
  void appendAllCovered_manyCallersMixedWithPlainOnes_eachReceiptCoversItsEntry_andTheLogVerifies() throws Exception {
    createNotes();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Long>> covered = new ArrayList<>();
    List<Future<Long>> plain = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        int n = i;
        if (n % 3 == 0) {
          plain.add(pool.submit(() -> ledger.append(entry(n), note("plain " + n)).appended().index()));
        } else {
          covered.add(pool.submit(() -> ledger.appendAllCovered(List.of(entry(n)), note("covered " + n))
              .entries().get(0).index()));
        }
      }
      List<Long> coveredIndexes = new ArrayList<>();
      for (Future<Long> f : covered) coveredIndexes.add(f.get());
      for (Future<Long> f : plain) f.get();
      assertThat(ledger.batchCheckpoints()).isPositive();
      for (long index : coveredIndexes) {
        LedgerReader.Receipt receipt = reader.receipt(index);
        assertThat(receipt.checkpoint().size()).isGreaterThan(index);
        receipt.proof().verify(receipt.leafHash(), receipt.checkpoint().root());
      }
      List<LedgerTables.Head> heads = database.inTransaction(c -> LedgerTables.heads(c));
      assertThat(heads).extracting(LedgerTables.Head::size).isSorted().doesNotHaveDuplicates();
      assertThat(notes()).hasSize(300);
      assertThat(LedgerAudit.verify(database, List.of(KEY.verifier())).problem()).isEmpty();
    } finally {
      pool.shutdown();
    }
  }

  /** One turn of {@link #takingTurns}: the append of turn {@code i} by {@code by}. */
  @FunctionalInterface
  private interface Turn {
    void take(PostgresLedger by, int i) throws Exception;
  }

  // The turns, this process's ledger and another's on the same database taking turns (the note
  // table created first): each finds the other's entries after its cached edge, so the batch sent
  // in one round trip is refused and written again the general way.
  private void takingTurns(int turns, Turn turn) throws Exception {
    createNotes();
    Database otherPool = Database.connect(server);
    PostgresLedger other = PostgresLedger.start(otherPool, CLOCK, KEY);
    try {
      for (int i = 0; i < turns; i++) turn.take(i % 2 == 0 ? ledger : other, i);
    } finally {
      other.close();
      otherPool.close();
    }
  }

  @Test
  void appendAllCovered_twoProcessesTakingTurns_eachReceiptHasACheckpointThatCoversIt() throws Exception {
    // the batch taking the general path carries no checkpoint: the signer covers it
    takingTurns(20, (by, i) -> {
      long index = by.appendAllCovered(List.of(entry(i)), note("turn " + i)).entries().get(0).index();
      assertThat(index).isEqualTo(i);
      LedgerReader.Receipt receipt = reader.receipt(index);
      receipt.proof().verify(TreeHasher.leafHash(entry(i).bytes()), receipt.checkpoint().root());
    });
    assertThat(LedgerAudit.verify(database, List.of(KEY.verifier())).problem()).isEmpty();
  }

  @Test
  void append_rowsWhileAnotherProcessAppends_landAtTheIndexTheirEntryGot() throws Exception {
    takingTurns(30, (by, i) -> {
      long index = by.append(entry(i), note("turn " + i)).appended().index();
      assertThat(index).isEqualTo(i);
    });
    Map<Long, String> stored = notes();
    for (long i = 0; i < 30; i++) assertThat(stored.get(i)).isEqualTo("turn " + i);
    assertThat(LedgerAudit.verify(database, List.of(KEY.verifier())).problem()).isEmpty();
  }

  @Test
  void append_withAWrite_commitsTheRecordWithItsEntry_andARefusedWriteFailsOnlyItsCaller() throws Exception {
    database.inTransaction(c -> c.createStatement().executeUpdate(
        "CREATE TABLE record_with_entry (n INT PRIMARY KEY, idx BIGINT NOT NULL)"));
    int writers = 6;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
    try {
      List<java.util.concurrent.Future<Long>> results = new java.util.ArrayList<>();
      for (int i = 0; i < writers * 20; i++) {
        int n = i;
        results.add(pool.submit(() -> ledger.append(entry(n), Ledger.Write.of((c, index) -> {
          // every tenth record collides with a row that is already there
          try (var ps = c.prepareStatement("INSERT INTO record_with_entry (n, idx) VALUES (?, ?)")) {
            ps.setInt(1, n % 10 == 9 ? n - 1 : n);
            ps.setLong(2, index);
            ps.executeUpdate();
          }
        })).appended().index()));
      }
      int refused = 0;
      java.util.Set<Long> indexes = new java.util.TreeSet<>();
      for (var f : results) {
        try {
          indexes.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(LedgerUnavailableException.class);
          refused++;
        }
      }
      assertThat(refused).isEqualTo(writers * 2);
      // no gap: the accepted entries hold indexes 0..k-1, each linked to its own record
      assertThat(indexes).hasSize(writers * 18).first().isEqualTo(0L);
      assertThat(indexes).last().isEqualTo((long) writers * 18 - 1);
      long linked = database.inTransaction(c -> {
        try (var rs = c.createStatement().executeQuery(
            "SELECT count(*) FROM record_with_entry r JOIN ledger_entry e ON e.idx = r.idx")) {
          rs.next();
          return rs.getLong(1);
        }
      });
      assertThat(linked).isEqualTo(writers * 18);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void append_returnsOnCommit_andTheCheckpointFollowsWithinTheInterval() throws Exception {
    ledger.close();
    ledger = PostgresLedger.start(database, CLOCK, KEY, java.time.Duration.ofSeconds(3));
    // idle: the first entry's checkpoint is signed at once
    ledger.append(entry(0));
    ledger.awaitCheckpoint(0);
    assertThat(reader.checkpoint().size()).isEqualTo(1);
    // under the interval, the next entry is durable and answered before any checkpoint covers it
    Ledger.Appended next = ledger.append(entry(1));
    assertThat(reader.entries(0, 10)).hasSize(2);
    assertThat(reader.checkpoint().size()).isEqualTo(1);
    assertThatThrownBy(() -> reader.receipt(next.index())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not covered");
    ledger.awaitCheckpoint(next.index());
    assertThat(reader.checkpoint().size()).isEqualTo(2);
    assertThat(reader.receipt(next.index()).checkpoint().size()).isEqualTo(2);
  }

  @Test
  void awaitCheckpoint_whenNoCheckpointCanBeStored_failsClosed_andCoversTheEntryOnceItCan() throws Exception {
    ledger.append(entry(0));
    ledger.sync();
    // a real database refusal of every new checkpoint, as when the database is away
    database.inTransaction(c -> {
      try (var s = c.createStatement()) {
        s.execute("CREATE FUNCTION refuse_checkpoint() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " RAISE EXCEPTION 'refused'; END $$");
        s.execute("CREATE TRIGGER refuse_checkpoint BEFORE INSERT ON ledger_checkpoint"
            + " FOR EACH ROW EXECUTE FUNCTION refuse_checkpoint()");
      }
      return null;
    });
    Ledger.Appended appended = ledger.append(entry(1));
    assertThat(reader.entries(0, 10)).as("the entry itself is durable").hasSize(2);
    assertThatThrownBy(() -> ledger.awaitCheckpoint(appended.index())).isInstanceOf(LedgerUnavailableException.class)
        .hasMessageContaining("entry 1").hasMessageContaining("could not be stored");
    database.inTransaction(c -> c.createStatement().executeUpdate("DROP TRIGGER refuse_checkpoint ON ledger_checkpoint"));
    ledger.awaitCheckpoint(appended.index()); // the signer tries again and succeeds
    assertThat(reader.receipt(appended.index()).checkpoint().size()).isEqualTo(2);
  }

  @Test
  void close_signsWhatTheLastBatchesCommitted() throws Exception {
    ledger.close();
    ledger = PostgresLedger.start(database, CLOCK, KEY, java.time.Duration.ofMinutes(5));
    ledger.append(entry(0));
    ledger.awaitCheckpoint(0);
    for (int i = 1; i < 4; i++) ledger.append(entry(i));
    assertThat(reader.checkpoint().size()).isEqualTo(1);
    ledger.close();
    assertThat(reader.checkpoint().size()).isEqualTo(4);
    ledger = PostgresLedger.start(database, CLOCK, KEY);
  }

  @Test
  void start_emptyLog_signsTheEmptyTree() throws Exception {
    Checkpoint head = Checkpoint.open(reader.checkpoint().note(), Verifier.parse(reader.verifierKey()));
    assertThat(head.size()).isZero();
    assertThat(head.root()).isEqualTo(TreeHasher.emptyRoot());
  }

  @Test
  void append_concurrentWriters_getConsecutiveIndexesAndTheSignedRootOfThoseEntries() throws Exception {
    int threads = 8;
    int each = 300;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<long[]>>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int base = t * each;
      futures.add(pool.submit(() -> {
        List<long[]> got = new ArrayList<>();
        for (int i = 0; i < each; i++) got.add(new long[] {base + i, ledger.append(entry(base + i)).index()});
        return got;
      }));
    }
    long[] entryAt = new long[threads * each];
    List<Long> indexes = new ArrayList<>();
    for (Future<List<long[]>> f : futures) {
      for (long[] pair : f.get()) {
        entryAt[(int) pair[1]] = pair[0];
        indexes.add(pair[1]);
      }
    }
    pool.shutdown();
    Collections.sort(indexes);
    assertThat(indexes).hasSize(threads * each);
    for (int i = 0; i < indexes.size(); i++) assertThat(indexes.get(i)).isEqualTo(i);

    MemoryTree tree = new MemoryTree();
    for (long n : entryAt) tree.append(entry((int) n).bytes());
    ledger.sync();
    Checkpoint head = Checkpoint.open(reader.checkpoint().note(), KEY.verifier());
    assertThat(head.size()).isEqualTo(tree.size());
    assertThat(head.root()).isEqualTo(tree.root());
    assertThat(checkpointCount()).as("group commit: fewer batches than entries").isLessThan(threads * each);
  }

  @Test
  void append_afterRestart_continuesTheSameTree() throws Exception {
    MemoryTree tree = new MemoryTree();
    for (int i = 0; i < 13; i++) {
      ledger.append(entry(i));
      tree.append(entry(i).bytes());
    }
    ledger.close();
    ledger = PostgresLedger.start(database, CLOCK, KEY);
    for (int i = 13; i < 21; i++) {
      assertThat(ledger.append(entry(i)).index()).isEqualTo(i);
      tree.append(entry(i).bytes());
    }
    ledger.sync();
    Checkpoint head = Checkpoint.open(reader.checkpoint().note(), KEY.verifier());
    assertThat(head.root()).isEqualTo(tree.root());
    assertThat(reader.inclusion(5, 21)).isEqualTo(tree.inclusionProof(5, 21));
    assertThat(reader.consistency(13, 21)).isEqualTo(tree.consistencyProof(13, 21));
    // the restart read the right edge (13 = 8 + 4 + 1) and the proofs read their nodes hashed up
    // from the entries' leaf hashes: no level below 8 is stored
    assertThat(count("SELECT count(*) FROM ledger_node")).isZero();
  }

  @Test
  void proofs_fromTheStoredLevelsAlone_matchTheTreeAtEverySize_andARestartContinuesIt() throws Exception {
    // 70,000 leaves: kept nodes at levels 8 and 16, the rest hashed up from them or from leaves
    MemoryTree tree = new MemoryTree();
    List<LedgerEntry> batch = new ArrayList<>();
    for (int i = 0; i < 70_000; i++) {
      batch.add(entry(i));
      tree.append(entry(i).bytes());
      if (batch.size() == 5_000) {
        ledger.appendAll(batch, Ledger.Write.NOTHING);
        batch.clear();
      }
    }
    ledger.close();
    ledger = PostgresLedger.start(database, CLOCK, KEY); // the right edge of 70,000 from the database
    ledger.append(entry(70_000));
    tree.append(entry(70_000).bytes());
    ledger.sync();
    HashReader stored = reader.hashes(); // the database only, no copy in memory
    long size = tree.size();
    assertThat(Proofs.root(size, stored)).isEqualTo(tree.root());
    java.util.Random random = new java.util.Random(12);
    for (int k = 0; k < 40; k++) {
      long at = 1 + random.nextInt((int) size);
      long index = random.nextInt((int) at);
      assertThat(Proofs.inclusion(index, at, stored)).as("inclusion of %d in %d", index, at)
          .isEqualTo(tree.inclusionProof(index, at));
      long from = 1 + random.nextInt((int) at);
      assertThat(Proofs.consistency(from, at, stored)).as("consistency of %d and %d", from, at)
          .isEqualTo(tree.consistencyProof(from, at));
    }
    assertThat(count("SELECT count(*) FROM ledger_node WHERE level % 8 <> 0")).isZero();
    assertThat(count("SELECT count(*) FROM ledger_node WHERE level = 16")).isEqualTo(1);
  }

  @Test
  void append_afterTheDatabaseWentBackUnderARunningLedger_goesOnWhereTheStoredLogEnds_withoutAGap() throws Exception {
    for (int i = 0; i < 4; i++) assertThat(ledger.append(entry(i)).index()).isEqualTo(i);
    ledger.sync();
    // As a restore to an earlier point (or a promoted replica that lacked the last writes) leaves
    // it: entries 2 and 3 and the checkpoints over them are gone, under the running ledger, whose
    // own last commit ended at 4.
    goBackToTwoEntries();
    try (var log = new org.sanctuary.logging.LogCapture(org.sanctuary.logging.LogFormat.TEXT, "level=warn")) {
      assertThat(ledger.append(entry(9)).index()).as("numbered from the stored log, not the node's last commit").isEqualTo(2);
      assertThat(log.text()).as("the operator is told").contains("the database went back", "restart every node");
    }
    assertThat(count("SELECT count(*) FROM ledger_entry")).isEqualTo(3);
    assertThat(count("SELECT max(idx) FROM ledger_entry")).isEqualTo(2);
    assertThat(reader.entries(2, 3)).extracting(LedgerReader.Entry::data).containsExactly(entry(9).bytes());
    // what the node kept of the old log (its checkpoint of 4 entries, their nodes) is forgotten
    assertReceiptOfTheStoredLog(2, entry(9), 3);
  }

  @Test
  void checkpoint_ofATreeTheDatabaseWentBackUnder_isNotStored_andTheNodeGoesOnFromTheStoredLog() throws Exception {
    // checkpoints at most every 3 s: the first append's is signed at once, the next three wait
    ledger.close();
    ledger = PostgresLedger.start(database, CLOCK, KEY, java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(3));
    try (var log = new org.sanctuary.logging.LogCapture(org.sanctuary.logging.LogFormat.TEXT, "level=warn")) {
      ledger.append(entry(0));
      ledger.sync();
      for (int i = 1; i < 4; i++) ledger.append(entry(i));
      // the database goes back to 2 entries before the signer stores its tree of 4
      goBackToTwoEntries();
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
      while (!log.text().contains("not storing the checkpoint for size 4") && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(log.text()).contains("not storing the checkpoint for size 4", "restart every node");
    }
    assertThat(count("SELECT count(*) FROM ledger_checkpoint WHERE size > 2")).isZero();
    assertThat(ledger.append(entry(9)).index()).isEqualTo(2);
    assertReceiptOfTheStoredLog(2, entry(9), 3);
  }

  @Test
  void append_afterTheDatabaseWentBackAndAnotherNodeRefilledItToTheSameSize_followsTheStoredLog() throws Exception {
    for (int i = 0; i < 4; i++) ledger.append(entry(i));
    ledger.sync();
    goBackToTwoEntries();
    // another node, started on the restored database, appends two other entries: the log has the
    // size this node last committed again, but not its entries
    Database otherPool = Database.connect(server);
    PostgresLedger other = PostgresLedger.start(otherPool, CLOCK, KEY);
    try {
      assertThat(other.append(entry(50)).index()).isEqualTo(2);
      assertThat(other.append(entry(51)).index()).isEqualTo(3);
      other.sync();
    } finally {
      other.close();
      otherPool.close();
    }
    try (var log = new org.sanctuary.logging.LogCapture(org.sanctuary.logging.LogFormat.TEXT, "level=warn")) {
      assertThat(ledger.append(entry(9)).index()).isEqualTo(4);
      assertThat(log.text()).contains("no longer holds entry 3", "restart every node");
    }
    assertReceiptOfTheStoredLog(4, entry(9), 5);
    assertThat(reader.entries(2, 5)).extracting(LedgerReader.Entry::data)
        .containsExactly(entry(50).bytes(), entry(51).bytes(), entry(9).bytes());
  }

  @Test
  void append_aCallerThatGivesUpWaiting_stillHasTheCallersAfterItInTheBatchWoken() throws Exception {
    // The ledger's limit is 2 s here; another session holds the sequencer lock so that one batch
    // holds p (first) and c (queued 1 s later) and commits after p gave up but before c would.
    ledger.close();
    ledger = PostgresLedger.start(database, CLOCK, KEY, java.time.Duration.ofSeconds(2), java.time.Duration.ofMillis(2));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (java.sql.Connection x = database.dataSource().getConnection()) {
      x.setAutoCommit(true);
      query(x, "SELECT pg_advisory_lock(" + SequencerLock.KEY + ")");
      Future<Ledger.Appended> a = pool.submit(() -> ledger.append(entry(0))); // alone: commits itself, waits for the lock
      Thread.sleep(300);
      long t0 = System.nanoTime();
      Future<Ledger.Appended> p = pool.submit(() -> ledger.append(entry(1))); // queued; the sequencer waits for a
      sleepUntil(t0, 1000);
      Future<Ledger.Appended> c = pool.submit(() -> ledger.append(entry(2))); // queued after p
      sleepUntil(t0, 1300);
      // a's batch may go (it commits); the lock is taken again before p's and c's batch asks for it
      query(x, "SELECT pg_advisory_unlock(" + SequencerLock.KEY + "), pg_advisory_lock(" + SequencerLock.KEY + ")");
      assertThat(a.get(5, java.util.concurrent.TimeUnit.SECONDS).index()).isZero();
      sleepUntil(t0, 4500); // p gave up at 4 s (twice the limit); c waits until 5 s
      query(x, "SELECT pg_advisory_unlock(" + SequencerLock.KEY + ")");
      assertThatThrownBy(() -> p.get(5, java.util.concurrent.TimeUnit.SECONDS))
          .hasCauseInstanceOf(LedgerUnavailableException.class).hasMessageContaining("did not finish");
      assertThat(c.get(5, java.util.concurrent.TimeUnit.SECONDS).index()).as("c, woken though p was gone").isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
    // p was told its outcome is unknown; its entry is in the log all the same, never the reverse
    assertThat(reader.entries(0, 3)).extracting(LedgerReader.Entry::data)
        .containsExactly(entry(0).bytes(), entry(1).bytes(), entry(2).bytes());
  }

  // the receipt of entry index names the stored log's checkpoint of size, its proof holds, and every
  // stored checkpoint is of the stored log
  private void assertReceiptOfTheStoredLog(long index, LedgerEntry entry, long size) throws Exception {
    ledger.sync();
    LedgerReader.Receipt receipt = reader.receipt(index);
    assertThat(receipt.checkpoint().size()).isEqualTo(size);
    receipt.proof().verify(TreeHasher.leafHash(entry.bytes()), receipt.checkpoint().root());
    LedgerAudit.Result audit = LedgerAudit.verify(database, List.of(KEY.verifier()));
    assertThat(audit.problem()).as("every stored checkpoint is of the stored log").isEmpty();
    assertThat(audit.entries()).isEqualTo(size);
  }

  // as a restore to an earlier point (or a promoted replica that lacked the last writes) leaves the
  // database under a running ledger: entries from 2 on and the checkpoints over them are gone
  private void goBackToTwoEntries() {
    database.inTransaction(c -> {
      try (var st = c.createStatement()) {
        st.execute("DELETE FROM ledger_checkpoint WHERE size > 2");
        st.execute("DELETE FROM ledger_entry WHERE idx >= 2");
      }
      return null;
    });
  }

  private static void sleepUntil(long startNanos, long millis) throws InterruptedException {
    long left = millis - (System.nanoTime() - startNanos) / 1_000_000;
    if (left > 0) Thread.sleep(left);
  }

  private static void query(java.sql.Connection c, String sql) throws java.sql.SQLException {
    try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      rs.next();
    }
  }

  @Test
  void awaitCheckpoint_tellsTheObserverHowLongTheCallerWaited() {
    List<java.time.Duration> waits = Collections.synchronizedList(new ArrayList<>());
    ledger.observe(new LedgerObserver() {
      @Override
      public void committed(int entries, java.time.Duration took) {}

      @Override
      public void failed() {}

      @Override
      public void signed(long size, Instant at) {}

      @Override
      public void waitedForCheckpoint(java.time.Duration took) {
        waits.add(took);
      }
    });

    long index = ledger.append(LedgerEntry.of("test.entry", Map.of("n", 1))).index();
    ledger.awaitCheckpoint(index);
    ledger.awaitCheckpoint(index); // covered already: a wait of (almost) nothing, told all the same

    assertThat(waits).hasSize(2);
    assertThat(waits).allSatisfy(w -> assertThat(w).isBetween(java.time.Duration.ZERO, java.time.Duration.ofSeconds(10)));
  }

  /** The most entries one batch committed. */
  private static final class LargestBatch implements LedgerObserver {
    private final java.util.concurrent.atomic.AtomicInteger largest = new java.util.concurrent.atomic.AtomicInteger();

    int get() {
      return largest.get();
    }

    @Override
    public void committed(int entries, java.time.Duration took) {
      largest.accumulateAndGet(entries, Math::max);
    }

    @Override
    public void failed() {}

    @Override
    public void signed(long size, Instant at) {}
  }

  @Test
  void append_manyWritersAtOnce_eachReturnsWithItsOwnIndex_inLargeBatches() throws Exception {
    // Callers of a committed batch wake one another two at a time; with batches of dozens the
    // chain is several callers deep, and a caller left asleep would time out here.
    int threads = 64;
    int each = 40;
    LargestBatch largest = new LargestBatch();
    ledger.observe(largest);
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<long[]>>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int base = t * each;
      futures.add(pool.submit(() -> {
        start.await();
        List<long[]> got = new ArrayList<>();
        for (int i = 0; i < each; i++) got.add(new long[] {base + i, ledger.append(entry(base + i)).index()});
        return got;
      }));
    }
    Map<Long, Integer> entryAt = new java.util.HashMap<>();
    for (Future<List<long[]>> f : futures) {
      for (long[] pair : f.get(60, java.util.concurrent.TimeUnit.SECONDS)) entryAt.put(pair[1], (int) pair[0]);
    }
    pool.shutdown();
    assertThat(entryAt).hasSize(threads * each);
    List<LedgerReader.Entry> stored = new ArrayList<>();
    while (stored.size() < threads * each) {
      List<LedgerReader.Entry> page = reader.entries(stored.size(), threads * each);
      assertThat(page).isNotEmpty();
      stored.addAll(page);
    }
    for (LedgerReader.Entry e : stored) assertThat(e.data()).isEqualTo(entry(entryAt.get(e.index())).bytes());
    assertThat(largest.get()).as("the largest batch").isGreaterThanOrEqualTo(8);
  }

  @Test
  void appendAllAsync_manyInFlightFromOneThread_commitInLargeBatches_andGoOnOffTheSequencer() throws Exception {
    // 2,000 appends in flight from this one thread, each completing on the ledger's completions
    // thread (never the sequencer's, which goes on to the next batch), plus blocking callers.
    int count = 2000;
    LargestBatch largest = new LargestBatch();
    ledger.observe(largest);
    Map<Integer, java.util.concurrent.CompletableFuture<Ledger.Recorded<Void>>> inFlight = new java.util.HashMap<>();
    java.util.Set<String> threadsThatWentOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
    for (int n = 0; n < count; n++) {
      var f = ledger.appendAllAsync(List.of(entry(n)), Ledger.Write.nothing());
      f.thenRun(() -> threadsThatWentOn.add(Thread.currentThread().getName()));
      inFlight.put(n, f);
    }
    ExecutorService blocking = Executors.newFixedThreadPool(4);
    List<Future<Long>> sync = new ArrayList<>();
    for (int n = count; n < count + 40; n++) {
      int k = n;
      sync.add(blocking.submit(() -> ledger.append(entry(k)).index()));
    }
    Map<Long, Integer> entryAt = new java.util.HashMap<>();
    for (var e : inFlight.entrySet()) {
      entryAt.put(e.getValue().get(60, java.util.concurrent.TimeUnit.SECONDS).appended().index(), e.getKey());
    }
    for (Future<Long> f : sync) assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isNotNegative();
    blocking.shutdown();
    assertThat(entryAt).hasSize(count);
    List<LedgerReader.Entry> stored = new ArrayList<>();
    while (stored.size() < count + 40) {
      List<LedgerReader.Entry> page = reader.entries(stored.size(), count + 40);
      assertThat(page).isNotEmpty();
      stored.addAll(page);
    }
    int async = 0;
    for (LedgerReader.Entry e : stored) {
      Integer n = entryAt.get(e.index());
      if (n == null) continue; // a blocking caller's
      assertThat(e.data()).isEqualTo(entry(n).bytes());
      async++;
    }
    assertThat(async).isEqualTo(count);
    assertThat(largest.get()).as("the largest batch").isGreaterThanOrEqualTo(100);
    assertThat(threadsThatWentOn).doesNotContain("ledger-sequencer");
  }

  @Test
  void appendAllAsync_afterClose_failsAtOnceAndRecordsNothing() throws Exception {
    ledger.append(entry(0));
    ledger.close();
    var late = ledger.appendAllAsync(List.of(entry(1)), Ledger.Write.nothing());
    assertThatThrownBy(() -> late.get(5, java.util.concurrent.TimeUnit.SECONDS))
        .cause().isInstanceOf(LedgerUnavailableException.class).hasMessageContaining("closed");
    assertThat(reader.size()).isEqualTo(1);
  }

  @Test
  void append_whenTheBatchFailsToCommit_isRefusedAndBurnsNoIndex() {
    ledger.append(entry(0));
    // A real database refusal: the store rejects any entry holding n = 666.
    database.inTransaction(c -> {
      try (var s = c.createStatement()) {
        s.execute("CREATE FUNCTION refuse_666() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF convert_from(NEW.data, 'UTF8') LIKE '%\"n\":666%' THEN RAISE EXCEPTION 'refused'; END IF;"
            + " RETURN NEW; END $$");
        s.execute("CREATE TRIGGER refuse_666 BEFORE INSERT ON ledger_entry FOR EACH ROW EXECUTE FUNCTION refuse_666()");
      }
      return null;
    });
    assertThatThrownBy(() -> ledger.append(entry(666))).isInstanceOf(LedgerUnavailableException.class);
    assertThat(ledger.append(entry(1)).index()).isEqualTo(1);
    assertThat(reader.entries(0, 10)).extracting(LedgerReader.Entry::index).containsExactly(0L, 1L);
  }

  @Test
  void receipt_verifiesWithOnlyTheLedgerModuleAndThePublishedKey() throws Exception {
    for (int i = 0; i < 10; i++) ledger.append(entry(i));
    Ledger.Appended appended = ledger.append(entry(10));
    for (int i = 11; i < 17; i++) ledger.append(entry(i));

    ledger.sync();

    LedgerReader.Receipt receipt = reader.receipt(appended.index());
    Verifier published = Verifier.parse(reader.verifierKey());
    Checkpoint trusted = Checkpoint.open(receipt.checkpoint().note(), published);
    assertThat(receipt.leafHash()).isEqualTo(Hash.of(appended.leafHash()));
    receipt.proof().verify(TreeHasher.leafHash(entry(10).bytes()), trusted.root());
    assertThat(receipt.proof().size()).isEqualTo(trusted.size()).isBetween(11L, 17L);
    // against the first checkpoint that covers the entry: the same receipt every time
    assertThat(reader.receipt(appended.index())).isEqualTo(receipt);
    assertThat(checkpointSizes()).filteredOn(s -> s > 10).first().isEqualTo(trusted.size());
  }

  @Test
  void start_withANewKey_signsTheCurrentSizeAgainAndPublishesBothKeys() throws Exception {
    for (int i = 0; i < 5; i++) ledger.append(entry(i));
    ledger.close();
    Signer next = Signer.fromSeed("city.example/ledger", new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    ledger = PostgresLedger.start(database, CLOCK, next);
    ledger.append(entry(5));

    assertThat(reader.verifierKey()).isEqualTo(next.verifier().encoded());
    assertThat(reader.verifierKeys()).containsExactlyInAnyOrder(KEY.verifier().encoded(), next.verifier().encoded());
    assertThat(LedgerAudit.verify(database, List.of(KEY.verifier(), next.verifier())).intact()).isTrue();
    assertThat(LedgerAudit.verify(database, List.of(next.verifier())).problem())
        .hasValueSatisfying(p -> assertThat(p).startsWith("checkpoint at size 0").contains("not trusted"));
  }

  private List<Long> checkpointSizes() {
    return database.inTransaction(c -> {
      List<Long> out = new java.util.ArrayList<>();
      try (var ps = c.prepareStatement("SELECT size FROM ledger_checkpoint ORDER BY size"); var rs = ps.executeQuery()) {
        while (rs.next()) out.add(rs.getLong(1));
      }
      return out;
    });
  }

  private long checkpointCount() {
    return count("SELECT count(*) FROM ledger_checkpoint");
  }

  private long count(String sql) {
    return database.inTransaction(c -> {
      try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
