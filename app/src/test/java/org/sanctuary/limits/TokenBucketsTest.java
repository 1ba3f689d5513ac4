package org.sanctuary.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sanctuary.testing.MutableClock;

class TokenBucketsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));

  @Test
  void acquire_burstThenRefused_withTheWaitForOneToken() {
    TokenBuckets<String> buckets = new TokenBuckets<>(clock, 10);
    TokenBuckets.Rate rate = TokenBuckets.Rate.oneEvery(3, Duration.ofMinutes(6));
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.acquire("a", rate)).isZero();
    }
    assertThat(buckets.acquire("a", rate)).isEqualTo(360);
    assertThat(buckets.acquire("b", rate)).as("another key has its own bucket").isZero();
    clock.advance(Duration.ofMinutes(6).minusNanos(1));
    assertThat(buckets.acquire("a", rate)).isEqualTo(1);
    clock.advance(Duration.ofNanos(1));
    assertThat(buckets.acquire("a", rate)).isZero();
  }

  @Test
  void acquire_afterWaitingTheAdvertisedTime_isAlwaysGranted_seededRates() {
    Random random = new Random(7);
    for (int trial = 0; trial < 500; trial++) {
      TokenBuckets<Integer> buckets = new TokenBuckets<>(clock, 10);
      TokenBuckets.Rate rate = new TokenBuckets.Rate(1 + random.nextInt(5), 1 + random.nextInt(50),
          Duration.ofMillis(1 + random.nextInt(600_000)));
      while (buckets.acquire(trial, rate) == 0) {
        // spend the burst
      }
      clock.advance(Duration.ofNanos(random.nextInt(1_000_000)));
      long wait = buckets.acquire(trial, rate);
      if (wait > 0) {
        clock.advance(Duration.ofSeconds(wait));
        assertThat(buckets.acquire(trial, rate)).as("rate %s after %s s", rate, wait).isZero();
      }
    }
  }

  @Test
  void acquire_perSecond_grantsThatManyPerSecondAfterTheBurst() {
    TokenBuckets<Long> buckets = new TokenBuckets<>(clock, 10);
    TokenBuckets.Rate rate = TokenBuckets.Rate.perSecond(2, 3);
    int granted = 0;
    for (int ms = 0; ms < 10_000; ms++) {
      if (buckets.acquire(1L, rate) == 0) granted++;
      clock.advance(Duration.ofMillis(1));
    }
    // 2 at once, then 3 a second for 10 seconds (the last token lands on the 10th second's edge)
    assertThat(granted).isBetween(31, 32);
  }

  @Test
  void acquire_afterYearsIdle_refillsToTheBurstWithoutOverflow() {
    TokenBuckets<String> buckets = new TokenBuckets<>(clock, 10);
    TokenBuckets.Rate rate = new TokenBuckets.Rate(5, 1_000_000, Duration.ofNanos(1));
    for (int i = 0; i < 5; i++) buckets.acquire("a", rate);
    clock.advance(Duration.ofDays(3650));
    int granted = 0;
    for (int i = 0; i < 10; i++) {
      if (buckets.acquire("a", rate) == 0) granted++;
    }
    assertThat(granted).as("the burst again, no more, no overflow").isEqualTo(5);
  }

  @Test
  void clientLimit_manyClients_forgetsFullBucketsButNotSpentOnes() {
    ClientLimit limit = new ClientLimit(clock, 1, Duration.ofHours(1));
    assertThat(limit.tryAcquire("spent")).isTrue();
    for (int i = 0; i < 100_010; i++) {
      limit.tryAcquire("client-" + i);
    }
    assertThat(limit.tryAcquire("spent")).as("a spent bucket is never forgotten early").isFalse();
    assertThat(limit.retryAfterSeconds()).isEqualTo(3600);
  }
}
