package org.sanctuary.errors;

/** What the caller asked for does not exist (the web answers 404). */
public final class NotFound extends DomainError {
  private static final long serialVersionUID = 1L;

  public NotFound(String message) {
    super(message);
  }
}
