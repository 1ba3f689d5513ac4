package org.sanctuary.limits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.sanctuary.errors.Unavailable;
import org.sanctuary.store.Database;
import org.sanctuary.store.StoreException;

/**
 * Where token buckets live: in this process ({@link #inMemory}) or in PostgreSQL, shared by every
 * node ({@link PostgresBuckets}). Both keep the same exact integer credit, so a limit answers the
 * same wherever it is kept.
 */
@FunctionalInterface
public interface Buckets {
  /**
   * Takes one token for {@code key}; 0 when granted, else the whole seconds (at least 1) to wait.
   *
   * @throws RuntimeException when the buckets cannot be read: the caller is refused (503), never let through
   */
  long acquire(String key, TokenBuckets.Rate rate);

  /**
   * Takes one token for {@code key} and reads one value from the database, as {@link #acquire}
   * does alone: for a caller that needs both before it may go on (the gateway's check that its
   * copy of the partners is current). Buckets kept in that same database do both in one statement,
   * which sees one moment of it; others take the token, then read.
   *
   * @throws RuntimeException when either cannot be done, or the value is missing: the caller is
   *     refused (503), never let through
   */
  default Taken acquireReading(String key, TokenBuckets.Rate rate, Reading reading) {
    long wait = acquire(key, rate);
    return new Taken(wait, reading.read());
  }

  /**
   * A gate for the statements that follow it in the same round trip to {@code reading}'s database,
   * when the buckets are kept there (empty otherwise): it takes one token for {@code key} and
   * reads the value as {@link #acquireReading} does, in one statement, and that statement fails
   * with SQLSTATE {@link Gate#CLOSED} unless the token was granted and the value read equals
   * {@code expected}. The server then runs nothing after it until the round trip ends, and keeps
   * nothing of the statement: the caller asks again through {@link #acquireReading}, which counts
   * the request and says how long to wait.
   */
  default Optional<Gate> gate(String key, TokenBuckets.Rate rate, Reading reading, String expected) {
    return gate(key, rate, reading, expected, 1);
  }

  /**
   * As {@link #gate(String, TokenBuckets.Rate, Reading, String)}, taking up to {@code upTo} tokens
   * at once, as many as the bucket holds (the gate opens with one or more); the gate's one row is
   * the number taken, which the caller may spend on its next requests.
   */
  default Optional<Gate> gate(String key, TokenBuckets.Rate rate, Reading reading, String expected, int upTo) {
    return Optional.empty();
  }

  /** A statement with its parameters, to run first in a round trip; see {@link #gate}. */
  interface Gate {
    /** SQLSTATE of a closed gate: no token, or not the value expected (migration V917). */
    String CLOSED = "SA429";

    /** One statement, without a terminating semicolon; its one row (bigint): the tokens it took. */
    String sql();

    /** Binds the statement's parameters from {@code first}; returns the next parameter's index. */
    int bind(PreparedStatement ps, int first) throws SQLException;

    /** The gate opened, taking {@code taken} tokens (its row), before the statements behind it ran. */
    default void opened(long taken) {}

    /** This gate, telling {@code then} too how many tokens it took when it opens. */
    default Gate whenOpened(java.util.function.LongConsumer then) {
      Gate gate = this;
      return new Gate() {
        @Override
        public String sql() {
          return gate.sql();
        }

        @Override
        public int bind(PreparedStatement ps, int first) throws SQLException {
          return gate.bind(ps, first);
        }

        @Override
        public void opened(long taken) {
          gate.opened(taken);
          then.accept(taken);
        }
      };
    }
  }

  /** The answer of {@link #acquireReading}: the seconds to wait (0: granted) and the value read. */
  record Taken(long waitSeconds, String value) {}

  /**
   * A single value read from {@code database} by {@code scalarQuery}: a {@code SELECT} of one
   * column (text) and at most one row, without parameters.
   */
  record Reading(Database database, String scalarQuery) {
    /**
     * A gate that takes no token (the caller holds one taken before): it opens only while the
     * value read equals {@code expected}, and fails as {@link Buckets#gate}'s does otherwise.
     */
    public Gate gateAt(String expected) {
      String sql = "SELECT CASE WHEN (" + scalarQuery + ") = ? THEN 0::bigint ELSE bucket_gate_closed()::int::bigint END";
      return new Gate() {
        @Override
        public String sql() {
          return sql;
        }

        @Override
        public int bind(PreparedStatement ps, int first) throws SQLException {
          ps.setString(first, expected);
          return first + 1;
        }
      };
    }

    /** Reads the value in a statement of its own (one round trip). */
    public String read() {
      try (Connection c = database.dataSource().getConnection();
          PreparedStatement ps = c.prepareStatement(scalarQuery);
          ResultSet rs = ps.executeQuery()) {
        return present(rs.next() ? rs.getString(1) : null);
      } catch (SQLException | RuntimeException e) {
        throw unavailable(e);
      }
    }

    /** Any failure to read is a refusal (503): an outage as such, anything else as {@link Unavailable}. */
    static RuntimeException unavailable(Exception e) {
      if (e instanceof Unavailable u) return u;
      if (StoreException.isOutage(e)) return new StoreException("database: " + e.getMessage(), e);
      return new Unavailable("a value this check needs cannot be read now, so nothing was done; try again shortly", e);
    }

    String present(String value) {
      if (value == null) throw new Unavailable("a value this check needs is missing from the database; nothing was done", null);
      return value;
    }
  }

  /** Buckets kept by this process alone, forgetting full ones past {@code maxKeys}. */
  static Buckets inMemory(Clock clock, int maxKeys) {
    TokenBuckets<String> buckets = new TokenBuckets<>(clock, maxKeys);
    return buckets::acquire;
  }
}
