package org.sanctuary.ledger.note;

/** A signed note or checkpoint that is malformed or not signed as required. */
public final class InvalidNoteException extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidNoteException(String message) {
    super(message);
  }

  InvalidNoteException(String message, Throwable cause) {
    super(message, cause);
  }
}
