package org.sanctuary.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuary.ledger.merkle.Rfc6962Vectors.CONSISTENCY_PROOFS;
import static org.sanctuary.ledger.merkle.Rfc6962Vectors.EMPTY_ROOT;
import static org.sanctuary.ledger.merkle.Rfc6962Vectors.INCLUSION_PROOFS;
import static org.sanctuary.ledger.merkle.Rfc6962Vectors.LEAF_HASHES;
import static org.sanctuary.ledger.merkle.Rfc6962Vectors.flipBit;
import static org.sanctuary.ledger.merkle.Rfc6962Vectors.root;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every published proof, damaged in each of the usual ways, must be refused. */
class CorruptedProofTest {
  // Any hash that is neither a node of the test tree nor its root.
  private static final Hash SOME_HASH =
      Hash.fromHex("abacaba000000000000000000000000000000000000000000060061e00123456");

  @Test
  void inclusionProof_wrongRoot_isRejected() {
    for (InclusionProof p : nonTrivialInclusion()) {
      Hash leaf = leafOf(p);
      assertRejected(() -> p.verify(leaf, SOME_HASH));
      assertRejected(() -> p.verify(leaf, EMPTY_ROOT));
      assertRejected(() -> p.verify(leaf, root(p.size() - 1)));
    }
  }

  @Test
  void inclusionProof_wrongLeaf_isRejected() {
    for (InclusionProof p : nonTrivialInclusion()) {
      assertRejected(() -> p.verify(SOME_HASH, root(p.size())));
      assertRejected(() -> p.verify(TreeHasher.leafHash(new byte[] {1}), root(p.size())));
    }
  }

  @Test
  void inclusionProof_truncated_isRejected() {
    for (InclusionProof p : nonTrivialInclusion()) {
      InclusionProof shorter = withPath(p, p.path().subList(0, p.path().size() - 1));
      assertRejected(() -> shorter.verify(leafOf(p), root(p.size())));
    }
  }

  @Test
  void inclusionProof_trailingGarbage_isRejected() {
    for (InclusionProof p : INCLUSION_PROOFS) {
      for (Hash extra : List.of(SOME_HASH, root(p.size()), EMPTY_ROOT)) {
        InclusionProof longer = withPath(p, append(p.path(), extra));
        assertRejected(() -> longer.verify(leafOf(p), root(p.size())));
      }
    }
  }

  @Test
  void inclusionProof_precedingGarbage_isRejected() {
    for (InclusionProof p : INCLUSION_PROOFS) {
      InclusionProof longer = withPath(p, prepend(root(p.size()), p.path()));
      assertRejected(() -> longer.verify(leafOf(p), root(p.size())));
    }
  }

  @Test
  void inclusionProof_insertedElement_isRejected() {
    for (InclusionProof p : nonTrivialInclusion()) {
      List<Hash> path = new ArrayList<>(p.path());
      path.add(1, SOME_HASH);
      InclusionProof longer = withPath(p, path);
      assertRejected(() -> longer.verify(leafOf(p), root(p.size())));
    }
  }

  @TestFactory
  Stream<DynamicTest> inclusionProof_flippedBitInEachElement_isRejected() {
    List<DynamicTest> tests = new ArrayList<>();
    for (InclusionProof p : nonTrivialInclusion()) {
      for (int i = 0; i < p.path().size(); i++) {
        for (int bit : new int[] {0, 3, 255}) {
          List<Hash> path = new ArrayList<>(p.path());
          path.set(i, flipBit(path.get(i), bit));
          InclusionProof bad = withPath(p, path);
          tests.add(
              DynamicTest.dynamicTest(
                  "leaf " + p.index() + " of " + p.size() + ", element " + i + ", bit " + bit,
                  () -> assertRejected(() -> bad.verify(leafOf(p), root(p.size())))));
        }
      }
    }
    return tests.stream();
  }

  @Test
  void inclusionProof_wrongIndex_isRejected() {
    for (InclusionProof p : nonTrivialInclusion()) {
      for (long index : new long[] {p.index() - 1, p.index() + 1, p.index() ^ 2, p.size()}) {
        if (index < 0) {
          continue;
        }
        InclusionProof moved = new InclusionProof(index, p.size(), p.path());
        assertRejected(() -> moved.verify(leafOf(p), root(p.size())));
      }
    }
  }

  @Test
  void inclusionProof_wrongSize_isRejected() {
    // Only sizes that change the tree's shape: the proof checks the path, and it is the signed
    // checkpoint, not the proof, that ties a size to a root.
    for (InclusionProof p : nonTrivialInclusion()) {
      for (long size : new long[] {p.size() * 2, p.size() / 2}) {
        InclusionProof resized = new InclusionProof(p.index(), size, p.path());
        assertRejected(() -> resized.verify(leafOf(p), root(p.size())));
      }
    }
  }

  @Test
  void inclusionProof_emptyTree_isRejected() {
    InclusionProof p = new InclusionProof(0, 0, List.of());
    assertRejected(() -> p.verify(EMPTY_ROOT, EMPTY_ROOT));
  }

