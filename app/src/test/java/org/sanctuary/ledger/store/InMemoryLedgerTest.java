package org.sanctuary.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.sanctuary.ledger.merkle.CompactRange;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.junit.jupiter.api.Test;

/** The ledger contract over the in-memory ledger. */
class InMemoryLedgerTest extends LedgerContract {
  private final InMemoryLedger ledger = new InMemoryLedger();

  @Override
  Ledger ledger() {
    return ledger;
  }

  @Override
  long size() {
    return ledger.size();
  }

  @Override
  byte[] stored(long index) {
    return ledger.entry(index);
  }

  @Test
  void root_isTheRfc6962RootOfTheEntries() {
    CompactRange reference = CompactRange.empty();
    for (int i = 0; i < 5; i++) {
      ledger.append(entry(i));
      reference.append(TreeHasher.leafHash(entry(i).bytes()));
    }
    assertThat(ledger.root()).isEqualTo(reference.root());
  }
}
