package org.sanctuary.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.sanctuary.ledger.store.LedgerObserver;

/**
 * The ledger's sequencer, seen from outside: entries per committed batch, how long commits take,
 * failed batches, the log's size and the age of its latest signed checkpoint. The age grows while
 * nothing is appended (a checkpoint follows the commits), so alert on it together with traffic.
 */
final class LedgerMeters implements LedgerObserver {
  private final DistributionSummary batch;
  private final Timer commit;
  private final Timer checkpointWait;
  private final Counter failures;
  private final Clock clock;
  private volatile long size = -1;
  private volatile Instant signedAt;

  LedgerMeters(MeterRegistry registry, Clock clock) {
    this.clock = clock;
    batch = DistributionSummary.builder("sanctuary.ledger.batch.entries")
        .description("Entries per committed ledger batch (group commit)")
        .serviceLevelObjectives(1, 10, 100, 1000, 8192)
        .register(registry);
    commit = Timer.builder("sanctuary.ledger.commit")
        .description("Time to commit a ledger batch: entries, tree nodes, records and checkpoint in one transaction")
        .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1),
            Duration.ofSeconds(5))
        .register(registry);
    checkpointWait = Timer.builder("sanctuary.ledger.checkpoint.wait")
        .description("Time a caller waited, after its commit, for a checkpoint covering its entry (a receipt's)")
        .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofSeconds(1))
        .register(registry);
    failures = Counter.builder("sanctuary.ledger.commit.failures")
        .description("Ledger batches that did not commit (nothing of them was kept)")
        .register(registry);
    Gauge.builder("sanctuary.ledger.size", this, m -> m.size < 0 ? Double.NaN : m.size)
        .description("Entries in the log at its latest signed checkpoint")
        .register(registry);
    Gauge.builder("sanctuary.ledger.checkpoint.age", this, LedgerMeters::checkpointAgeSeconds)
        .description("Seconds since the latest checkpoint was signed")
        .baseUnit("seconds")
        .register(registry);
  }

  @Override
  public void committed(int entries, Duration took) {
    batch.record(entries);
    commit.record(took);
  }

  @Override
  public void failed() {
    failures.increment();
  }

  @Override
  public void waitedForCheckpoint(Duration took) {
    checkpointWait.record(took);
  }

  @Override
  public synchronized void signed(long treeSize, Instant at) {
    if (treeSize >= size) {
      size = treeSize;
      signedAt = at;
    }
  }

  private double checkpointAgeSeconds() {
    Instant at = signedAt;
    return at == null ? Double.NaN : Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0);
  }
}
