package org.sanctuary.ledger.merkle;

import java.util.List;

/**
 * Reads the hashes of perfect subtrees. This is the one thing proof and root computation need
 * from storage, so the same algorithms run over memory ({@link MemoryTree}) or a database.
 *
 * <p>A database backend stores the nodes that {@link CompactRange#append} reports, keyed by
 * (level, index): about two rows per leaf, each written once and never updated. A backend that
 * keeps only leaf hashes may instead compute a node from its {@code 2^level} leaves, which is
 * correct but costs O(n) reads for the largest nodes of a proof.
 *
 * <p>Every proof or root asks for all of its nodes in one call, so a database answers it with one
 * query.
 */
@FunctionalInterface
public interface HashReader {
  /**
   * Returns the hash of each requested node, in request order. Every requested node is a perfect
   * subtree that lies wholly inside the tree the caller is proving against; an implementation
   * that cannot produce one throws rather than returning a placeholder.
   */
  List<Hash> read(List<NodeId> ids);
}
