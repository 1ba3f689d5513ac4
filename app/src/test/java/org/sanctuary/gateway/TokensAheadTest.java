package org.sanctuary.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuary.limits.Buckets;
import org.sanctuary.limits.PostgresBuckets;
import org.sanctuary.store.TestDatabases;

/**
 * A partner with a high rate: a gate takes 50 ms of its rate ahead (at most 32 tokens), and this
 * node spends the rest on the partner's next look-ups with a gate that only checks the directory's
 * version. The shared bucket still bounds what is granted, and a change to the directory still
 * shuts the very next look-up out.
 */
class TokensAheadTest {
  private static final Dataset ONE_ROW =
      new Dataset("test", "Test", "SELECT 'row' AS v", List.of(), Map.of(), List.of("v"), Set.of(), Set.of(), 10);

  private GatewayFixture fx;
  private GatewayStore store;
  private DatasetRunner runner;
  private PostgresBuckets buckets;

  @BeforeEach
  void open() {
    fx = new GatewayFixture(TestDatabases.fresh(), Set.of());
    store = new GatewayStore(fx.database);
    runner = new DatasetRunner(fx.database.dataSource(), 2_000);
    buckets = new PostgresBuckets(fx.database, fx.clock, new byte[32]);
  }

  @AfterEach
  void close() {
    fx.close();
  }

  private Gatekeeper gatekeeper(Duration lease) {
    return new Gatekeeper(new PartnerDirectory(store::directory), buckets,
        new Buckets.Reading(fx.database, GatewayStore.DIRECTORY_VERSION), lease);
  }

  // One look-up's read behind its gate: true when the gate opened.
  private boolean read(Gatekeeper gatekeeper, Partner p) throws Exception {
    PartnerDirectory.Copy copy = gatekeeper.directory().current();
    Instant now = fx.clock.instant();
    try {
      assertThat(runner.run(ONE_ROW, Map.of(), gatekeeper.gate(p, copy, now).orElseThrow()))
          .containsExactly(Map.of("v", "row"));
      return true;
    } catch (DatasetRunner.GateClosed e) {
      return false;
    }
  }

  @Test
  void tokensAhead_areFiftyMillisecondsOfTheRate_atMost32_andNeverMoreThanTheBurst() {
    assertThat(Gatekeeper.tokensAhead(partner(1_000, 1_000))).isEqualTo(32);
    assertThat(Gatekeeper.tokensAhead(partner(400, 1_000))).isEqualTo(20);
    assertThat(Gatekeeper.tokensAhead(partner(400, 5))).isEqualTo(5);
    assertThat(Gatekeeper.tokensAhead(partner(39, 100))).as("under two tokens in 50 ms: one at a time").isEqualTo(1);
    assertThat(Gatekeeper.tokensAhead(partner(1, 3))).isEqualTo(1);
  }

  private static Partner partner(int rate, int burst) {
    return new Partner(1, "FBI", "FBI", rate, burst, new byte[32], Instant.EPOCH);
  }

  @Test
  void tokensTakenAhead_areSpentWithoutTheBucket_andTheBurstStillBoundsTheLookUps() throws Exception {
    Partner p = fx.gateway.admin().admit("FBI", null, 1_000, 40);
    Gatekeeper gatekeeper = gatekeeper(Duration.ofMinutes(5));
    int opened = 0;
    while (opened < 100 && read(gatekeeper, p)) opened++;
    // 32 taken by the first gate, spent by it and the next 31; then the 8 left, the same way
    assertThat(opened).as("look-ups let through on a burst of 40, the clock standing still").isEqualTo(40);
    assertThat(gatekeeper.leasedLookUps()).as("of which spent from tokens taken ahead").isEqualTo(31 + 7);
    assertThat(runner.gatedRuns()).isEqualTo(41);

    fx.clock.advance(Duration.ofMillis(100)); // 100 tokens at 1,000 a second; the burst holds 40
    Gatekeeper otherNode = gatekeeper(Duration.ofMinutes(5));
    assertThat(read(otherNode, p)).as("another node, on the bucket they share").isTrue();
    assertThat(read(gatekeeper, p)).isTrue();
    int more = 2;
    while (more < 100 && (read(gatekeeper, p) || read(otherNode, p))) more++;
    assertThat(more).as("the two nodes together: the refilled burst").isEqualTo(40);
  }

  @Test
  void aChangeToTheDirectory_shutsTheVeryNextLookUpOut_evenWithTokensLeft() throws Exception {
    Partner p = fx.gateway.admin().admit("FBI", null, 1_000, 1_000);
    GatewayAdmin.IssuedKey key = fx.gateway.admin().issueKey(p.id(), null);
    Gatekeeper gatekeeper = gatekeeper(Duration.ofMinutes(5));
    assertThat(read(gatekeeper, p)).isTrue();
    assertThat(read(gatekeeper, p)).isTrue();
    long leased = gatekeeper.leasedLookUps();
    assertThat(leased).isEqualTo(1);

    fx.gateway.admin().revokeKey(key.keyId()); // on any node: the directory's version moves
    PartnerDirectory.Copy stale = gatekeeper.directory().current();
    Buckets.Gate gate = gatekeeper.gate(p, stale, fx.clock.instant()).orElseThrow();
    assertThat(gatekeeper.leasedLookUps()).as("a token taken ahead").isEqualTo(leased + 1);
    assertThatThrownBy(() -> runner.run(ONE_ROW, Map.of(), gate)).isInstanceOf(DatasetRunner.GateClosed.class);
  }

  @Test
  void tokensNotSpentWithinTheLease_areDropped() throws Exception {
    Partner p = fx.gateway.admin().admit("FBI", null, 1_000, 40);
    Gatekeeper gatekeeper = gatekeeper(Duration.ZERO);
    assertThat(read(gatekeeper, p)).as("32 taken, 31 of them left to a lease already over").isTrue();
    assertThat(read(gatekeeper, p)).as("the 8 left in the bucket").isTrue();
    assertThat(read(gatekeeper, p)).as("none left: the dropped tokens are not handed out again").isFalse();
    assertThat(gatekeeper.leasedLookUps()).isZero();
  }
}
