package org.sanctuary.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.limits.Buckets;
import org.sanctuary.limits.PostgresBuckets;
import org.sanctuary.limits.TokenBuckets;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.MutableClock;

/**
 * A dataset read behind a rate-limit gate, in the round trip that takes the token: the read runs
 * only when the gate opens, in a read-only transaction with its time limit as always, and the
 * token it took is kept whatever the read does after.
 */
class GatedReadTest {
  private static final int TIMEOUT_MILLIS = 1234;
  private static Database database;
  private static DatasetRunner runner;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));

  @BeforeAll
  static void open() {
    database = TestDatabases.fresh();
    runner = new DatasetRunner(database.dataSource(), TIMEOUT_MILLIS);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private static Dataset dataset(String sql) {
    return new Dataset("test", "Test", sql, List.of(), Map.of(), List.of("v"), Set.of(), Set.of(), 10);
  }

  private Buckets.Gate gate(PostgresBuckets buckets, String key, String expected) {
    return buckets.gate(key, TokenBuckets.Rate.oneEvery(1, Duration.ofMinutes(1)),
        new Buckets.Reading(database, "SELECT 'current'"), expected).orElseThrow();
  }

  @Test
  void openGate_readsInAReadOnlyTransactionWithItsTimeLimit() throws Exception {
    PostgresBuckets buckets = new PostgresBuckets(database, clock, new byte[32]);
    List<Map<String, Object>> rows = runner.run(
        dataset("SELECT current_setting('transaction_read_only') || ' ' || current_setting('statement_timeout') AS v"),
        Map.of(), gate(buckets, "read-only", "current"));
    assertThat(rows).containsExactly(Map.of("v", "on 1234ms"));
  }

  @Test
  void closedGate_readsNothing_openGate_keepsItsTokenWhenTheReadFails() throws Exception {
    PostgresBuckets buckets = new PostgresBuckets(database, clock, new byte[32]);
    Dataset failing = dataset("SELECT (1 / 0)::text AS v");
    assertThatThrownBy(() -> runner.run(failing, Map.of(), gate(buckets, "a", "moved")))
        .as("closed by the value: the read that would fail never ran").isInstanceOf(DatasetRunner.GateClosed.class);

    assertThatThrownBy(() -> runner.run(failing, Map.of(), gate(buckets, "a", "current")))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22012"));
    assertThatThrownBy(() -> runner.run(failing, Map.of(), gate(buckets, "a", "current")))
        .as("the burst of 1 went to the failed read: closed").isInstanceOf(DatasetRunner.GateClosed.class);
    assertThat(buckets.acquire("a", TokenBuckets.Rate.oneEvery(1, Duration.ofMinutes(1)))).isEqualTo(60);
  }
}
