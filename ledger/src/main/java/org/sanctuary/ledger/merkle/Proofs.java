package org.sanctuary.ledger.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Roots, inclusion proofs and consistency proofs (RFC 9162 sections 2.1.3.1 and 2.1.4.1) computed
 * from stored perfect subtrees.
 *
 * <p>Each proof element is either a stored perfect subtree or, at most once per proof, the hash of
 * the tree's ragged right edge, which is folded from the stored subtrees beneath it. All the nodes
 * a proof needs are listed first and read in one {@link HashReader#read} call.
 */
public final class Proofs {
  private Proofs() {}

  /** The root of the tree of the first {@code size} leaves. */
  public static Hash root(long size, HashReader reader) {
    if (size < 0) {
      throw new IllegalArgumentException("tree size: " + size + " (want >= 0)");
    }
    if (size == 0) {
      return TreeHasher.emptyRoot();
    }
    Plan plan = new Plan();
    plan.subtrees(0, size);
    return plan.resolve(reader).get(0);
  }

  /** Proves that leaf {@code index} is in the tree of {@code size} leaves. */
  public static InclusionProof inclusion(long index, long size, HashReader reader) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "inclusion proof: leaf index " + index + " is not in a tree of size " + size);
    }
    Plan plan = new Plan();
    plan.pathUp(0, index, size);
    return new InclusionProof(index, size, plan.resolve(reader));
  }

  /**
   * Proves that the tree of {@code size1} leaves is a prefix of the tree of {@code size2} leaves.
   * The proof is empty when {@code size1} is 0 or equal to {@code size2}.
   */
  public static ConsistencyProof consistency(long size1, long size2, HashReader reader) {
    if (size1 < 0 || size1 > size2) {
      throw new IllegalArgumentException(
          "consistency proof: sizes " + size1 + " and " + size2 + " (want 0 <= size1 <= size2)");
    }
    if (size1 == 0 || size1 == size2) {
      return new ConsistencyProof(size1, size2, List.of());
    }
    // The largest perfect subtree ending at size1 is where the old and new trees part.
    int level = Long.numberOfTrailingZeros(size1);
    long index = (size1 >>> level) - 1;
    Plan plan = new Plan();
    if (index != 0) {
      // Unless that subtree is the whole old tree, whose root the verifier already holds.
      plan.node(new NodeId(level, index));
    }
    plan.pathUp(level, index, size2);
    return new ConsistencyProof(size1, size2, plan.resolve(reader));
  }

  /** Number of proof hashes on the way from node (level, index) up to the root of {@code size}. */
  static int pathLength(int level, long index, long size) {
    int length = 0;
    for (int l = level; l < height(size); l++, index >>>= 1) {
      if ((index ^ 1) <= (size - 1) >>> l) {
        length++;
      }
    }
    return length;
  }

  /** The level of the root of a tree of {@code size >= 1} leaves. */
  private static int height(long size) {
    return 64 - Long.numberOfLeadingZeros(size - 1);
  }

  /** The nodes a proof needs and how they group into proof elements. */
  private static final class Plan {
    private final List<NodeId> ids = new ArrayList<>();
    // For each proof element, how many consecutive ids fold into it.
    private final List<Integer> groups = new ArrayList<>();

    void node(NodeId id) {
      ids.add(id);
      groups.add(1);
    }

    void subtrees(long begin, long end) {
      List<NodeId> nodes = CompactRange.nodesBetween(begin, end);
      ids.addAll(nodes);
      groups.add(nodes.size());
    }

    /** The siblings met walking from node (level, index) up to the root of {@code size}. */
    void pathUp(int level, long index, long size) {
      for (int l = level; l < height(size); l++, index >>>= 1) {
        long sibling = index ^ 1;
        if (sibling > (size - 1) >>> l) {
          continue; // no sibling on the right edge: this node is carried up unchanged
        }
        long begin = sibling << l;
        if (size - begin >= 1L << l) {
          node(new NodeId(l, sibling));
        } else {
          subtrees(begin, size); // the ragged right edge, not yet a perfect subtree
        }
      }
    }

    List<Hash> resolve(HashReader reader) {
      Objects.requireNonNull(reader, "hash reader");
      List<Hash> hashes = ids.isEmpty() ? List.of() : reader.read(List.copyOf(ids));
      if (hashes == null || hashes.size() != ids.size()) {
        throw new IllegalStateException(
            "hash reader returned " + (hashes == null ? "null" : hashes.size() + " hashes")
                + " for " + ids.size() + " nodes");
      }
      List<Hash> elements = new ArrayList<>(groups.size());
      int at = 0;
      for (int count : groups) {
        elements.add(CompactRange.fold(hashes.subList(at, at + count)));
        at += count;
      }
      return elements;
    }
  }
}
