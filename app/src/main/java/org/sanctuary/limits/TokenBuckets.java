package org.sanctuary.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key, in memory: a key may spend up to {@code burst} requests at once, then
 * earns {@code tokens} more every {@code per}. Credit is kept in exact integer units (one token is
 * {@code per} in nanoseconds, earned at {@code tokens} units per nanosecond), so a client that
 * waits exactly the advertised time always gets its next token. Time comes from the injected
 * clock; tests need no sleeping. These buckets belong to one process: {@code serve} keeps its
 * limits in {@link PostgresBuckets}, which does the same arithmetic for every node at once.
 */
public final class TokenBuckets<K> {
  /** A limit: {@code burst} at once, then {@code tokens} every {@code per}. */
  public record Rate(int burst, int tokens, Duration per) {
    public Rate {
      if (burst < 1 || tokens < 1 || per.isNegative() || per.isZero()) {
        throw new IllegalArgumentException("rate: burst " + burst + ", " + tokens + " per " + per);
      }
    }

    /** One token every {@code every}. */
    public static Rate oneEvery(int burst, Duration every) {
      return new Rate(burst, 1, every);
    }

    /** {@code perSecond} tokens a second. */
    public static Rate perSecond(int burst, int perSecond) {
      return new Rate(burst, perSecond, Duration.ofSeconds(1));
    }

    long unitNanos() {
      return per.toNanos();
    }

    long capacity() {
      return Math.multiplyExact((long) burst, unitNanos());
    }

    /** Whole seconds (at least 1) until a bucket holding {@code credit} earns one token. */
    long secondsUntilToken(long credit) {
      long missing = unitNanos() - credit;
      long waitNanos = (missing + tokens - 1) / tokens;
      return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
  }

  private static final class Bucket {
    long credit;
    long stamp;
    Rate rate;

    Bucket(Rate rate, long stamp) {
      this.credit = rate.capacity();
      this.stamp = stamp;
      this.rate = rate;
    }
  }

  private final Clock clock;
  private final int maxKeys;
  private final ConcurrentHashMap<K, Bucket> buckets = new ConcurrentHashMap<>();

  /** {@code maxKeys} bounds the memory a flood of new keys can take: full buckets are forgotten. */
  public TokenBuckets(Clock clock, int maxKeys) {
    this.clock = clock;
    this.maxKeys = maxKeys;
  }

  /** Takes one token for {@code key}; 0 when granted, else the whole seconds (at least 1) to wait. */
  public long acquire(K key, Rate rate) {
    long now = nanos();
    if (buckets.size() > maxKeys) {
      forgetFull(now);
    }
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(rate, now));
    synchronized (b) {
      b.rate = rate;
      refill(b, rate, now);
      if (b.credit >= rate.unitNanos()) {
        b.credit -= rate.unitNanos();
        return 0;
      }
      return rate.secondsUntilToken(b.credit);
    }
  }

  /** True when {@code key} may go ahead (one token taken). */
  public boolean tryAcquire(K key, Rate rate) {
    return acquire(key, rate) == 0;
  }

  private static void refill(Bucket b, Rate rate, long now) {
    b.credit = Math.min(b.credit, rate.capacity()); // the rate may have been lowered meanwhile
    if (now > b.stamp) {
      long elapsed = now - b.stamp;
      long room = rate.capacity() - b.credit;
      // elapsed * tokens could overflow after a long idle time; cap before multiplying
      b.credit = elapsed >= room / rate.tokens() + 1
          ? rate.capacity()
          : Math.min(rate.capacity(), b.credit + elapsed * rate.tokens());
      b.stamp = now;
    }
  }

  // a key whose bucket has filled up again is no different from a new one
  private void forgetFull(long now) {
    buckets.entrySet().removeIf(e -> {
      Bucket b = e.getValue();
      synchronized (b) {
        refill(b, b.rate, now);
        return b.credit >= b.rate.capacity();
      }
    });
  }

  private long nanos() {
    return nanos(clock.instant());
  }

  static long nanos(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
  }
}
