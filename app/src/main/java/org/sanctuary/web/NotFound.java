package org.sanctuary.web;

/** What the caller asked for does not exist: answered 404 with {@code {"error": message}}. */
public final class NotFound extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotFound(String message) {
    super(message);
  }
}
