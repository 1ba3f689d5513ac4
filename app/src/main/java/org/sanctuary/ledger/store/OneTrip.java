package org.sanctuary.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import org.sanctuary.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch whose records are all {@link Ledger.Rows} rows, committed in one round trip: the
 * transaction's start, the sequencer lock, the entries and nodes, one insert per table and the
 * commit, sent together. pgjdbc sends the statements of one call with a single sync, so the
 * server answers once.
 */
final class OneTrip {
  private static final Logger log = LoggerFactory.getLogger(OneTrip.class);

  private OneTrip() {}

  /** How it ended: committed, surely not committed (the server refused a statement), or not known. */
  enum Outcome { COMMITTED, NOT_COMMITTED, UNKNOWN }

  /**
   * How it ended; {@code storedBefore} is what the checkpoint's statement read under the checkpoint
   * lock, the largest size stored before (-1 for none), when the batch carried a checkpoint and
   * committed; otherwise {@link #NO_CHECKPOINT}.
   */
  record Result(Outcome outcome, Exception failure, long storedBefore) {
    Result(Outcome outcome, Exception failure) {
      this(outcome, failure, NO_CHECKPOINT);
    }
  }

  static final long NO_CHECKPOINT = -2;

  /** The transaction's setting that tells migration V920's triggers from which index every entry is real. */
  static final String REAL_FROM = "sanctuary.real_from";

  /** The value of {@link #REAL_FROM} for a batch starting at {@code first}: empty when any entry is synthetic. */
  static String realFrom(long first, boolean anySynthetic) {
    return anySynthetic ? "" : Long.toString(first);
  }

  /** Binds every parameter of {@link #sql}'s statement, in order. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /**
   * The statement. Its parameters: the batch's first index and the leaf hash of the node's last
   * entry (the lock is taken, then the batch checked to follow the stored log as the node left it,
   * by {@code ledger_sequence_from}, migration V915); {@link #realFrom}'s value (the rows of a
   * batch with no synthetic entry are real, which spares each row the read of its entry: migration
   * V920); {@link LedgerTables#INSERT_ENTRIES_AND_NODES}'s,
   * then each table's in order; with {@code checkpoint}, last, {@link LedgerTables#HEAD_IN_ORDER}'s
   * (the checkpoint over the tree the batch makes, stored in its transaction). With {@code
   * flushLater} the commit does not wait for the log's flush ({@code synchronous_commit} off for
   * this transaction): the caller flushes it before it tells anyone the batch is recorded ({@link
   * LogFlusher}).
   */
  static String sql(Collection<Ledger.Table<?>> tables, boolean checkpoint, boolean flushLater) {
    StringBuilder sql = new StringBuilder("BEGIN ISOLATION LEVEL READ COMMITTED; SELECT ledger_sequence_from(")
        .append(SequencerLock.KEY).append(", ?, ?), set_config('").append(REAL_FROM).append("', ?, true); ").append(LedgerTables.INSERT_ENTRIES_AND_NODES);
    for (Ledger.Table<?> t : tables) sql.append("; ").append(t.insert());
    if (checkpoint) sql.append("; ").append(LedgerTables.HEAD_IN_ORDER);
    if (flushLater) sql.append("; SET LOCAL synchronous_commit = off");
    return sql.append("; COMMIT").toString();
  }

  /**
   * Sends {@code sql} and reads every result; with {@code checkpoint} (the statement of {@link
   * #sql} with one), what the checkpoint's statement read goes into the result.
   */
  static Result run(Database database, String sql, boolean checkpoint, Binder binder) {
    try (Connection c = database.dataSource().getConnection()) {
      if (!c.getAutoCommit()) c.setAutoCommit(true);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        ps.execute();
        long storedBefore = checkpoint ? (Long) LedgerTables.lastRow(ps, "stored_size")[0] : NO_CHECKPOINT;
        while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
          // every statement's result, read to the end
        }
        return new Result(Outcome.COMMITTED, null, storedBefore);
      } catch (SQLException e) {
        if (isConnectionFailure(e)) return new Result(Outcome.UNKNOWN, e);
        endFailed(c);
        log.debug("ledger: a batch sent in one round trip did not commit: {}", e.getMessage());
        return new Result(Outcome.NOT_COMMITTED, e);
      }
    } catch (SQLException e) {
      return new Result(Outcome.NOT_COMMITTED, e); // no connection: nothing was sent
    }
  }

  /**
   * After a statement set that began its own transaction failed: the server skipped the rest, the
   * commit too, so the open, failed transaction is ended and the connection goes back to the pool
   * clean (a broken one the pool drops; nothing was committed either way).
   */
  static void endFailed(Connection c) {
    try (Statement st = c.createStatement()) {
      st.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // see above
    }
  }

  // SQLSTATE class 08: the connection broke, so whether the commit happened is not known.
  private static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08");
  }
}
