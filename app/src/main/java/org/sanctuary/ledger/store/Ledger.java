package org.sanctuary.ledger.store;

/**
 * The application's door to the public ledger. Every decision, record access and case change is
 * appended here before the caller hears "done".
 */
public interface Ledger {

  /**
   * Appends one entry and returns once it is durable (committed to the store). Many callers may
   * append at once; one sequencer assigns consecutive indexes and commits them in batches.
   *
   * @throws LedgerUnavailableException when the entry could not be made durable; the caller must
   *     then fail closed (refuse, or report an error) rather than answer as if it were recorded
   */
  Appended append(LedgerEntry entry);

  /**
   * Appends one entry and, in the same transaction, runs {@code alsoWrite} with the entry's index:
   * the record the entry speaks for (a stored request, a case change) and the entry become durable
   * together or not at all. If {@code alsoWrite} fails, nothing of it or of the entry is kept and
   * the caller gets {@link LedgerUnavailableException} with the failure as its cause.
   */
  default Appended append(LedgerEntry entry, Write alsoWrite) {
    throw new LedgerUnavailableException("this ledger cannot write a record with its entry", null);
  }

  /**
   * Runs {@code job} as a batch of its own: every entry the job appends through its {@link Bulk
   * appender} gets the next index, and the entries, the job's own writes on the connection and one
   * checkpoint signed over them commit in one transaction, or nothing does. Meant for many entries
   * at once (a request batch, an import); other appends wait while it runs. The job may be run
   * again from the start after a failure that left nothing behind, so it must keep no state of its
   * own between runs.
   *
   * @throws LedgerUnavailableException when the batch could not be committed; the job's own
   *     exceptions pass through unchanged after the rollback
   */
  default <T> T bulk(Bulk<T> job) {
    throw new LedgerUnavailableException("this ledger cannot append in bulk", null);
  }

  /** Appends entries inside a {@link #bulk} job. */
  interface Appender {
    /** Appends one entry; it is written with the job's transaction. */
    Appended append(LedgerEntry entry) throws java.sql.SQLException;
  }

  /** A job run by {@link #bulk}: its writes on {@code c} commit with the entries it appends. */
  @FunctionalInterface
  interface Bulk<T> {
    T run(java.sql.Connection c, Appender appender) throws java.sql.SQLException;
  }

  /** A write that commits together with a ledger entry. */
  @FunctionalInterface
  interface Write {
    void write(java.sql.Connection c, long index) throws java.sql.SQLException;
  }

  /** Where an entry landed: its index and the RFC 6962 leaf hash of its bytes. */
  record Appended(long index, byte[] leafHash) {}
}
