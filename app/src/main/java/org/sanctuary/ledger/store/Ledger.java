package org.sanctuary.ledger.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.sanctuary.errors.DomainError;

/**
 * The application's door to the public ledger. Every decision, record access and case change is
 * appended here before the caller hears "done".
 *
 * <p>Two implementations: {@link PostgresLedger}, the durable one with a single sequencer, and
 * {@link InMemoryLedger} for tests of callers that need no store. One contract test suite runs over
 * both.
 */
public interface Ledger {

  /**
   * Appends one entry and returns once it is durable. Many callers may append at once; one
   * sequencer assigns consecutive indexes and commits them in batches. A checkpoint covering the
   * entry is signed soon after, off the commit path: see {@link #awaitCheckpoint} (and {@link
   * #appendAllCovered} for a caller that needs one at once).
   *
   * @throws LedgerUnavailableException when the entry could not be made durable; the caller must
   *     then fail closed (refuse, or report an error) rather than answer as if it were recorded
   */
  default Appended append(LedgerEntry entry) {
    return append(entry, Write.nothing()).appended();
  }

  /**
   * Appends one entry and, in the same transaction, runs {@code write} with the entry's index: the
   * record the entry speaks for (a stored request, a case change) and the entry become durable
   * together or not at all.
   *
   * @return where the entry landed and the value the write returned
   * @throws DomainError the write's own refusal, unchanged; nothing of it or of the entry is kept
   * @throws LedgerUnavailableException when the entry and its record could not be made durable,
   *     with the failure as its cause; nothing of either is kept
   */
  default <T> Recorded<T> append(LedgerEntry entry, Write<T> write) {
    return appendAll(List.of(entry), write);
  }

  /**
   * Appends several entries as one unit: they take consecutive indexes and commit in the same
   * transaction as {@code write}, which gets the first of those indexes. Either all of them and
   * the record are durable, or none. Used for a batch that a caller must see recorded whole.
   *
   * @return where each entry landed, in order, and the write's value
   * @throws DomainError the write's refusal; nothing is kept
   * @throws LedgerUnavailableException nothing is kept
   */
  <T> Recorded<T> appendAll(List<LedgerEntry> entries, Write<T> write);

  /**
   * {@link #appendAll}, returning once a signed checkpoint covers the entries too: for a caller
   * that hands out receipts. A ledger may sign that checkpoint with the batch and store it in the
   * entries' own transaction ({@link PostgresLedger} does), which spares the caller the wait for
   * the signer's next one.
   *
   * @throws LedgerUnavailableException as {@link #appendAll}; or, the entries being recorded, when
   *     no checkpoint covers them within the ledger's time limit (see {@link #awaitCheckpoint})
   */
  default <T> Recorded<T> appendAllCovered(List<LedgerEntry> entries, Write<T> write) {
    Recorded<T> done = appendAll(entries, write);
    awaitCheckpoint(done.entries().get(done.entries().size() - 1).index());
    return done;
  }

