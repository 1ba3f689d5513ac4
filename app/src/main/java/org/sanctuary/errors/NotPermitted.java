package org.sanctuary.errors;

/** The caller is known but may not do this (wrong role, missing CSRF token) (the web answers 403). */
public final class NotPermitted extends DomainError {
  private static final long serialVersionUID = 1L;

  private final String field;

  public NotPermitted(String message) {
    this(null, message);
  }

  public NotPermitted(String field, String message) {
    super(message);
    this.field = field;
  }

  @Override
  public String field() {
    return field;
  }
}
