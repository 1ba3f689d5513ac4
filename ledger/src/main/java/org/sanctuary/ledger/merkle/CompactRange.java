package org.sanctuary.ledger.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The right edge of a growing Merkle tree: one perfect-subtree hash per set bit of the size,
 * largest (leftmost) first. It is all a sequencer must keep to append leaves and to compute the
 * current root, so appending n leaves costs O(n) hashes in total and a root costs O(log n).
 *
 * <p>For a size of 6 (binary 110) the range holds the roots of leaves [0, 4) and [4, 6).
 * Appending leaf 6 pushes it; appending leaf 7 then merges upward into the single root of
 * [0, 8).
 *
 * <p>Not thread-safe: a log has one sequencer.
 */
public final class CompactRange {
  private static final int MAX_HASHES = 63;

  private long size;
  // hashes[0 .. count) from the leftmost (largest) subtree to the rightmost (smallest).
  private final Hash[] hashes = new Hash[MAX_HASHES];
  private int count;

  private CompactRange() {}

  /** A range over no leaves. */
  public static CompactRange empty() {
    return new CompactRange();
  }

  /**
   * Restores a range from stored node hashes, e.g. after a restart: {@code hashes} are the
   * hashes of {@link #nodesFor(long) nodesFor(size)}, in that order.
   */
  public static CompactRange of(long size, List<Hash> hashes) {
    if (size < 0) {
      throw new IllegalArgumentException("tree size: " + size + " (want >= 0)");
    }
    Objects.requireNonNull(hashes, "hashes");
    int want = Long.bitCount(size);
    if (hashes.size() != want) {
      throw new IllegalArgumentException(
          "compact range of size " + size + ": " + hashes.size() + " hashes (want " + want + ")");
    }
    CompactRange range = new CompactRange();
    for (Hash hash : hashes) {
      range.hashes[range.count++] = Objects.requireNonNull(hash, "compact range hash");
    }
    range.size = size;
    return range;
  }

  /**
   * The perfect subtrees that make up the tree of the given size, largest first: one per set bit
   * of {@code size}. Their hashes restore a {@link CompactRange} and fold into the root.
   */
  public static List<NodeId> nodesFor(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("tree size: " + size + " (want >= 0)");
    }
    return nodesBetween(0, size);
  }

  /**
   * The perfect subtrees covering leaves [begin, end), largest first, where begin is aligned to a
   * power of two at least as large as {@code end - begin}, as every right-edge subtree is.
   */
  static List<NodeId> nodesBetween(long begin, long end) {
    List<NodeId> ids = new ArrayList<>(Long.bitCount(end - begin));
    long position = begin;
    long rest = end - begin;
    while (rest != 0) {
      int level = 63 - Long.numberOfLeadingZeros(rest);
      ids.add(new NodeId(level, position >>> level));
      position += 1L << level;
      rest -= 1L << level;
    }
    return ids;
  }

  /** Folds perfect-subtree hashes, largest first, into the hash of the tree they make up. */
  static Hash fold(List<Hash> hashes) {
    Hash result = hashes.get(hashes.size() - 1);
    for (int i = hashes.size() - 2; i >= 0; i--) {
      result = TreeHasher.nodeHash(hashes.get(i), result);
    }
    return result;
  }

  /** Number of leaves appended so far. */
  public long size() {
    return size;
  }

  /** The perfect-subtree hashes, largest first; they belong to {@code nodesFor(size())}. */
  public List<Hash> hashes() {
    return List.of(Arrays.copyOf(hashes, count));
  }

  /** Appends a leaf hash. */
  public void append(Hash leafHash) {
    append(leafHash, null);
  }

  /**
   * Appends a leaf hash and reports to {@code completed} every perfect subtree this completes,
   * starting with the leaf itself at level 0, in order of increasing level. These are exactly the
   * nodes a store must keep to answer proofs ({@link HashReader}); each is reported once.
   */
  public void append(Hash leafHash, BiConsumer<NodeId, Hash> completed) {
    Objects.requireNonNull(leafHash, "leaf hash");
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("tree is full at " + size + " leaves");
    }
    long index = size;
    Hash hash = leafHash;
    if (completed != null) {
      completed.accept(new NodeId(0, index), hash);
    }
    // Each trailing 1 bit of the index is a left sibling waiting for this subtree.
    for (int level = 0; ((index >>> level) & 1) == 1; level++) {
      hash = TreeHasher.nodeHash(hashes[--count], hash);
      if (completed != null) {
        completed.accept(new NodeId(level + 1, index >>> (level + 1)), hash);
      }
    }
    hashes[count++] = hash;
    size = index + 1;
  }

  /** The root of the tree of all leaves appended so far. */
  public Hash root() {
    if (count == 0) {
      return TreeHasher.emptyRoot();
    }
    Hash result = hashes[count - 1];
    for (int i = count - 2; i >= 0; i--) {
      result = TreeHasher.nodeHash(hashes[i], result);
    }
    return result;
  }

  @Override
  public String toString() {
    return "CompactRange[size=" + size + ", hashes=" + count + "]";
  }
}
