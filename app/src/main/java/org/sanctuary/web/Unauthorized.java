package org.sanctuary.web;

/** The caller's credential is missing, unknown, revoked or expired: answered 401. */
public final class Unauthorized extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Unauthorized(String message) {
    super(message);
  }
}
