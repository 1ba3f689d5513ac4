package org.sanctuary.web;

/** The caller is over its rate limit: answered 429 with {@code Retry-After} in whole seconds. */
public final class TooManyRequests extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  public TooManyRequests(String message, long retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
