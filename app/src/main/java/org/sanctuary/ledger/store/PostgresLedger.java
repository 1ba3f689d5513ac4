package org.sanctuary.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.sanctuary.store.Database;

/**
 * The ledger kept in the application's PostgreSQL. This process is the one sequencer: it holds
 * the next index and hands indexes out under a lock, and an entry counts as appended only once
 * its transaction has committed.
 */
public final class PostgresLedger implements Ledger {
  private final Database database;
  private final Clock clock;
  private long next;

  public PostgresLedger(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
    this.next = database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(idx) + 1, 0) FROM ledger_entry");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override
  public synchronized Appended append(LedgerEntry entry) {
    byte[] data = entry.bytes();
    Hash leaf = TreeHasher.leafHash(data);
    long index = next;
    try {
      database.inTransaction(c -> insert(c, index, data, leaf));
    } catch (RuntimeException e) {
      throw new LedgerUnavailableException("ledger entry " + index + " was not recorded: " + e.getMessage(), e);
    }
    next = index + 1;
    return new Appended(index, leaf.bytes());
  }

  private Void insert(Connection c, long index, byte[] data, Hash leaf) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO ledger_entry (idx, data, leaf_hash, appended_at) VALUES (?, ?, ?, ?)")) {
      ps.setLong(1, index);
      ps.setBytes(2, data);
      ps.setBytes(3, leaf.bytes());
      ps.setTimestamp(4, Timestamp.from(clock.instant()));
      ps.executeUpdate();
    }
    return null;
  }

  /** The number of entries appended so far. */
  public synchronized long size() {
    return next;
  }
}