  @Test
  void consistencyProof_wrongRoot_isRejected() {
    for (ConsistencyProof p : nonTrivialConsistency()) {
      assertRejected(() -> p.verify(SOME_HASH, root(p.size2())));
      assertRejected(() -> p.verify(root(p.size1()), SOME_HASH));
      assertRejected(() -> p.verify(root(p.size1() + 1), root(p.size2())));
      assertRejected(() -> p.verify(root(p.size1()), root(p.size2() - 1)));
    }
  }

  @Test
  void consistencyProof_swappedRoots_isRejected() {
    for (ConsistencyProof p : nonTrivialConsistency()) {
      assertRejected(() -> p.verify(root(p.size2()), root(p.size1())));
    }
  }

  @Test
  void consistencyProof_truncated_isRejected() {
    for (ConsistencyProof p : nonTrivialConsistency()) {
      ConsistencyProof shorter = withPath(p, p.path().subList(0, p.path().size() - 1));
      assertRejected(() -> shorter.verify(root(p.size1()), root(p.size2())));
      ConsistencyProof empty = withPath(p, List.of());
      assertRejected(() -> empty.verify(root(p.size1()), root(p.size2())));
    }
  }

  @Test
  void consistencyProof_trailingGarbage_isRejected() {
    for (ConsistencyProof p : CONSISTENCY_PROOFS) {
      for (Hash extra : List.of(SOME_HASH, root(p.size1()), root(p.size2()))) {
        ConsistencyProof longer = withPath(p, append(p.path(), extra));
        assertRejected(() -> longer.verify(root(p.size1()), root(p.size2())));
      }
    }
  }

  @Test
  void consistencyProof_precedingGarbage_isRejected() {
    for (ConsistencyProof p : nonTrivialConsistency()) {
      for (Hash extra : List.of(root(p.size1()), root(p.size2()), p.path().get(0))) {
        ConsistencyProof longer = withPath(p, prepend(extra, p.path()));
        assertRejected(() -> longer.verify(root(p.size1()), root(p.size2())));
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> consistencyProof_flippedBitInEachElement_isRejected() {
    List<DynamicTest> tests = new ArrayList<>();
    for (ConsistencyProof p : nonTrivialConsistency()) {
      for (int i = 0; i < p.path().size(); i++) {
        for (int bit : new int[] {0, 4, 255}) {
          List<Hash> path = new ArrayList<>(p.path());
          path.set(i, flipBit(path.get(i), bit));
          ConsistencyProof bad = withPath(p, path);
          tests.add(
              DynamicTest.dynamicTest(
                  p.size1() + " to " + p.size2() + ", element " + i + ", bit " + bit,
                  () -> assertRejected(() -> bad.verify(root(p.size1()), root(p.size2())))));
        }
      }
    }
    return tests.stream();
  }

  @Test
  void consistencyProof_wrongSizes_isRejected() {
    for (ConsistencyProof p : nonTrivialConsistency()) {
      long m = p.size1();
      long n = p.size2();
      long[][] sizes = {{m - 1, n}, {m + 1, n}, {m ^ 2, n}, {m, n * 2}, {m, n / 2}, {n, m}};
      for (long[] s : sizes) {
        ConsistencyProof moved = new ConsistencyProof(s[0], s[1], p.path());
        assertRejected(() -> moved.verify(root(m), root(n)));
      }
    }
  }

  @Test
  void consistencyProof_equalSizes_needEqualRootsAndNoHashes() {
    ConsistencyProof same = new ConsistencyProof(3, 3, List.of());
    assertRejected(() -> same.verify(root(3), root(4)));
    ConsistencyProof padded = new ConsistencyProof(3, 3, List.of(root(3)));
    assertRejected(() -> padded.verify(root(3), root(3)));
  }

  @Test
  void consistencyProof_fromEmptyTree_needsEmptyRootAndNoHashes() {
    ConsistencyProof fromEmpty = new ConsistencyProof(0, 5, List.of());
    assertRejected(() -> fromEmpty.verify(SOME_HASH, root(5)));
    ConsistencyProof padded = new ConsistencyProof(0, 5, List.of(EMPTY_ROOT));
    assertRejected(() -> padded.verify(EMPTY_ROOT, root(5)));
  }

  private static void assertRejected(ThrowingCallable verification) {
    assertThatThrownBy(verification).isInstanceOf(InvalidProofException.class);
  }

  private static List<InclusionProof> nonTrivialInclusion() {
    return INCLUSION_PROOFS.stream().filter(p -> !p.path().isEmpty()).toList();
  }

  private static List<ConsistencyProof> nonTrivialConsistency() {
    return CONSISTENCY_PROOFS.stream().filter(p -> !p.path().isEmpty()).toList();
  }

  private static Hash leafOf(InclusionProof p) {
    return LEAF_HASHES.get((int) p.index());
  }

  private static InclusionProof withPath(InclusionProof p, List<Hash> path) {
    return new InclusionProof(p.index(), p.size(), path);
  }

  private static ConsistencyProof withPath(ConsistencyProof p, List<Hash> path) {
    return new ConsistencyProof(p.size1(), p.size2(), path);
  }

  private static List<Hash> append(List<Hash> path, Hash extra) {
    List<Hash> longer = new ArrayList<>(path);
    longer.add(extra);
    return longer;
  }

  private static List<Hash> prepend(Hash extra, List<Hash> path) {
    List<Hash> longer = new ArrayList<>();
    longer.add(extra);
    longer.addAll(path);
    return longer;
  }
}
