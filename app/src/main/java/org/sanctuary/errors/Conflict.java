package org.sanctuary.errors;

/**
 * What the caller wanted to change was changed by someone else since the caller read it; nothing
 * was written. Reload and decide again (the web answers 409).
 */
public final class Conflict extends DomainError {
  private static final long serialVersionUID = 1L;

  public Conflict(String message) {
    super(message);
  }
}
