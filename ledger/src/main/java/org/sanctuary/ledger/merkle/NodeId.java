package org.sanctuary.ledger.merkle;

/**
 * A perfect subtree: the node at {@code level} (0 for leaves) and {@code index} (counted from the
 * left at that level). It covers the leaves {@code [index * 2^level, (index + 1) * 2^level)}.
 *
 * <p>Only perfect subtrees are ever stored: once complete, their hash never changes, so they can
 * be written once and cached forever. Every other hash in a proof is computed from them.
 */
public record NodeId(int level, long index) {
  /** Highest level a tree of at most {@link Long#MAX_VALUE} leaves can have. */
  static final int MAX_LEVEL = 62;

  public NodeId {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException(
          "node level: " + level + " (want 0 to " + MAX_LEVEL + ")");
    }
    if (index < 0 || index > (Long.MAX_VALUE >>> level) - 1) {
      throw new IllegalArgumentException(
          "node index: " + index + " at level " + level + " lies beyond the largest tree");
    }
  }

  /** First leaf covered. */
  public long begin() {
    return index << level;
  }

  /** One past the last leaf covered. */
  public long end() {
    return (index + 1) << level;
  }
}
