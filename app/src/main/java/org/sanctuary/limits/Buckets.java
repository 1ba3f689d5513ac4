package org.sanctuary.limits;

import java.time.Clock;

/**
 * Where token buckets live: in this process ({@link #inMemory}) or in PostgreSQL, shared by every
 * node ({@link PostgresBuckets}). Both keep the same exact integer credit, so a limit answers the
 * same wherever it is kept.
 */
@FunctionalInterface
public interface Buckets {
  /**
   * Takes one token for {@code key}; 0 when granted, else the whole seconds (at least 1) to wait.
   *
   * @throws RuntimeException when the buckets cannot be read: the caller is refused (503), never let through
   */
  long acquire(String key, TokenBuckets.Rate rate);

  /** Buckets kept by this process alone, forgetting full ones past {@code maxKeys}. */
  static Buckets inMemory(Clock clock, int maxKeys) {
    TokenBuckets<String> buckets = new TokenBuckets<>(clock, maxKeys);
    return buckets::acquire;
  }
}
