package org.sanctuary.ledger.store;

import java.util.ArrayList;
import java.util.List;
import org.sanctuary.ledger.merkle.CompactRange;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.TreeHasher;

/**
 * A ledger held in memory, for tests of callers that write no records of their own: the same
 * contract as {@link PostgresLedger} (consecutive indexes, all-or-nothing units, typed refusals),
 * without durability. Its writes get no connection.
 */
public final class InMemoryLedger implements Ledger {
  private final List<byte[]> entries = new ArrayList<>();
  private final CompactRange tree = CompactRange.empty();

  @Override
  public synchronized <T> Recorded<T> appendAll(List<LedgerEntry> units, Write<T> write) {
    if (units.isEmpty()) throw new IllegalArgumentException("entries: none to append");
    byte[][] data = new byte[units.size()][];
    for (int i = 0; i < data.length; i++) data[i] = units.get(i).bytes();
    long first = entries.size();
    Outcome<T> outcome;
    try {
      outcome = write.write(null, first);
    } catch (java.sql.SQLException | RuntimeException e) {
      throw new LedgerUnavailableException("ledger: the record written with the entry failed: " + e.getMessage(), e);
    }
    if (outcome instanceof Outcome.Refusal<T> refusal) throw refusal.error();
    if (!(outcome instanceof Outcome.Done<T> done)) {
      throw new LedgerUnavailableException("ledger: a write returned no outcome", null);
    }
    List<Appended> out = new ArrayList<>(data.length);
    for (byte[] d : data) {
      Hash leaf = TreeHasher.leafHash(d);
      out.add(new Appended(entries.size(), leaf.bytes()));
      entries.add(d);
      tree.append(leaf);
    }
    return new Recorded<>(out, done.value());
  }

  /** How many entries the log holds. */
  public synchronized long size() {
    return entries.size();
  }

  /** The bytes of entry {@code index}. */
  public synchronized byte[] entry(long index) {
    return entries.get(Math.toIntExact(index)).clone();
  }

  /** The RFC 6962 root of the log as it stands. */
  public synchronized Hash root() {
    return tree.root();
  }
}
