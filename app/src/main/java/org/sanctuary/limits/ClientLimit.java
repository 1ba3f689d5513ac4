package org.sanctuary.limits;

import java.time.Clock;
import java.time.Duration;

/** One rate for every client (an address, an account): the limiter the public forms and APIs use. */
public final class ClientLimit {
  private static final int MAX_CLIENTS = 100_000;

  private final TokenBuckets<String> buckets;
  private final TokenBuckets.Rate rate;

  public ClientLimit(Clock clock, TokenBuckets.Rate rate) {
    this.buckets = new TokenBuckets<>(clock, MAX_CLIENTS);
    this.rate = rate;
  }

  /** {@code burst} requests at once, then one more every {@code every}. */
  public ClientLimit(Clock clock, int burst, Duration every) {
    this(clock, TokenBuckets.Rate.oneEvery(burst, every));
  }

  /** Takes one token for {@code client}; false when the client has none left. */
  public boolean tryAcquire(String client) {
    return buckets.tryAcquire(client, rate);
  }

  /** Seconds a refused client should wait before trying again, for a Retry-After header. */
  public long retryAfterSeconds() {
    long perToken = rate.per().toNanos() / rate.tokens();
    return Math.max(1, Duration.ofNanos(perToken).toSeconds());
  }
}
