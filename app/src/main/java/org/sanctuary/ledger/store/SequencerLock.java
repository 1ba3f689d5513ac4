package org.sanctuary.ledger.store;

import java.sql.Connection;
import java.sql.Statement;
import java.sql.SQLException;

/**
 * Who sequences the ledger's next batch: the transaction that holds a PostgreSQL transaction-level
 * advisory lock on one key, shared by every Sanctuary process on the database. Any process may
 * take it; one at a time holds it. PostgreSQL releases it when the transaction commits or rolls
 * back, or when the connection dies with its process, so a crashed node never leaves it behind and
 * the next batch of any other node goes on at once.
 */
final class SequencerLock {
  /** The lock's key: "sanctuar" in ASCII, the same for every Sanctuary process. */
  static final long KEY = 0x73616e6374756172L;

  private SequencerLock() {}

  /**
   * The stored log's end as the sequencer sees it: its size, its last entry's leaf hash, and the
   * leaf hash stored at the index a node last committed (null when no entry is stored there).
   */
  record End(long size, byte[] lastLeaf, byte[] leafAt) {}

  /**
   * Waits until this transaction is the sequencer; it stays so until it ends. Must be the
   * transaction's first statement: it also pins the isolation to read committed, whatever the
   * server's default, because the end read next must see the batch another node committed while
   * this one waited (a snapshot taken before the wait would not). Returns that end, with the leaf
   * stored at {@code nodeLast} (the last index the asking node committed, -1 for none): the
   * three statements travel in one round trip.
   */
  static End takeAndReadEnd(Connection c, long nodeLast) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(" + KEY + ");"
          + " SELECT e.size AS ledger_size,"
          + " (SELECT leaf_hash FROM ledger_entry WHERE idx = e.size - 1) AS last_leaf,"
          + " (SELECT leaf_hash FROM ledger_entry WHERE idx = " + nodeLast + ") AS leaf_at"
          + " FROM (SELECT coalesce(max(idx) + 1, 0) AS size FROM ledger_entry) e");
      // results in order: the SET (an update count), the lock's row, the end's row
      Object[] end = LedgerTables.lastRow(st, "ledger_size");
      return new End((Long) end[0], (byte[]) end[1], (byte[]) end[2]);
    }
  }
}
