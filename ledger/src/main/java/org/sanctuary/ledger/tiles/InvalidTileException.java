package org.sanctuary.ledger.tiles;

/**
 * A tile or entry bundle that is malformed or does not hash to what the checkpoint commits to. It
 * is unchecked because it surfaces through {@link org.sanctuary.ledger.merkle.HashReader}.
 */
public final class InvalidTileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidTileException(String message) {
    super(message);
  }
}
