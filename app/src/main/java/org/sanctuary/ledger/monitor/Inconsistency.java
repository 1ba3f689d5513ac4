package org.sanctuary.ledger.monitor;

/** What the monitor found wrong with the log: a fork, a rollback, a bad signature or tile. */
public final class Inconsistency extends Exception {
  private static final long serialVersionUID = 1L;

  Inconsistency(String message) {
    super(message);
  }
}
