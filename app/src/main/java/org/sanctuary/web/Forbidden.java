package org.sanctuary.web;

/** The caller is known but may not do this (wrong role, missing CSRF token): answered 403. */
public final class Forbidden extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public Forbidden(String message) {
    this(null, message);
  }

  public Forbidden(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
