package org.sanctuary.gateway;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-partner token buckets, in memory: each partner may burst up to its bucket size, then
 * gets its rate per second. Time comes from the injected clock, so tests need no sleeping.
 */
final class RateLimiter {
  private final Clock clock;
  private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Takes one token; returns 0 when granted, else the whole seconds to wait before retrying. */
  long acquire(Partner p) {
    Bucket b = buckets.computeIfAbsent(p.id(), id -> new Bucket(p.burst(), clock.millis()));
    return b.take(p.ratePerSecond(), p.burst(), clock.millis());
  }

  private static final class Bucket {
    private double tokens;
    private long lastMillis;

    Bucket(int burst, long now) {
      this.tokens = burst;
      this.lastMillis = now;
    }

    synchronized long take(int rate, int burst, long now) {
      if (now > lastMillis) {
        tokens = Math.min(burst, tokens + (now - lastMillis) * rate / 1000.0);
        lastMillis = now;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      double missing = 1 - tokens;
      return (long) Math.ceil(missing / rate);
    }
  }
}
