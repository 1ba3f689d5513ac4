package org.sanctuary.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.merkle.Hash;

/** The window of checkpoints a process knows to be the log's only ones over a range of sizes. */
class CoveringHeadsTest {
  private final CoveringHeads heads = new CoveringHeads();

  @Test
  void eachEntry_isCoveredFirstByTheSmallestCheckpointAboveIt_whileThisProcessStoredEveryOne() {
    heads.stored(0, head(5));
    heads.stored(5, head(9));

    assertThat(size(heads.firstCovering(0))).contains(5L);
    assertThat(size(heads.firstCovering(4))).contains(5L);
    assertThat(size(heads.firstCovering(5))).contains(9L);
    assertThat(size(heads.firstCovering(8))).contains(9L);
    assertThat(heads.firstCovering(9)).as("not covered yet").isEmpty();
  }

  @Test
  void anotherProcessStoredOneBetween_whatItMayCoverIsLeftToTheDatabase() {
    heads.stored(0, head(5));
    heads.stored(12, head(15)); // someone stored size 12 after our 5

    assertThat(heads.firstCovering(4)).isEmpty();
    assertThat(heads.firstCovering(9)).as("covered first by the other's 12").isEmpty();
    assertThat(heads.firstCovering(11)).isEmpty();
    assertThat(size(heads.firstCovering(12))).contains(15L);
    assertThat(size(heads.firstCovering(14))).contains(15L);
  }

  @Test
  void aSizeAlreadyStored_emptiesTheWindow() {
    heads.stored(0, head(5));
    heads.stored(5, head(9));
    heads.stored(9, head(9)); // the same size again: another process's, or a new key's

    for (long i = 0; i < 10; i++) assertThat(heads.firstCovering(i)).isEmpty();
    heads.stored(9, head(11));
    assertThat(size(heads.firstCovering(9))).contains(11L);
    assertThat(heads.firstCovering(8)).isEmpty();
  }

  @Test
  void theOldestAreForgotten_pastTheCapacity() {
    for (long s = 1; s <= CoveringHeads.CAPACITY + 10; s++) heads.stored(s - 1, head(s));

    assertThat(heads.firstCovering(0)).isEmpty();
    assertThat(heads.firstCovering(9)).isEmpty();
    assertThat(size(heads.firstCovering(10))).contains(11L);
    assertThat(size(heads.firstCovering(CoveringHeads.CAPACITY + 9))).contains(CoveringHeads.CAPACITY + 10L);
  }

  @Test
  void nothingStored_knowsNothing() {
    assertThat(heads.firstCovering(0)).isEmpty();
    assertThat(heads.firstCovering(-1)).isEmpty();
  }

  private static Optional<Long> size(Optional<LedgerTables.Head> head) {
    return head.map(LedgerTables.Head::size);
  }

  private static LedgerTables.Head head(long size) {
    return new LedgerTables.Head(size, Hash.of(new byte[32]), "note " + size, "k", Instant.EPOCH);
  }
}
