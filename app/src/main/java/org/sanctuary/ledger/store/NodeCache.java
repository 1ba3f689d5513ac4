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
 * {@link Database} object, shared by that database's ledger and readers.
 *
 * <p>Bounded, in two generations of at most {@link #CAPACITY} / 2 nodes each: new nodes go into
 * the young one, and when it is full it becomes the old one (the old one goes). A node found in
 * the old generation moves back to the young one, so the few high nodes that every recent proof
 * needs (the roots of the full subtrees on the tree's left) stay however long the log runs: the
 * cache never starts again empty, which under load would send every receipt asked at that moment
 * to the database at once.
 *
 * <p>Only committed nodes go in: the sequencer adds a batch's nodes after its commit, never
 * before (a batch refused because another process appended computed nodes that are not the log's).
 * {@code ledger verify} reads the database, not this.
 */
final class NodeCache {
  static final int CAPACITY = 1 << 17; // 131,072 nodes in both generations, about 20 MB

  private static final Map<Database, NodeCache> BY_DATABASE = Collections.synchronizedMap(new WeakHashMap<>());

  private volatile ConcurrentHashMap<NodeId, Hash> young = new ConcurrentHashMap<>();
  private volatile ConcurrentHashMap<NodeId, Hash> old = new ConcurrentHashMap<>();
  private final LongAdder misses = new LongAdder();

  /** The cache of {@code database}'s log in this process. */
  static NodeCache of(Database database) {
    return BY_DATABASE.computeIfAbsent(database, d -> new NodeCache());
  }

  /** The node, or null when this process has not seen it (a miss is counted). */
  Hash get(NodeId id) {
    Hash h = find(id);
    if (h == null) misses.increment();
    return h;
  }

  /** The nodes, in order, when this process has every one of them; else null (nothing counted). */
  List<Hash> all(List<NodeId> ids) {
    Hash[] out = new Hash[ids.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = find(ids.get(i));
      if (out[i] == null) return null;
    }
    return java.util.Arrays.asList(out);
  }

  private Hash find(NodeId id) {
    Hash h = young.get(id);
    if (h != null) return h;
    h = old.get(id);
    if (h != null) young.put(id, h); // still asked for: keep it
    return h;
  }

  /** Adds committed nodes: {@code ids.get(i)} has {@code hashes.get(i)}. */
  void putAll(List<NodeId> ids, List<Hash> hashes) {
    ConcurrentHashMap<NodeId, Hash> into = young;
    if (into.size() + ids.size() > CAPACITY / 2) into = age(into);
    for (int i = 0; i < ids.size(); i++) into.put(ids.get(i), hashes.get(i));
  }

  // the young generation, full, becomes the old one, unless another caller did that already;
  // returns the new young one
  private synchronized ConcurrentHashMap<NodeId, Hash> age(ConcurrentHashMap<NodeId, Hash> full) {
    if (young == full) {
      old = full;
      young = new ConcurrentHashMap<>();
    }
    return young;
  }

  /** Nodes held, in both generations (for tests). */
  int size() {
    return young.size() + old.size();
  }

  /** Forgets every node: the database went back under this process. */
  synchronized void clear() {
    young = new ConcurrentHashMap<>();
    old = new ConcurrentHashMap<>();
  }

  /** How many look-ups found nothing here, since the process started (for tests). */
  long misses() {
    return misses.sum();
  }
}
