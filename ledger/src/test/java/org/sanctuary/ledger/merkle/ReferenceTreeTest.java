package org.sanctuary.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast tree against the literal RFC definitions in {@link ReferenceTree}: every root, every
 * inclusion proof and every consistency proof of every tree up to {@value #MAX_SIZE} leaves, plus
 * random probes of a larger tree. Leaves are random; the seed is fixed and printed, and
 * {@code -Dledger.seed=N} replays another.
 */
class ReferenceTreeTest {
  private static final int MAX_SIZE = 300;
  private static final long SEED = Long.getLong("ledger.seed", 20161115L);

  private static List<byte[]> leaves;
  private static ReferenceTree reference;
  private static MemoryTree tree;

  @BeforeAll
  static void buildTrees() {
    System.out.println("ReferenceTreeTest seed: " + SEED + " (replay with -Dledger.seed=" + SEED + ")");
    leaves = randomLeaves(new SplittableRandom(SEED), MAX_SIZE);
    reference = new ReferenceTree(leaves);
    tree = new MemoryTree();
    leaves.forEach(tree::append);
  }

  @Test
  void root_afterEveryAppend_matchesReference() {
    MemoryTree growing = new MemoryTree();
    CompactRange range = CompactRange.empty();
    assertThat(growing.root()).isEqualTo(reference.mth(0, 0));
    for (int n = 1; n <= MAX_SIZE; n++) {
      growing.append(leaves.get(n - 1));
      range.append(TreeHasher.leafHash(leaves.get(n - 1)));
      assertThat(growing.root()).as("root at size %d", n).isEqualTo(reference.mth(0, n));
      assertThat(range.root()).as("compact range root at size %d", n).isEqualTo(reference.mth(0, n));
    }
  }

  @Test
  void rootAtEarlierSize_matchesReference() {
    for (int n = 0; n <= MAX_SIZE; n++) {
      assertThat(tree.root(n)).as("root at size %d", n).isEqualTo(reference.mth(0, n));
    }
  }

  @Test
  void inclusionProof_everyIndexAndSize_matchesReferenceAndVerifies() throws InvalidProofException {
    for (int n = 1; n <= MAX_SIZE; n++) {
      Hash root = reference.mth(0, n);
      for (int m = 0; m < n; m++) {
        InclusionProof proof = tree.inclusionProof(m, n);
        assertThat(proof.path()).as("path of leaf %d in size %d", m, n).isEqualTo(reference.path(m, n));
        proof.verify(reference.mth(m, m + 1), root);
      }
    }
  }

  @Test
  void consistencyProof_everyPairOfSizes_matchesReferenceAndVerifies()
      throws InvalidProofException {
    for (int n = 1; n <= MAX_SIZE; n++) {
      Hash root2 = reference.mth(0, n);
      for (int m = 0; m <= n; m++) {
        ConsistencyProof proof = tree.consistencyProof(m, n);
        List<Hash> want = (m == 0 || m == n) ? List.of() : reference.proof(m, n);
        assertThat(proof.path()).as("proof from %d to %d", m, n).isEqualTo(want);
        proof.verify(reference.mth(0, m), root2);
      }
    }
  }

  @Test
  void inclusionProof_randomDamage_isRejected() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int trial = 0; trial < 5_000; trial++) {
      int n = 2 + random.nextInt(MAX_SIZE - 1);
      int m = random.nextInt(n);
      InclusionProof proof = tree.inclusionProof(m, n);
      List<Hash> path = new ArrayList<>(proof.path());
      int element = random.nextInt(path.size());
      path.set(element, Rfc6962Vectors.flipBit(path.get(element), random.nextInt(256)));
      InclusionProof damaged = new InclusionProof(m, n, path);
      assertThatThrownBy(() -> damaged.verify(reference.mth(m, m + 1), reference.mth(0, n)))
          .as("leaf %d of %d, element %d flipped", m, n, element)
          .isInstanceOf(InvalidProofException.class);
      int other = random.nextInt(n);
      if (!reference.mth(other, other + 1).equals(reference.mth(m, m + 1))) {
        // Another leaf's hash must not verify under this leaf's proof (equal leaves may).
        assertThatThrownBy(() -> proof.verify(reference.mth(other, other + 1), reference.mth(0, n)))
            .isInstanceOf(InvalidProofException.class);
      }
    }
  }

  @Test
  void consistencyProof_randomDamage_isRejected() {
    SplittableRandom random = new SplittableRandom(SEED + 2);
    for (int trial = 0; trial < 5_000; trial++) {
      int n = 3 + random.nextInt(MAX_SIZE - 2);
      int m = 1 + random.nextInt(n - 1);
      ConsistencyProof proof = tree.consistencyProof(m, n);
      List<Hash> path = new ArrayList<>(proof.path());
      int element = random.nextInt(path.size());
      path.set(element, Rfc6962Vectors.flipBit(path.get(element), random.nextInt(256)));
      ConsistencyProof damaged = new ConsistencyProof(m, n, path);
      assertThatThrownBy(() -> damaged.verify(reference.mth(0, m), reference.mth(0, n)))
          .as("from %d to %d, element %d flipped", m, n, element)
          .isInstanceOf(InvalidProofException.class);
      int otherOld = 1 + random.nextInt(n - 1);
      if (otherOld != m) {
        // The old root must be the one at size1, not any earlier root of the same log.
        assertThatThrownBy(() -> proof.verify(reference.mth(0, otherOld), reference.mth(0, n)))
            .isInstanceOf(InvalidProofException.class);
      }
    }
  }

  @Test
  void proofs_inLargerTree_matchReference() throws InvalidProofException {
    SplittableRandom random = new SplittableRandom(SEED + 3);
    int size = (1 << 16) + 12_345;
    List<byte[]> many = randomLeaves(random, size);
    ReferenceTree big = new ReferenceTree(many);
    MemoryTree bigTree = new MemoryTree();
    many.forEach(bigTree::append);
    assertThat(bigTree.root()).isEqualTo(big.mth(0, size));
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + random.nextInt(size);
      int m = random.nextInt(n);
      InclusionProof inclusion = bigTree.inclusionProof(m, n);
      assertThat(inclusion.path()).as("path of %d in %d", m, n).isEqualTo(big.path(m, n));
      inclusion.verify(big.mth(m, m + 1), big.mth(0, n));
      int m1 = 1 + random.nextInt(n);
      ConsistencyProof consistency = bigTree.consistencyProof(m1, n);
      assertThat(consistency.path())
          .as("proof from %d to %d", m1, n)
          .isEqualTo(m1 == n ? List.of() : big.proof(m1, n));
      consistency.verify(big.mth(0, m1), big.mth(0, n));
    }
  }

  private static List<byte[]> randomLeaves(SplittableRandom random, int count) {
    List<byte[]> result = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] leaf = new byte[random.nextInt(48)];
      random.nextBytes(leaf);
      result.add(leaf);
    }
    return result;
  }
}
