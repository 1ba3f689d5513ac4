package org.sanctuary.errors;

/** Something the answer depends on could not answer, so nothing was given out (the web answers 503, the command line exits 1). */
public final class Unavailable extends DomainError {
  private static final long serialVersionUID = 1L;

  public Unavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
