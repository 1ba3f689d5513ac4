package org.sanctuary.limits;

import java.time.Clock;
import java.time.Duration;

/**
 * One rate for every client (an address, an account): the limiter the public forms and APIs use.
 * Each limit has a name, so limits kept in one shared store ({@link PostgresBuckets}) never spend
 * each other's tokens.
 */
public final class ClientLimit {
  private static final int MAX_CLIENTS = 100_000;

  private final Buckets buckets;
  private final String name;
  private final TokenBuckets.Rate rate;

  /** A limit named {@code name}, kept in {@code buckets}. */
  public ClientLimit(Buckets buckets, String name, TokenBuckets.Rate rate) {
    this.buckets = buckets;
    this.name = name;
    this.rate = rate;
  }

  /** A limit kept in this process alone. */
  public ClientLimit(Clock clock, TokenBuckets.Rate rate) {
    this(Buckets.inMemory(clock, MAX_CLIENTS), "client", rate);
  }

  /** {@code burst} requests at once, then one more every {@code every}, kept in this process alone. */
  public ClientLimit(Clock clock, int burst, Duration every) {
    this(clock, TokenBuckets.Rate.oneEvery(burst, every));
  }

  /**
   * Takes one token for {@code client}; false when the client has none left.
   *
   * @throws RuntimeException when the limit cannot be checked: the caller is refused (503)
   */
  public boolean tryAcquire(String client) {
    return buckets.acquire(name + " " + client, rate) == 0;
  }

  /** Seconds a refused client should wait before trying again, for a Retry-After header. */
  public long retryAfterSeconds() {
    long perToken = rate.per().toNanos() / rate.tokens();
    return Math.max(1, Duration.ofNanos(perToken).toSeconds());
  }
}
