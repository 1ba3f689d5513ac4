package org.sanctuary.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProofsTest {

  @Test
  void inclusion_readsAllNodesInOneBatchOfLogarithmicSize() {
    MemoryTree tree = new MemoryTree();
    for (int i = 0; i < 100_000; i++) {
      tree.append(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)});
    }
    List<List<NodeId>> calls = new ArrayList<>();
    HashReader counting =
        ids -> {
          calls.add(ids);
          return tree.read(ids);
        };
    InclusionProof proof = Proofs.inclusion(4_321, 99_999, counting);
    assertThat(calls).hasSize(1);
    // At most one node per level, plus the perfect subtrees of one ragged right edge.
    assertThat(calls.get(0).size()).isLessThanOrEqualTo(2 * 17);
    assertThat(proof).isEqualTo(tree.inclusionProof(4_321, 99_999));

    calls.clear();
    Proofs.consistency(12_345, 99_999, counting);
    assertThat(calls).hasSize(1);
    calls.clear();
    Proofs.root(99_999, counting);
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0)).isEqualTo(CompactRange.nodesFor(99_999));
  }

  @Test
  void proofs_nearLargestTreeSize_askOnlyForSubtreesInsideTheTree() throws InvalidProofException {
    // No tree this large can be built, so a synthetic reader checks the node arithmetic alone.
    List<NodeId> asked = new ArrayList<>();
    HashReader synthetic =
        ids -> {
          asked.addAll(ids);
          return ids.stream().map(id -> TreeHasher.leafHash(id.toString().getBytes())).toList();
        };
    long[] sizes = {Long.MAX_VALUE, Long.MAX_VALUE - 1, 1L << 62, (1L << 62) + 1, 3L << 60};
    for (long size : sizes) {
      for (long index : new long[] {0, 1, size / 2, size - 2, size - 1}) {
        asked.clear();
        InclusionProof proof = Proofs.inclusion(index, size, synthetic);
        assertThat(asked).allSatisfy(id -> assertThat(id.end()).isLessThanOrEqualTo(size));
        assertThat(proof.path()).hasSizeLessThanOrEqualTo(63);
        proof.rootFor(TreeHasher.leafHash(new byte[0])); // the verifier accepts its shape
        asked.clear();
        Proofs.consistency(index + 1, size, synthetic);
        assertThat(asked).allSatisfy(id -> assertThat(id.end()).isLessThanOrEqualTo(size));
      }
      assertThat(Proofs.root(size, synthetic)).isNotNull();
    }
  }

  @Test
  void trivialProofs_readNothing() {
    HashReader none =
        ids -> {
          throw new AssertionError("unexpected read of " + ids);
        };
    assertThat(Proofs.inclusion(0, 1, tree(1)).path()).isEmpty();
    assertThat(Proofs.consistency(0, 7, none).path()).isEmpty();
    assertThat(Proofs.consistency(7, 7, none).path()).isEmpty();
    assertThat(Proofs.root(0, none)).isEqualTo(TreeHasher.emptyRoot());
  }

  @Test
  void inclusion_indexOutsideTree_isRejected() {
    MemoryTree tree = tree(5);
    assertThatThrownBy(() -> tree.inclusionProof(5, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inclusion proof: leaf index 5 is not in a tree of size 5");
    assertThatThrownBy(() -> tree.inclusionProof(0, 6))
        .hasMessage("tree size: 6 (want 0 to the current size 5)");
  }

  @Test
  void consistency_sizesOutOfOrder_isRejected() {
    MemoryTree tree = tree(5);
    assertThatThrownBy(() -> tree.consistencyProof(4, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("consistency proof: sizes 4 and 3 (want 0 <= size1 <= size2)");
  }

  @Test
  void read_nodeNotYetComplete_isRejected() {
    MemoryTree tree = tree(5);
    assertThatThrownBy(() -> tree.read(List.of(new NodeId(1, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a complete subtree of a tree of size 5");
  }

  @Test
  void reader_returningWrongCount_isReported() {
    MemoryTree tree = tree(5);
    assertThatThrownBy(() -> Proofs.inclusion(0, 5, ids -> tree.read(ids).subList(0, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("hash reader returned 1 hashes for 3 nodes");
  }

  @Test
  void leafHash_returnsStoredHash() {
    MemoryTree tree = Rfc6962Vectors.tree();
    assertThat(tree.leafHash(5)).isEqualTo(Rfc6962Vectors.LEAF_HASHES.get(5));
    assertThatThrownBy(() -> tree.leafHash(8)).hasMessage("leaf index: 8 (want 0 to 7)");
  }

  @Test
  void nodeId_outsideAnyTree_isRejected() {
    assertThatThrownBy(() -> new NodeId(63, 0)).hasMessage("node level: 63 (want 0 to 62)");
    assertThatThrownBy(() -> new NodeId(0, -1)).hasMessageContaining("node index: -1");
    assertThat(new NodeId(2, 3).begin()).isEqualTo(12);
    assertThat(new NodeId(2, 3).end()).isEqualTo(16);
  }

  private static MemoryTree tree(int size) {
    MemoryTree tree = new MemoryTree();
    for (int i = 0; i < size; i++) {
      tree.append(new byte[] {(byte) i});
    }
    return tree;
  }
}
