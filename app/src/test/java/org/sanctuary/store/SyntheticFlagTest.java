package org.sanctuary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * A stored row is synthetic exactly when the ledger entry it was written with is marked
 * {@code "synthetic":true} (migration V701), however the rows of one statement mix them:
 * an INSERT of many rows and a COPY alike; a batch of the ledger's that holds no synthetic entry
 * says so and spares its rows the read of their entries (V920).
 */
class SyntheticFlagTest {
  private static Database database;
  private static long partner;

  @BeforeAll
  static void open() {
    database = TestDatabases.fresh();
    partner = partner(database);
  }

  private static long partner(Database database) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO gateway_partner (agency_id, name, rate_per_sec,"
          + " burst, mark_secret, admitted_at) VALUES ('FBI', 'FBI', 1, 1, decode(repeat('00', 32), 'hex'), now())"
          + " RETURNING id"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void insert_ofRealAndSyntheticRowsInOneStatement_marksOnlyThoseWhoseEntryIsSynthetic() {
    List<Boolean> flags = database.inTransaction(c -> {
      entries(c, 0, true, false, true, false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO gateway_access (at, partner_id, agency_id, dataset,"
          + " purpose, outcome, reason, citation, params_hash, case_hash, row_count, ledger_index)"
          + " SELECT now(), ?, 'FBI', 'd', 'CRIMINAL', 'PERMIT', 'r', 'c', 'p', 'k', 0, i FROM generate_series(0, 3) i")) {
        ps.setLong(1, partner);
        ps.executeUpdate();
      }
      return flags(c, 0, 3);
    });

    assertThat(flags).containsExactly(true, false, true, false);
  }

  @Test
  void copy_ofRealAndSyntheticRows_marksOnlyThoseWhoseEntryIsSynthetic() throws Exception {
    List<Boolean> flags = database.inTransaction(c -> {
      entries(c, 10, false, true, false);
      StringBuilder rows = new StringBuilder();
      for (int i = 10; i <= 12; i++) {
        rows.append("2026-01-01T00:00:00Z,").append(partner).append(",FBI,d,CRIMINAL,DENY,r,c,p,k,0,").append(i)
            .append('\n');
      }
      try {
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY gateway_access (at, partner_id, agency_id, dataset,"
            + " purpose, outcome, reason, citation, params_hash, case_hash, row_count, ledger_index) FROM STDIN"
            + " (FORMAT csv)", new StringReader(rows.toString()));
      } catch (java.io.IOException e) {
        throw new SQLException(e);
      }
      return flags(c, 10, 12);
    });

    assertThat(flags).containsExactly(false, true, false);
  }

  @Test
  void aBatchThatStatesItsEntriesReal_skipsTheReadOnlyForRowsOfItsOwnEntries() {
    List<Boolean> flags = database.inTransaction(c -> {
      entries(c, 20, true, false, true, true); // 22 and 23 are synthetic, yet the batch says "real from 22"
      try (PreparedStatement ps = c.prepareStatement("SELECT set_config('sanctuary.real_from', '22', true)")) {
        ps.execute();
      }
      insertAccess(c, 20, 23);
      return flags(c, 20, 23);
    });

    // rows of entries before the batch's first are read from the log; the batch's own take its word
    assertThat(flags).containsExactly(true, false, false, false);
  }

  @Test
  void theStatementEndsWithItsTransaction_andAnEmptyOneReadsTheLog() {
    database.inTransaction(c -> {
      entries(c, 30, true);
      try (PreparedStatement ps = c.prepareStatement("SELECT set_config('sanctuary.real_from', '30', true)")) {
        ps.execute();
      }
      return null;
    });
    List<Boolean> flags = database.inTransaction(c -> {
      entries(c, 31, true);
      insertAccess(c, 30, 31); // the setting of the transaction before is gone
      try (PreparedStatement ps = c.prepareStatement("SELECT set_config('sanctuary.real_from', '', true)")) {
        ps.execute();
      }
      entries(c, 32, true);
      insertAccess(c, 32, 32);
      return flags(c, 30, 32);
    });

    assertThat(flags).containsExactly(true, true, true);
  }

  /**
   * Through the sequencer: callers append real and synthetic entries at once, each with a
   * look-up's row, in batches sent in one round trip that mix both or hold only one kind; every
   * row's flag is its own entry's.
   */
  @Test
  void rowsWrittenWithTheirEntriesByTheLedger_carryTheirOwnEntrysFlag_inMixedAndRealBatches() throws Exception {
    try (Database own = TestDatabases.fresh()) {
      long ownPartner = partner(own);
      rowsThroughTheLedger(own, accessRows(ownPartner));
    }
  }

  private static void rowsThroughTheLedger(Database database, org.sanctuary.ledger.store.Ledger.Table<Long> rows)
      throws Exception {
    long first = 0;
    java.util.Map<Long, Boolean> expected = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.Random random = new java.util.Random(920);
    boolean[] synthetic = new boolean[600];
    // the first half all real (so that whole batches are), the rest one in five synthetic
    for (int i = 300; i < synthetic.length; i++) synthetic[i] = random.nextInt(5) == 0;
    try (org.sanctuary.ledger.store.PostgresLedger ledger = org.sanctuary.ledger.store.PostgresLedger.start(database,
        java.time.Clock.systemUTC(), org.sanctuary.ledger.note.Signer.fromSeed("city.example/ledger", new byte[32]))) {
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
      try {
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int i = 0; i < synthetic.length; i++) {
          boolean mark = synthetic[i];
          done.add(pool.submit(() -> {
            org.sanctuary.ledger.store.LedgerEntry entry = org.sanctuary.ledger.store.LedgerEntry.of("gateway.access",
                java.util.Map.of("n", 1));
            long index = ledger.append(mark ? entry.synthetic() : entry, org.sanctuary.ledger.store.Ledger.Rows.into(
                rows, at -> List.of(at))).appended().index();
            expected.put(index, mark);
          }));
        }
        for (java.util.concurrent.Future<?> f : done) f.get();
      } finally {
        pool.shutdown();
      }
    }
    long last = first + synthetic.length - 1;
    List<Boolean> flags = database.inTransaction(c -> flags(c, first, last));
    List<Boolean> want = new ArrayList<>();
    for (long i = first; i <= last; i++) want.add(expected.get(i));
    assertThat(flags).hasSize(synthetic.length).isEqualTo(want);
    assertThat(want).contains(true, false);
  }

