package org.sanctuary.ledger.store;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.NodeId;
import org.sanctuary.store.Database;

/**
 * Tree nodes this process knows to be committed, by id: the ones its sequencer committed and the
 * ones its readers read. A stored node never changes, so a copy answers for the database, and a
 * receipt for an entry just appended finds its proof here instead of in a query. One per
 * {@link Database} object, shared by that database's ledger and readers. Bounded: when full it
 * starts again empty, and the nodes still asked for are read once more.
 *
 * <p>Only committed nodes go in: the sequencer adds a batch's nodes after its commit, never
 * before (a batch refused because another process appended computed nodes that are not the log's).
 * {@code ledger verify} reads the database, not this.
 */
final class NodeCache {
  static final int CAPACITY = 1 << 17; // 131,072 nodes, about 20 MB

  private static final Map<Database, NodeCache> BY_DATABASE = Collections.synchronizedMap(new WeakHashMap<>());

  private final ConcurrentHashMap<NodeId, Hash> nodes = new ConcurrentHashMap<>();
  private final LongAdder misses = new LongAdder();

  /** The cache of {@code database}'s log in this process. */
  static NodeCache of(Database database) {
    return BY_DATABASE.computeIfAbsent(database, d -> new NodeCache());
  }

  /** The node, or null when this process has not seen it (a miss is counted). */
  Hash get(NodeId id) {
    Hash h = nodes.get(id);
    if (h == null) misses.increment();
    return h;
  }

  /** The nodes, in order, when this process has every one of them; else null (nothing counted). */
  List<Hash> all(List<NodeId> ids) {
    Hash[] out = new Hash[ids.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = nodes.get(ids.get(i));
      if (out[i] == null) return null;
    }
    return java.util.Arrays.asList(out);
  }

  /** Adds committed nodes: {@code ids.get(i)} has {@code hashes.get(i)}. */
  void putAll(List<NodeId> ids, List<Hash> hashes) {
    if (nodes.size() + ids.size() > CAPACITY) nodes.clear();
    for (int i = 0; i < ids.size(); i++) nodes.put(ids.get(i), hashes.get(i));
  }

  /** Forgets every node: the database went back under this process. */
  void clear() {
    nodes.clear();
  }

  /** How many look-ups found nothing here, since the process started (for tests). */
  long misses() {
    return misses.sum();
  }
}
