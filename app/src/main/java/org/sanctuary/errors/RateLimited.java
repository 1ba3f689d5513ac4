package org.sanctuary.errors;

/** The caller is over its rate limit, and may try again after some seconds (the web answers 429 with {@code Retry-After}). */
public final class RateLimited extends DomainError {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  public RateLimited(String message, long retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
