package org.sanctuary.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.errors.Unavailable;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.MutableClock;

/**
 * The shared buckets: two instances on one database (as two nodes would have) give a client the
 * limit once; the arithmetic is that of {@link TokenBuckets}, answer for answer; racing threads
 * never get more than the burst; an unreachable database refuses.
 */
class PostgresBucketsTest {
  private static final byte[] SECRET = new SecureRandom().generateSeed(32);
  private static Database database;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));

  @BeforeAll
  static void open() {
    database = TestDatabases.fresh();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private PostgresBuckets node() {
    return new PostgresBuckets(database, clock, SECRET);
  }

  private static String key(String name) {
    return name + " " + System.nanoTime(); // each test its own buckets
  }

  @Test
  void twoNodes_oneClient_getTheBurstOnceInTotal() {
    PostgresBuckets a = node();
    PostgresBuckets b = node();
    TokenBuckets.Rate rate = TokenBuckets.Rate.oneEvery(5, Duration.ofMinutes(6));
    String client = key("203.0.113.7");
    int granted = 0;
    for (int i = 0; i < 10; i++) {
      if ((i % 2 == 0 ? a : b).acquire(client, rate) == 0) granted++;
    }
    assertThat(granted).as("5 in all from two nodes, not 5 each").isEqualTo(5);
    assertThat(a.acquire(client, rate)).isEqualTo(360);
    clock.advance(Duration.ofMinutes(6));
    assertThat(b.acquire(client, rate)).as("the other node sees the token earned meanwhile").isZero();
    assertThat(a.acquire(client, rate)).isEqualTo(360);
  }

  @Test
  void acquire_burstThenRefused_withTheWaitForOneToken() {
    PostgresBuckets buckets = node();
    TokenBuckets.Rate rate = TokenBuckets.Rate.oneEvery(3, Duration.ofMinutes(6));
    String a = key("a");
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.acquire(a, rate)).isZero();
    }
    assertThat(buckets.acquire(a, rate)).isEqualTo(360);
    assertThat(buckets.acquire(key("b"), rate)).as("another key has its own bucket").isZero();
    clock.advance(Duration.ofMinutes(6).minusNanos(1));
    assertThat(buckets.acquire(a, rate)).isEqualTo(1);
    clock.advance(Duration.ofNanos(1));
    assertThat(buckets.acquire(a, rate)).isZero();
  }

  @Test
  void acquire_seededSteps_answerExactlyAsTheInMemoryBuckets() {
    Random random = new Random(11);
    PostgresBuckets shared = node();
    for (int trial = 0; trial < 40; trial++) {
      TokenBuckets<String> memory = new TokenBuckets<>(clock, 10);
      TokenBuckets.Rate rate = new TokenBuckets.Rate(1 + random.nextInt(5), 1 + random.nextInt(50),
          Duration.ofMillis(1 + random.nextInt(600_000)));
      String k = key("trial" + trial);
      for (int step = 0; step < 25; step++) {
        if (random.nextInt(3) == 0) {
          clock.advance(Duration.ofNanos(random.nextInt(3) == 0 ? random.nextLong(1, 900_000_000_000L)
              : random.nextInt(1_000_000)));
        }
        long expected = memory.acquire(k, rate);
        assertThat(shared.acquire(k, rate)).as("trial %d step %d, rate %s", trial, step, rate).isEqualTo(expected);
      }
    }
  }

  @Test
  void acquire_afterWaitingTheAdvertisedTime_isAlwaysGranted() {
    Random random = new Random(7);
    PostgresBuckets buckets = node();
    for (int trial = 0; trial < 40; trial++) {
      TokenBuckets.Rate rate = new TokenBuckets.Rate(1 + random.nextInt(5), 1 + random.nextInt(50),
          Duration.ofMillis(1 + random.nextInt(600_000)));
      String k = key("wait" + trial);
      while (buckets.acquire(k, rate) == 0) {
        // spend the burst
      }
      clock.advance(Duration.ofNanos(random.nextInt(1_000_000)));
      long wait = buckets.acquire(k, rate);
      if (wait > 0) {
        clock.advance(Duration.ofSeconds(wait));
        assertThat(buckets.acquire(k, rate)).as("rate %s after %s s", rate, wait).isZero();
      }
    }
  }

  @Test
  void acquire_afterYearsIdle_refillsToTheBurstWithoutOverflow() {
    PostgresBuckets buckets = node();
    TokenBuckets.Rate rate = new TokenBuckets.Rate(5, 1_000_000, Duration.ofNanos(1));
    String a = key("a");
    for (int i = 0; i < 5; i++) buckets.acquire(a, rate);
    clock.advance(Duration.ofDays(3650));
    int granted = 0;
    for (int i = 0; i < 10; i++) {
      if (buckets.acquire(a, rate) == 0) granted++;
    }
    assertThat(granted).as("the burst again, no more, no overflow").isEqualTo(5);
  }

  @Test
  void acquire_rateLowered_creditCappedAtTheNewBurst() {
    PostgresBuckets buckets = node();
    String a = key("partner");
    assertThat(buckets.acquire(a, TokenBuckets.Rate.perSecond(10, 1))).isZero();
    TokenBuckets.Rate lower = TokenBuckets.Rate.perSecond(2, 1);
    assertThat(buckets.acquire(a, lower)).isZero();
    assertThat(buckets.acquire(a, lower)).isZero();
    assertThat(buckets.acquire(a, lower)).as("9 tokens were left, but the burst is now 2").isEqualTo(1);
  }

  @Test
  void acquire_threadsRacingOnTwoNodes_neverOverGrant() throws Exception {
    List<PostgresBuckets> nodes = List.of(node(), node());
    TokenBuckets.Rate rate = TokenBuckets.Rate.oneEvery(7, Duration.ofHours(1));
    String client = key("198.51.100.4");
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        PostgresBuckets node = nodes.get(t % 2);
        results.add(pool.submit(() -> {
          start.await();
          int granted = 0;
          for (int i = 0; i < 20; i++) {
            if (node.acquire(client, rate) == 0) granted++;
          }
          return granted;
        }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> r : results) total += r.get();
      assertThat(total).as("160 racing attempts, one burst").isEqualTo(7);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void forgetFull_deletesOnlyBucketsThatFilledUp() throws Exception {
    PostgresBuckets buckets = node();
    TokenBuckets.Rate slow = TokenBuckets.Rate.oneEvery(1, Duration.ofHours(1));
    TokenBuckets.Rate fast = TokenBuckets.Rate.oneEvery(1, Duration.ofSeconds(1));
    String spent = key("spent");
    buckets.acquire(spent, slow);
    buckets.acquire(key("quick"), fast);
    clock.advance(Duration.ofSeconds(1));
    int before = rows();
    assertThat(buckets.forgetFull()).isGreaterThanOrEqualTo(1);
    assertThat(rows()).isLessThan(before);
    assertThat(buckets.acquire(spent, slow)).as("a spent bucket is never forgotten early").isEqualTo(3599);
  }

  @Test
  void keys_areStoredAsKeyedHashes_neverAsGiven() throws Exception {
    PostgresBuckets buckets = node();
    String address = "192.0.2.55";
    buckets.acquire(address, TokenBuckets.Rate.oneEvery(1, Duration.ofHours(1)));
    try (var c = database.dataSource().getConnection();
        var s = c.createStatement();
        var r = s.executeQuery("SELECT key_hash FROM rate_bucket")) {
      while (r.next()) {
        assertThat(new String(r.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(address);
        assertThat(r.getBytes(1)).hasSize(32);
      }
    }
    PostgresBuckets otherKey = new PostgresBuckets(database, clock, new SecureRandom().generateSeed(32));
    assertThat(otherKey.acquire(address, TokenBuckets.Rate.oneEvery(1, Duration.ofHours(1))))
        .as("the stored name depends on the secret").isZero();
  }

  @Test
  void acquire_databaseUnreachable_refusesAsUnavailable() {
    Database gone = TestDatabases.fresh();
    PostgresBuckets buckets = new PostgresBuckets(gone, clock, SECRET);
    gone.close();
    assertThatThrownBy(() -> buckets.acquire("203.0.113.9", TokenBuckets.Rate.oneEvery(5, Duration.ofMinutes(1))))
        .isInstanceOf(Unavailable.class)
        .hasMessageContaining("rate limit");
  }

  private static int rows() throws Exception {
    try (var c = database.dataSource().getConnection();
        var s = c.createStatement();
        var r = s.executeQuery("SELECT count(*) FROM rate_bucket")) {
      r.next();
      return r.getInt(1);
    }
  }

  @Test
  void acquireReading_takesTheSameTokens_andReadsTheValueInTheSameStatement() {
    PostgresBuckets buckets = node();
    TokenBuckets.Rate rate = TokenBuckets.Rate.oneEvery(2, Duration.ofMinutes(6));
    Buckets.Reading reading = new Buckets.Reading(database, "SELECT 'v' || 7");
    String a = key("reading");
    assertThat(buckets.acquireReading(a, rate, reading)).isEqualTo(new Buckets.Taken(0, "v7"));
    assertThat(buckets.acquire(a, rate)).as("one bucket, whichever way it is asked").isZero();
    assertThat(buckets.acquireReading(a, rate, reading)).isEqualTo(new Buckets.Taken(360, "v7"));
  }

  @Test
  void acquireReading_valueMissingOrUnreadable_refuses() {
    PostgresBuckets buckets = node();
    TokenBuckets.Rate rate = TokenBuckets.Rate.oneEvery(2, Duration.ofMinutes(6));
    assertThatThrownBy(() -> buckets.acquireReading(key("none"), rate,
        new Buckets.Reading(database, "SELECT 'x' WHERE false"))).isInstanceOf(Unavailable.class);
    assertThatThrownBy(() -> buckets.acquireReading(key("bad"), rate,
        new Buckets.Reading(database, "SELECT version FROM no_such_table"))).isInstanceOf(Unavailable.class);
    Buckets inMemory = Buckets.inMemory(clock, 10);
    assertThatThrownBy(() -> inMemory.acquireReading(key("none"), rate,
        new Buckets.Reading(database, "SELECT 'x' WHERE false"))).isInstanceOf(Unavailable.class);
    assertThat(inMemory.acquireReading(key("mem"), rate, new Buckets.Reading(database, "SELECT 'y'")))
        .isEqualTo(new Buckets.Taken(0, "y"));
  }

  // Sends the gate and, in the same round trip, a statement that fails when it runs: the error
  // says whether the gate let it run.
  private static String behindTheGate(Buckets.Gate gate) throws Exception {
    try (java.sql.Connection c = database.dataSource().getConnection()) {
      try (java.sql.PreparedStatement ps = c.prepareStatement("BEGIN; " + gate.sql() + "; COMMIT; SELECT 1 / 0")) {
        assertThat(gate.bind(ps, 1)).isEqualTo(8);
        ps.execute();
        while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
          // the results in turn, so that the last statement's error surfaces
        }
        return "no error";
      } catch (java.sql.SQLException e) {
        try (java.sql.Statement end = c.createStatement()) {
          end.execute("ROLLBACK"); // a closed gate leaves its transaction open and failed
        }
        return e.getSQLState();
      }
    }
  }

  @Test
  void gate_opensOnlyWithATokenAndTheValueExpected_andAClosedOneRunsAndKeepsNothing() throws Exception {
    PostgresBuckets buckets = node();
    TokenBuckets.Rate rate = TokenBuckets.Rate.oneEvery(2, Duration.ofMinutes(6));
    Buckets.Reading reading = new Buckets.Reading(database, "SELECT 'v' || 7");
    String a = key("gate");
    String divisionByZero = "22012";

    assertThat(behindTheGate(buckets.gate(a, rate, reading, "v6").orElseThrow()))
        .as("not the value expected: the statement after the gate does not run").isEqualTo(Buckets.Gate.CLOSED);
    assertThat(behindTheGate(buckets.gate(a, rate, reading, "v7").orElseThrow()))
        .as("a token and the value expected: it runs").isEqualTo(divisionByZero);
    assertThat(behindTheGate(buckets.gate(a, rate, reading, "v7").orElseThrow())).isEqualTo(divisionByZero);
    assertThat(behindTheGate(buckets.gate(a, rate, reading, "v7").orElseThrow()))
        .as("the burst of 2 spent: closed").isEqualTo(Buckets.Gate.CLOSED);
    assertThat(buckets.acquire(a, rate)).as("the open gates took a token each, the closed ones none").isEqualTo(360);

    String b = key("gate");
    behindTheGate(buckets.gate(b, rate, reading, "v6").orElseThrow());
    behindTheGate(buckets.gate(b, rate, reading, "v6").orElseThrow());
    behindTheGate(buckets.gate(b, rate, reading, "v6").orElseThrow());
    assertThat(buckets.acquire(b, rate)).as("a gate closed by the value spent nothing").isZero();
    assertThat(buckets.acquire(b, rate)).isZero();
  }

  // The gate's one row (the tokens it took), or the SQLSTATE that closed it.
  private static String tokensTakenBy(Buckets.Gate gate) throws Exception {
    try (java.sql.Connection c = database.dataSource().getConnection();
        java.sql.PreparedStatement ps = c.prepareStatement(gate.sql())) {
      gate.bind(ps, 1);
      try (java.sql.ResultSet r = ps.executeQuery()) {
        r.next();
        return String.valueOf(r.getLong(1));
      } catch (java.sql.SQLException e) {
        return e.getSQLState();
      }
    }
  }

  @Test
  void gate_upToSeveralTokens_takesAsManyAsTheBucketHolds_andSaysHowMany() throws Exception {
    PostgresBuckets buckets = node();
    TokenBuckets.Rate rate = TokenBuckets.Rate.oneEvery(5, Duration.ofMinutes(1));
    Buckets.Reading reading = new Buckets.Reading(database, "SELECT 'v'");
    String a = key("ahead");
    assertThat(tokensTakenBy(buckets.gate(a, rate, reading, "v", 3).orElseThrow())).as("a new bucket").isEqualTo("3");
    assertThat(tokensTakenBy(buckets.gate(a, rate, reading, "v", 3).orElseThrow())).as("two were left").isEqualTo("2");
    assertThat(tokensTakenBy(buckets.gate(a, rate, reading, "v", 3).orElseThrow())).isEqualTo(Buckets.Gate.CLOSED);
    clock.advance(Duration.ofMinutes(2));
    assertThat(tokensTakenBy(buckets.gate(a, rate, reading, "v", 3).orElseThrow())).as("two refilled").isEqualTo("2");
    assertThat(buckets.acquire(a, rate)).as("one at a time, as before: none left, a minute to wait").isEqualTo(60);
    assertThat(tokensTakenBy(buckets.gate(a, rate, reading, "v").orElseThrow())).isEqualTo(Buckets.Gate.CLOSED);

    String b = key("ahead");
    assertThat(tokensTakenBy(buckets.gate(b, rate, reading, "v", 50).orElseThrow())).as("never more than the burst")
        .isEqualTo("5");
    assertThatThrownBy(() -> buckets.gate(b, rate, reading, "v", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gateAt_takesNoToken_andOpensOnlyOnTheValueExpected() throws Exception {
    Buckets.Reading reading = new Buckets.Reading(database, "SELECT 'v' || 7");
    assertThat(tokensTakenBy(reading.gateAt("v7"))).as("open, no token taken").isEqualTo("0");
    assertThat(tokensTakenBy(reading.gateAt("v6"))).as("not the value expected").isEqualTo(Buckets.Gate.CLOSED);
  }

  @Test
  void gate_missingValueOrOtherDatabase_closedOrAbsent() throws Exception {
    PostgresBuckets buckets = node();
    TokenBuckets.Rate rate = TokenBuckets.Rate.oneEvery(2, Duration.ofMinutes(6));
    assertThat(behindTheGate(buckets.gate(key("none"), rate, new Buckets.Reading(database, "SELECT 'x' WHERE false"),
        "x").orElseThrow())).isEqualTo(Buckets.Gate.CLOSED);
    try (Database other = TestDatabases.fresh()) {
      assertThat(buckets.gate(key("other"), rate, new Buckets.Reading(other, "SELECT 'x'"), "x"))
          .as("the value in another database: no gate, the caller asks the usual way").isEmpty();
    }
    assertThat(Buckets.inMemory(clock, 10).gate(key("mem"), rate, new Buckets.Reading(database, "SELECT 'x'"), "x"))
        .isEmpty();
  }
}
