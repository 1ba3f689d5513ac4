package org.sanctuary.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.sanctuary.store.Database;
import org.sanctuary.store.StoreException;

/**
 * The guarantee that one process at a time sequences a database's ledger: a session-level
 * PostgreSQL advisory lock, held on a connection of its own for as long as the sequencer runs.
 * PostgreSQL releases it when that connection ends, so a crashed process never leaves it behind.
 */
final class SequencerLock implements AutoCloseable {
  /** The lock's key: "sanctuar" in ASCII, the same for every Sanctuary process. */
  static final long KEY = 0x73616e6374756172L;

  private final Database database;
  private Connection held;

  private SequencerLock(Database database, Connection held) {
    this.database = database;
    this.held = held;
  }

  /**
   * Takes the lock or refuses at once, naming the process that holds it.
   *
   * @throws StoreException when another process is this database's sequencer
   */
  static SequencerLock acquire(Database database) {
    return new SequencerLock(database, take(database));
  }

  private static Connection take(Database database) {
    Connection c = null;
    try {
      c = database.dataSource().getConnection();
      c.setAutoCommit(true);
      try (PreparedStatement st = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        st.setLong(1, KEY);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) return c;
        }
      }
      String holder = holder(c);
      c.close();
      throw new StoreException("ledger: another process is already the ledger's sequencer for "
          + database.description() + " (" + holder + "); one server writes to a database at a time"
          + " (see docs/operations.md): stop it, or make this change through that server");
    } catch (SQLException e) {
      closeQuietly(c);
      throw new StoreException("database: cannot take the sequencer lock: " + e.getMessage(), e);
    }
  }

  // An advisory lock on a bigint key is stored as two 32-bit halves.
  private static String holder(Connection c) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "SELECT pid, application_name, client_addr FROM pg_locks JOIN pg_stat_activity USING (pid)"
            + " WHERE locktype = 'advisory' AND classid = ? AND objid = ? AND objsubid = 1 AND granted")) {
      st.setLong(1, KEY >>> 32);
      st.setLong(2, KEY & 0xffffffffL);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) return "holder not visible";
        String addr = rs.getString(3);
        return "database backend pid " + rs.getInt(1) + (addr == null ? " on the local socket" : " from " + addr);
      }
    }
  }

  /**
   * After a failed commit: checks the lock's connection still lives (a database restart ends it
   * and releases the lock) and takes the lock again if it was lost.
   *
   * @throws StoreException when another process took it meanwhile
   */
  synchronized void ensureHeld() {
    try {
      if (held != null && held.isValid(2)) return;
    } catch (SQLException e) {
      // fall through: take it again
    }
    closeQuietly(held);
    held = null;
    held = take(database);
  }

  // The connection goes back to a pool, where the session (and a session lock) lives on: unlock
  // explicitly before handing it back.
  @Override
  public synchronized void close() {
    if (held == null) return;
    try (PreparedStatement st = held.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      st.setLong(1, KEY);
      st.execute();
    } catch (SQLException e) {
      // a broken connection has lost the lock already
    }
    closeQuietly(held);
    held = null;
  }

  private static void closeQuietly(Connection c) {
    if (c == null) return;
    try {
      c.close();
    } catch (SQLException e) {
      // the connection is gone either way, and with it the lock
    }
  }
}
