package org.sanctuary.ledger.store;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.WeakHashMap;
import org.sanctuary.store.Database;

/**
 * The checkpoints this process's signer stored, as long as they are the log's only ones over a
 * range of sizes: then the first checkpoint that covers an entry in that range is known without
 * a query, and a receipt for an entry just appended needs no database at all. One per {@link
 * Database} object, shared by that database's ledger and readers.
 *
 * <p>Checkpoints are stored one at a time, in the order of their sizes ({@link
 * LedgerTables#insertHeadInOrder}), and the signer reads the largest size stored before its own
 * under the same lock. So when it stores size S after the largest stored size B, no checkpoint has
 * a size between B and S, and every entry in [B, S) has S as its first checkpoint. While each of
 * its checkpoints follows the one before it directly (no other process stored one between), the
 * window grows; otherwise it starts again at B. A checkpoint of the size already stored (another
 * process's, or a new key's after a rotation) empties it: that size is left to the database.
 */
final class CoveringHeads {
  static final int CAPACITY = 4096;

  private static final Map<Database, CoveringHeads> BY_DATABASE = Collections.synchronizedMap(new WeakHashMap<>());

  // Every checkpoint stored with a size in (from, to] is in heads; nothing is known when from == to.
  private final TreeMap<Long, LedgerTables.Head> heads = new TreeMap<>();
  private long from = -1;
  private long to = -1;

  /** The window of {@code database}'s log in this process. */
  static CoveringHeads of(Database database) {
    return BY_DATABASE.computeIfAbsent(database, d -> new CoveringHeads());
  }

  /**
   * The signer stored {@code head}, committed, after reading under the checkpoint lock that the
   * largest size stored before it was {@code largestBefore} (-1 for none).
   */
  synchronized void stored(long largestBefore, LedgerTables.Head head) {
    if (head.size() <= largestBefore) {
      heads.clear();
      from = to = -1;
      return;
    }
    if (largestBefore != to || heads.isEmpty()) {
      heads.clear();
      from = largestBefore;
    }
    heads.put(head.size(), head);
    to = head.size();
    while (heads.size() > CAPACITY) from = heads.pollFirstEntry().getKey();
  }

  /** Forgets every checkpoint: the database went back under this process. */
  synchronized void clear() {
    heads.clear();
    from = to = -1;
  }

  /** The first checkpoint that covers entry {@code index}, when the window holds it. */
  synchronized Optional<LedgerTables.Head> firstCovering(long index) {
    if (index < from || index >= to || heads.isEmpty()) return Optional.empty();
    return Optional.of(heads.higherEntry(index).getValue());
  }
}
