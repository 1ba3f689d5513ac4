package org.sanctuary.ledger.merkle;

/** A proof that does not hold. The message says which check failed. */
public final class InvalidProofException extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidProofException(String message) {
    super(message);
  }
}
