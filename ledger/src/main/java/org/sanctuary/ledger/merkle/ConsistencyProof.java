package org.sanctuary.ledger.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evidence that the tree of {@code size1} leaves is a prefix of the tree of {@code size2} leaves,
 * i.e. that the log only appended in between (RFC 9162 section 2.1.4).
 *
 * <p>A proof received from elsewhere is only a claim; {@link #verify} decides whether it holds.
 */
public record ConsistencyProof(long size1, long size2, List<Hash> path) {
  public ConsistencyProof {
    if (size1 < 0 || size2 < 0) {
      throw new IllegalArgumentException(
          "consistency proof: sizes " + size1 + " and " + size2 + " (want >= 0)");
    }
    path = List.copyOf(Objects.requireNonNull(path, "consistency proof path"));
  }

  /**
   * Checks that {@code root1}, the root at {@code size1}, and {@code root2}, the root at
   * {@code size2}, belong to one append-only log (RFC 9162 section 2.1.4.2, plus the trivial cases
   * it leaves out: equal sizes need equal roots, and the empty tree is a prefix of every tree).
   */
  public void verify(Hash root1, Hash root2) throws InvalidProofException {
    Objects.requireNonNull(root1, "root1");
    Objects.requireNonNull(root2, "root2");
    if (size1 > size2) {
      throw new InvalidProofException(
          "consistency proof: size1 " + size1 + " is larger than size2 " + size2);
    }
    if (size1 == size2 || size1 == 0) {
      if (!path.isEmpty()) {
        throw new InvalidProofException(
            "consistency proof from size " + size1 + " to " + size2 + " has " + path.size()
                + " hashes (want 0)");
      }
      if (size1 == 0 && !root1.equals(TreeHasher.emptyRoot())) {
        throw new InvalidProofException(
            "consistency proof: root1 " + root1 + " is not the empty tree's root");
      }
      if (size1 == size2 && !root1.equals(root2)) {
        throw new InvalidProofException(
            "consistency proof: trees of equal size " + size1 + " have different roots "
                + root1 + " and " + root2);
      }
      return;
    }
    int level = Long.numberOfTrailingZeros(size1);
    boolean wholeOldTree = (size1 >>> level) == 1;
    int want = (wholeOldTree ? 0 : 1) + Proofs.pathLength(level, (size1 >>> level) - 1, size2);
    if (path.size() != want) {
      throw new InvalidProofException(
          "consistency proof from size " + size1 + " to " + size2 + " has " + path.size()
              + " hashes (want " + want + ")");
    }

    List<Hash> c = path;
    if (wholeOldTree) {
      // size1 is a power of two: the old root is itself the first node of the proof.
      c = new ArrayList<>(path.size() + 1);
      c.add(root1);
      c.addAll(path);
    }
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    Hash fr = c.get(0);
    Hash sr = c.get(0);
    for (Hash h : c.subList(1, c.size())) {
      if (sn == 0) {
        throw new InvalidProofException("consistency proof is longer than the path to the root");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = TreeHasher.nodeHash(h, fr);
        sr = TreeHasher.nodeHash(h, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = TreeHasher.nodeHash(sr, h);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new InvalidProofException("consistency proof ends below the root");
    }
    if (!fr.equals(root1)) {
      throw new InvalidProofException(
          "consistency proof leads to old root " + fr + " for size " + size1 + ", not " + root1);
    }
    if (!sr.equals(root2)) {
      throw new InvalidProofException(
          "consistency proof leads to new root " + sr + " for size " + size2 + ", not " + root2);
    }
  }
}
