package org.sanctuary.ledger.store;

/** The ledger could not make an entry durable; callers fail closed. */
public final class LedgerUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LedgerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
