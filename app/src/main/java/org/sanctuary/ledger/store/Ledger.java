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

  /** A write that commits together with a ledger entry. */
  @FunctionalInterface
  interface Write {
    void write(java.sql.Connection c, long index) throws java.sql.SQLException;
  }

  /** Where an entry landed: its index and the RFC 6962 leaf hash of its bytes. */
  record Appended(long index, byte[] leafHash) {}
}
