package org.sanctuary.incidents;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address: {@code burst} requests at once, then one more every {@code
 * every}. Kept in memory per process; with several application nodes each limits on its own, which
 * still bounds a flood to a multiple of the limit. Time comes from the injected clock.
 */
public final class RateLimiter {
  private static final int MAX_CLIENTS = 100_000;

  private final Clock clock;
  private final int burst;
  private final long everyNanos;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(Clock clock, int burst, Duration every) {
    if (burst < 1 || every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("rate limit: burst " + burst + ", every " + every);
    }
    this.clock = clock;
    this.burst = burst;
    this.everyNanos = every.toNanos();
  }

  private static final class Bucket {
    double tokens;
    long stamp;

    Bucket(double tokens, long stamp) {
      this.tokens = tokens;
      this.stamp = stamp;
    }
  }

  /** Takes one token for {@code client}; false when the client has none left. */
  public boolean tryAcquire(String client) {
    long now = nanos();
    if (buckets.size() > MAX_CLIENTS) forgetFull(now);
    Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
    synchronized (b) {
      refill(b, now);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    }
  }

  /** Seconds until {@code client} may try again, for a Retry-After header. */
  public long retryAfterSeconds() {
    return Math.max(1, Duration.ofNanos(everyNanos).toSeconds());
  }

  private void refill(Bucket b, long now) {
    if (now > b.stamp) {
      b.tokens = Math.min(burst, b.tokens + (double) (now - b.stamp) / everyNanos);
      b.stamp = now;
    }
  }

  // a client whose bucket has filled up again is no different from a new one
  private void forgetFull(long now) {
    buckets.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        refill(e.getValue(), now);
        return e.getValue().tokens >= burst;
      }
    });
  }

  private long nanos() {
    java.time.Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