  /** A look-up's row per entry, at the entry's index, as the gateway's own table writes them. */
  private static org.sanctuary.ledger.store.Ledger.Table<Long> accessRows(long partner) {
    return new org.sanctuary.ledger.store.Ledger.Table<>() {
      @Override
      public String insert() {
        return "INSERT INTO gateway_access (at, partner_id, agency_id, dataset, purpose, outcome, reason, citation,"
            + " params_hash, case_hash, row_count, ledger_index) SELECT now(), ?, 'FBI', 'd', 'CRIMINAL', 'PERMIT',"
            + " 'r', 'c', 'p', 'k', 0, i FROM unnest(?::bigint[]) i";
      }

      @Override
      public int bind(PreparedStatement ps, int from, List<Long> rows) throws SQLException {
        ps.setLong(from, partner);
        ps.setArray(from + 1, ps.getConnection().createArrayOf("bigint", rows.toArray()));
        return from + 2;
      }
    };
  }

  private static void insertAccess(Connection c, long first, long last) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO gateway_access (at, partner_id, agency_id, dataset,"
        + " purpose, outcome, reason, citation, params_hash, case_hash, row_count, ledger_index)"
        + " SELECT now(), ?, 'FBI', 'd', 'CRIMINAL', 'PERMIT', 'r', 'c', 'p', 'k', 0, i FROM generate_series(?, ?) i")) {
      ps.setLong(1, partner);
      ps.setLong(2, first);
      ps.setLong(3, last);
      ps.executeUpdate();
    }
  }

  // entries first..: each marked synthetic or not, as the ledger writes them before their rows
  private static void entries(Connection c, long first, boolean... synthetic) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO ledger_entry (idx, data, leaf_hash, appended_at) VALUES (?, ?, sha256(?), now())")) {
      for (int i = 0; i < synthetic.length; i++) {
        byte[] data = ("{\"kind\":\"gateway.access\",\"n\":" + (first + i) + (synthetic[i] ? ",\"synthetic\":true" : "")
            + "}").getBytes(StandardCharsets.UTF_8);
        ps.setLong(1, first + i);
        ps.setBytes(2, data);
        ps.setBytes(3, data);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static List<Boolean> flags(Connection c, long first, long last) throws SQLException {
    List<Boolean> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT synthetic FROM gateway_access WHERE ledger_index BETWEEN ? AND ? ORDER BY ledger_index")) {
      ps.setLong(1, first);
      ps.setLong(2, last);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(rs.getBoolean(1));
      }
    }
    return out;
  }
}
