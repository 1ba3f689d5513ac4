package org.sanctuary.demo;

import java.util.ArrayList;
import java.util.List;
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
  public <T> Recorded<T> appendAll(List<LedgerEntry> entries, Write<T> write) {
    return real.appendAll(marked(entries), write);
  }

  // Made-up requests hand out no receipts: a checkpoint with each would only fill the checkpoint
  // table. The signer covers them soon after, as it covers any entry.
  @Override
  public <T> Recorded<T> appendAllCovered(List<LedgerEntry> entries, Write<T> write) {
    return appendAll(entries, write);
  }

  private static List<LedgerEntry> marked(List<LedgerEntry> entries) {
    List<LedgerEntry> marked = new ArrayList<>(entries.size());
    for (LedgerEntry e : entries) marked.add(e.synthetic());
    return marked;
  }

  @Override
  public <T> T bulk(Bulk<T> job) {
    return real.bulk((c, appender) -> job.run(c, new Appender() {
      @Override
      public Appended append(LedgerEntry entry) throws java.sql.SQLException {
        return appender.append(entry.synthetic());
      }

      @Override
      public void flush() throws java.sql.SQLException {
        appender.flush();
      }
    }));
  }
}
