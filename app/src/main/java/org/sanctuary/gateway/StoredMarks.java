package org.sanctuary.gateway;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The marks this node knows to be in {@code gateway_mark}: those it gave with look-ups that
 * committed. A mark's row never changes once stored (the first look-up to give it names when), so a
 * look-up that gives a partner the same records again sends only the marks this node has not
 * stored: without this every repeated look-up wrote its marks again, each one refused by the
 * table's key. Another node, or this one after a restart, starts knowing none and sends them once
 * more, which the key makes harmless.
 *
 * <p>Bounded, in two generations of at most {@code capacity} / 2 marks each, as {@code NodeCache}:
 * a mark found in the old generation moves back to the young one. After the database is restored
 * to an earlier point, marks stored since are gone while a running node still counts them as
 * stored: every node must be restarted after a restore, as for the ledger (docs/operations.md).
 */
final class StoredMarks {
  /** Marks in both generations by default, about 16 MB. */
  static final int CAPACITY = 1 << 17;

  private final int generation;
  private volatile Set<String> young = ConcurrentHashMap.newKeySet();
  private volatile Set<String> old = ConcurrentHashMap.newKeySet();

  StoredMarks(int capacity) {
    if (capacity < 2) throw new IllegalArgumentException("capacity: " + capacity + " (want at least 2)");
    this.generation = capacity / 2;
  }

  /** Of {@code marks} given to partner {@code partnerId} ({mark, field, record key} each), those not known stored, in order. */
  List<String[]> unknown(long partnerId, List<String[]> marks) {
    return marks.stream().filter(m -> !contains(key(partnerId, m[0]))).toList();
  }

  /** Notes {@code marks} as stored: call only once the transaction that wrote them has committed. */
  void stored(long partnerId, List<String[]> marks) {
    for (String[] m : marks) add(key(partnerId, m[0]));
  }

  private boolean contains(String key) {
    if (young.contains(key)) return true;
    if (!old.contains(key)) return false;
    add(key); // still wanted: kept through the next turn of the generations
    return true;
  }

  private void add(String key) {
    Set<String> y = young;
    y.add(key);
    if (y.size() >= generation) {
      synchronized (this) {
        if (young == y) {
          old = y;
          young = ConcurrentHashMap.newKeySet();
        }
      }
    }
  }

  // a mark is one partner's (its secret is in it), and the table's key is the pair
  private static String key(long partnerId, String mark) {
    return partnerId + ":" + mark;
  }
}
