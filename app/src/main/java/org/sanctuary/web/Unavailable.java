package org.sanctuary.web;

/** Something the answer depends on could not answer, so nothing was given out: answered 503. */
public final class Unavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Unavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
