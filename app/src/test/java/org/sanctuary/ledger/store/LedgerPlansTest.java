package org.sanctuary.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.merkle.NodeId;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;

/**
 * A look-up of tree nodes stays an index look-up on a connection that first ran it while the
 * table was small and never analyzed: a plan cached then would scan the whole table until
 * autovacuum's first ANALYZE. The server's own counters say which way a look-up went.
 */
class LedgerPlansTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  // past what the driver and the server need to switch a statement to a cached generic plan
  private static final int EARLY_RUNS = 20;
  private static final int ENTRIES = 64;

  private Database database;
  private PostgresLedger ledger;

  @BeforeEach
  void open() {
    database = Database.connect(TestDatabases.freshServer());
    ledger = PostgresLedger.start(database, CLOCK, Signer.generate("city.example/ledger"));
    for (int i = 0; i < ENTRIES; i++) ledger.append(LedgerEntry.of("test", Map.of("n", i)));
    ledger.sync();
  }

  @AfterEach
  void close() {
    ledger.close();
    database.close();
  }

  @Test
  void nodeLookUp_afterTheTableGrew_readsByTheIndex() throws SQLException {
    // as many nodes as a proof in a large tree asks for: enough that a hash join over a small
    // table looks cheaper than one index look-up per node; leaves and the levels up to 7 are read
    // from the entries, the kept levels (8, 16, ...) and those between them from ledger_node
    List<NodeId> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) ids.add(new NodeId(0, i * 10));
    for (int i = 0; i < 4; i++) ids.add(new NodeId(2, i * 3));
    for (int i = 0; i < 4; i++) ids.add(new NodeId(40, i * 5));
    ids.add(new NodeId(41, 2));
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(true);
      grow(c, "INSERT INTO ledger_node (level, idx, hash)"
          + " SELECT 40, i, sha256(int8send(i)) FROM generate_series(0, 19) AS i");
      for (int i = 0; i < EARLY_RUNS; i++) LedgerTables.nodes(c, ids);
      grow(c, "INSERT INTO ledger_node (level, idx, hash)"
          + " SELECT 40, i, sha256(int8send(i)) FROM generate_series(20, 49999) AS i");
      grow(c, "INSERT INTO ledger_entry (idx, data, leaf_hash, appended_at)"
          + " SELECT 1000 + i, int8send(i), sha256(int8send(i)), now() FROM generate_series(0, 49999) AS i");
      long nodesBefore = sequentialScans(c, "ledger_node");
      long entriesBefore = sequentialScans(c, "ledger_entry");
      assertThat(LedgerTables.nodes(c, ids)).hasSize(13);
      assertThat(sequentialScans(c, "ledger_node")).isEqualTo(nodesBefore);
      assertThat(sequentialScans(c, "ledger_entry")).isEqualTo(entriesBefore);
    }
  }

  private static void grow(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  // The counters of this connection's statements, flushed and read afresh.
  private static long sequentialScans(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_stat_force_next_flush()");
      s.execute("SELECT pg_stat_clear_snapshot()");
      try (ResultSet r = s.executeQuery("SELECT seq_scan FROM pg_stat_user_tables WHERE relname = '" + table + "'")) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
