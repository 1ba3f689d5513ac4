package org.sanctuary.demo;

import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerEntry;

/**
 * The real ledger, with every entry marked {@code "synthetic": true}. Demonstration data goes
 * through the same services, batches and checkpoints as real data; only this mark (and the rows'
 * {@code synthetic} flag, which the database reads from it) tells it apart.
 */
final class SyntheticLedger implements Ledger {
  private final Ledger real;

  SyntheticLedger(Ledger real) {
    this.real = real;
  }

  @Override
  public Appended append(LedgerEntry entry) {
    return real.append(entry.synthetic());
  }

  @Override
  public Appended append(LedgerEntry entry, Write alsoWrite) {
    return real.append(entry.synthetic(), alsoWrite);
  }
}
