package org.sanctuary.ledger.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Merkle tree held in memory with every perfect subtree stored, level by level, so any root,
 * inclusion proof or consistency proof costs O(log n) look-ups and no rehashing of leaves.
 *
 * <p>Memory: 64 bytes per leaf (the leaf hash plus, on average, one interior node), so 10^7
 * leaves take about 640 MB.
 *
 * <p>Not thread-safe: confine it to the sequencer, or guard it with a lock.
 */
public final class MemoryTree implements HashReader {
  private final CompactRange range = CompactRange.empty();
  // levels.get(l) holds the completed nodes of level l, by index.
  private final List<HashColumn> levels = new ArrayList<>();

  /** Hashes {@code data} as a leaf, appends it and returns its index. */
  public long append(byte[] data) {
    return appendLeafHash(TreeHasher.leafHash(data));
  }

  /** Appends an already computed leaf hash and returns its index. */
  public long appendLeafHash(Hash leafHash) {
    long index = range.size();
    range.append(leafHash, this::store);
    return index;
  }

  private void store(NodeId id, Hash hash) {
    if (id.level() == levels.size()) {
      levels.add(new HashColumn());
    }
    levels.get(id.level()).add(hash);
  }

  /** Number of leaves. */
  public long size() {
    return range.size();
  }

  /** The current root. */
  public Hash root() {
    return range.root();
  }

  /** The root the tree had when it held {@code size} leaves. */
  public Hash root(long size) {
    checkSize(size);
    return Proofs.root(size, this);
  }

  /** The hash of leaf {@code index}. */
  public Hash leafHash(long index) {
    if (index < 0 || index >= size()) {
      throw new IllegalArgumentException(
          "leaf index: " + index + " (want 0 to " + (size() - 1) + ")");
    }
    return levels.get(0).get(index);
  }

  /** Proves leaf {@code index} is in the tree of {@code size} leaves. */
  public InclusionProof inclusionProof(long index, long size) {
    checkSize(size);
    return Proofs.inclusion(index, size, this);
  }

  /** Proves the tree of {@code size1} leaves is a prefix of the tree of {@code size2} leaves. */
  public ConsistencyProof consistencyProof(long size1, long size2) {
    checkSize(size2);
    return Proofs.consistency(size1, size2, this);
  }

  /** A snapshot of the right edge, e.g. to hand the sequencer's state to a new store. */
  public CompactRange compactRange() {
    return CompactRange.of(range.size(), range.hashes());
  }

  @Override
  public List<Hash> read(List<NodeId> ids) {
    List<Hash> hashes = new ArrayList<>(ids.size());
    for (NodeId id : ids) {
      Objects.requireNonNull(id, "node id");
      if (id.level() >= levels.size() || id.index() >= levels.get(id.level()).size()) {
        throw new IllegalArgumentException(
            "node " + id + " is not a complete subtree of a tree of size " + size());
      }
      hashes.add(levels.get(id.level()).get(id.index()));
    }
    return hashes;
  }

  private void checkSize(long size) {
    if (size < 0 || size > size()) {
      throw new IllegalArgumentException(
          "tree size: " + size + " (want 0 to the current size " + size() + ")");
    }
  }

  @Override
  public String toString() {
    return "MemoryTree[size=" + size() + "]";
  }
}
