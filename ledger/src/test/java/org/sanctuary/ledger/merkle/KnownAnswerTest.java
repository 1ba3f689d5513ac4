package org.sanctuary.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.sanctuary.ledger.merkle.Rfc6962Vectors.CONSISTENCY_PROOFS;
import static org.sanctuary.ledger.merkle.Rfc6962Vectors.EMPTY_ROOT;
import static org.sanctuary.ledger.merkle.Rfc6962Vectors.INCLUSION_PROOFS;
import static org.sanctuary.ledger.merkle.Rfc6962Vectors.LEAF_HASHES;
import static org.sanctuary.ledger.merkle.Rfc6962Vectors.LEAVES;
import static org.sanctuary.ledger.merkle.Rfc6962Vectors.ROOTS;

import org.junit.jupiter.api.Test;

/** The published RFC 6962 vectors; see {@link Rfc6962Vectors} for how each value is reproduced. */
class KnownAnswerTest {

  @Test
  void emptyRoot_isSha256OfNothing() {
    assertThat(TreeHasher.emptyRoot()).isEqualTo(EMPTY_ROOT);
    assertThat(new MemoryTree().root()).isEqualTo(EMPTY_ROOT);
    assertThat(CompactRange.empty().root()).isEqualTo(EMPTY_ROOT);
  }

  @Test
  void leafHash_matchesVectors() {
    for (int i = 0; i < LEAVES.size(); i++) {
      assertThat(TreeHasher.leafHash(LEAVES.get(i))).as("leaf %d", i).isEqualTo(LEAF_HASHES.get(i));
    }
  }

  @Test
  void nodeHash_prefixesOneAndConcatenates() {
    // python3 -c "$H; print(N(L(''),L('00')).hex())"
    assertThat(TreeHasher.nodeHash(LEAF_HASHES.get(0), LEAF_HASHES.get(1)))
        .isEqualTo(ROOTS.get(1));
  }

  @Test
  void root_afterEachAppend_matchesVectors() {
    MemoryTree tree = new MemoryTree();
    CompactRange range = CompactRange.empty();
    for (int n = 1; n <= LEAVES.size(); n++) {
      tree.append(LEAVES.get(n - 1));
      range.append(TreeHasher.leafHash(LEAVES.get(n - 1)));
      assertThat(tree.root()).as("memory tree root at size %d", n).isEqualTo(ROOTS.get(n - 1));
      assertThat(range.root()).as("compact range root at size %d", n).isEqualTo(ROOTS.get(n - 1));
    }
  }

  @Test
  void rootAtEarlierSize_matchesVectors() {
    MemoryTree tree = Rfc6962Vectors.tree();
    assertThat(tree.root(0)).isEqualTo(EMPTY_ROOT);
    for (int n = 1; n <= LEAVES.size(); n++) {
      assertThat(tree.root(n)).as("root at size %d", n).isEqualTo(ROOTS.get(n - 1));
    }
  }

  @Test
  void inclusionProof_generated_matchesPublishedProofs() {
    MemoryTree tree = Rfc6962Vectors.tree();
    for (InclusionProof want : INCLUSION_PROOFS) {
      assertThat(tree.inclusionProof(want.index(), want.size())).isEqualTo(want);
    }
  }

  @Test
  void inclusionProof_published_verifies() {
    for (InclusionProof proof : INCLUSION_PROOFS) {
      Hash leaf = LEAF_HASHES.get((int) proof.index());
      Hash root = ROOTS.get((int) proof.size() - 1);
      assertThatCode(() -> proof.verify(leaf, root)).as("%s", proof).doesNotThrowAnyException();
    }
  }

  @Test
  void consistencyProof_generated_matchesPublishedProofs() {
    MemoryTree tree = Rfc6962Vectors.tree();
    for (ConsistencyProof want : CONSISTENCY_PROOFS) {
      assertThat(tree.consistencyProof(want.size1(), want.size2())).isEqualTo(want);
    }
  }

  @Test
  void consistencyProof_published_verifies() {
    for (ConsistencyProof proof : CONSISTENCY_PROOFS) {
      Hash root1 = ROOTS.get((int) proof.size1() - 1);
      Hash root2 = ROOTS.get((int) proof.size2() - 1);
      assertThatCode(() -> proof.verify(root1, root2)).as("%s", proof).doesNotThrowAnyException();
    }
  }

  @Test
  void consistencyProof_fromEmptyTree_isEmptyAndVerifies() throws InvalidProofException {
    ConsistencyProof proof = Rfc6962Vectors.tree().consistencyProof(0, 8);
    assertThat(proof.path()).isEmpty();
    proof.verify(EMPTY_ROOT, ROOTS.get(7));
  }
}
