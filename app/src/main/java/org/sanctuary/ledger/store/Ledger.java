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

  /** Where an entry landed: its index and the RFC 6962 leaf hash of its bytes. */
  record Appended(long index, byte[] leafHash) {}
}