  /**
   * {@link #appendAll} without holding the caller's thread while the batch commits: the returned
   * future completes once the entries and the record are durable, or exceptionally with what
   * {@code appendAll} would have thrown (a bad argument included). In a ledger that queues
   * ({@link PostgresLedger}) it completes on a thread of the ledger's, so a long task after it
   * belongs on an executor of the caller's; this default appends at once, on the caller's thread.
   * For callers that keep many appends in flight with few threads, as a load generator keeps many
   * clients.
   */
  default <T> java.util.concurrent.CompletableFuture<Recorded<T>> appendAllAsync(List<LedgerEntry> entries,
      Write<T> write) {
    try {
      return java.util.concurrent.CompletableFuture.completedFuture(appendAll(entries, write));
    } catch (RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Appends more entries than one unit may hold (an import of a year's log): the job appends its
   * entries one by one through the {@link Appender} and writes its records on the connection, and
   * all of it, with one checkpoint signed over it, commits in one transaction of its own, or none
   * of it does. Other callers wait while it runs. Like a {@link Write}, the job may be run again
   * from the start and must keep no state across runs.
   *
   * @return the job's value
   * @throws DomainError the job's own refusal, unchanged; nothing is kept
   * @throws LedgerUnavailableException nothing is kept
   */
  default <T> T bulk(Bulk<T> job) {
    throw new LedgerUnavailableException("ledger: this ledger cannot append in bulk", null);
  }

  /**
   * Returns once a signed checkpoint covers entry {@code index}: call it before handing out a
   * receipt (or append through {@link #appendAllCovered}, which does both). Checkpoints are signed
   * after the commit, at most every few milliseconds, or, for {@code appendAllCovered}, stored in
   * the batch's own transaction: either way no checkpoint covers an entry that is not durable.
   *
   * @throws LedgerUnavailableException when no checkpoint covers the entry within the ledger's
   *     time limit
   */
  default void awaitCheckpoint(long index) {}

  /** A job run by {@link #bulk}: its writes on {@code c} commit with the entries it appends. */
  @FunctionalInterface
  interface Bulk<T> {
    Outcome<T> run(Connection c, Appender appender) throws SQLException;
  }

  /** Appends the entries of a {@link #bulk} job, each at the next index. */
  interface Appender {
    Appended append(LedgerEntry entry) throws SQLException;

    /**
     * Writes the entries appended so far to the transaction before the job writes records that
     * read them (a row takes its {@code synthetic} flag from its entry); otherwise they are
     * written in slices as they come and at the end.
     */
    void flush() throws SQLException;
  }

  /**
   * A record written in the transaction that commits its ledger entries.
   *
   * <p><b>It may run more than once, and must keep no state across runs.</b> When another write
   * in the same group commit fails or refuses, the whole transaction is rolled back and run again
   * without it, so a write can run, be rolled back, and run again with other indexes. Compute
   * everything from the arguments and from what the connection reads, and hand the result back as
   * the returned {@link Outcome}; never assign outside variables, never act outside the
   * transaction (no messages, no files), and use the connection only through a store's methods.
   */
  @FunctionalInterface
  interface Write<T> {
    /**
     * @param c the transaction's connection, for the part's store; absent ({@code null}) in
     *     {@link InMemoryLedger}, whose callers write no records
     * @param firstIndex the index of the (first) entry written with this record
     * @return {@link Outcome#done} with the record's value, or {@link Outcome#refused} to write
     *     nothing and hand the caller a typed refusal
     */
    Outcome<T> write(Connection c, long firstIndex) throws SQLException;

    /** The write that writes nothing: the entry alone. */
    Write<Void> NOTHING = (c, index) -> Outcome.done(null);

    /** A write that writes nothing: the entry alone. */
    static Write<Void> nothing() {
      return NOTHING;
    }

    /** A write that always writes and has no value to hand back. */
    static Write<Void> of(Step step) {
      return (c, index) -> {
        step.write(c, index);
        return Outcome.done(null);
      };
    }
  }

  /**
   * A write that only inserts rows into one table. The sequencer inserts the rows of every such
   * write in a batch with one statement per table, in the batch's one round trip, instead of one
   * statement per caller; run alone (or when that statement fails, to find whose rows failed) it
   * inserts its own rows with the same statement.
   */
  interface Rows<R> extends Write<Void> {
    /** The table; the same instance for every write into it, so a batch can gather them. */
    Table<R> table();

    /** The rows to insert, computed from {@code firstIndex} alone (the write may run again). */
    List<R> rows(long firstIndex);

    @Override
    default Outcome<Void> write(Connection c, long firstIndex) throws SQLException {
      if (c == null) return Outcome.done(null);
      List<R> rows = rows(firstIndex);
      try (java.sql.PreparedStatement ps = c.prepareStatement(table().insert())) {
        table().bind(ps, 1, rows);
        ps.execute();
      } catch (SQLException e) {
        java.util.Optional<DomainError> refusal = table().refusal(e);
        if (refusal.isEmpty()) throw e;
        return Outcome.refused(refusal.get());
      }
      return Outcome.done(null);
    }

    /** A rows write into {@code table}. */
    static <R> Rows<R> into(Table<R> table, java.util.function.LongFunction<List<R>> rows) {
      return new Rows<>() {
        @Override
        public Table<R> table() {
          return table;
        }

        @Override
        public List<R> rows(long firstIndex) {
          return rows.apply(firstIndex);
        }
      };
    }
  }

  /**
   * How rows of one kind are inserted: one statement (it may be a {@code WITH} over several
   * tables) whose parameters carry any number of rows, as arrays. A constraint it breaks is a
   * failure, unless {@link #refusal} names it a refusal; and it must not depend on the rows of
   * other callers in the same statement.
   */
  interface Table<R> {
    /** The statement, with {@code ?} parameters. */
    String insert();

    /** Binds the statement's parameters for {@code rows} from parameter {@code from}; returns the next free one. */
    int bind(java.sql.PreparedStatement ps, int from, List<R> rows) throws SQLException;

    /**
     * The caller's refusal that the statement's error {@code e} stands for (a check the statement
     * makes in the transaction), or empty for a failure. A batch whose statement is refused runs
     * again one write at a time, so only the callers whose own rows it refuses are refused.
     */
    default java.util.Optional<DomainError> refusal(SQLException e) {
      return java.util.Optional.empty();
    }
  }

  /** The body of a write that cannot refuse and returns nothing; see {@link Write#of}. */
  @FunctionalInterface
  interface Step {
    void write(Connection c, long firstIndex) throws SQLException;
  }

  /** What a write returns: its value, or the domain's refusal. */
  sealed interface Outcome<T> {
    static <T> Outcome<T> done(T value) {
      return new Done<>(value);
    }

    static <T> Outcome<T> refused(DomainError error) {
      return new Refusal<>(error);
    }

    /** The record was written; {@code value} goes back to the caller. */
    record Done<T>(T value) implements Outcome<T> {}

    /** Nothing may be written; the caller gets {@code error}. */
    record Refusal<T>(DomainError error) implements Outcome<T> {
      public Refusal {
        Objects.requireNonNull(error, "error");
      }
    }
  }

  /** Where an entry landed: its index and the RFC 6962 leaf hash of its bytes. */
  record Appended(long index, byte[] leafHash) {}

  /** Entries appended with their record: where each landed, in order, and the write's value. */
  record Recorded<T>(List<Appended> entries, T value) {
    public Recorded {
      entries = List.copyOf(entries);
      if (entries.isEmpty()) throw new IllegalArgumentException("entries: none were appended");
    }

    /** Where the first (or only) entry landed. */
    public Appended appended() {
      return entries.get(0);
    }
  }
}
