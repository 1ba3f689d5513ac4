package org.sanctuary.ledger.merkle;

import java.util.List;
import java.util.Objects;

/**
 * Evidence that the leaf at {@code index} is in the tree of {@code size} leaves: the sibling
 * hashes from the leaf up to the root, lowest first (RFC 9162 section 2.1.3).
 *
 * <p>A proof received from elsewhere is only a claim; {@link #verify} decides whether it holds.
 */
public record InclusionProof(long index, long size, List<Hash> path) {
  public InclusionProof {
    if (index < 0) {
      throw new IllegalArgumentException("inclusion proof: leaf index " + index + " (want >= 0)");
    }
    if (size < 0) {
      throw new IllegalArgumentException("inclusion proof: tree size " + size + " (want >= 0)");
    }
    path = List.copyOf(Objects.requireNonNull(path, "inclusion proof path"));
  }

  /** Checks that {@code leafHash} is at {@code index} in the tree whose root is {@code root}. */
  public void verify(Hash leafHash, Hash root) throws InvalidProofException {
    Objects.requireNonNull(root, "root");
    Hash computed = rootFor(leafHash);
    if (!computed.equals(root)) {
      throw new InvalidProofException(
          "inclusion proof for leaf " + index + " in tree size " + size + " leads to root "
              + computed + ", not " + root);
    }
  }

  /**
   * The root this proof leads to from {@code leafHash} (RFC 9162 section 2.1.3.2); the caller
   * must still compare it with a root it trusts.
   */
  public Hash rootFor(Hash leafHash) throws InvalidProofException {
    Objects.requireNonNull(leafHash, "leaf hash");
    if (index >= size) {
      throw new InvalidProofException(
          "inclusion proof: leaf index " + index + " is not in a tree of size " + size);
    }
    int want = Proofs.pathLength(0, index, size);
    if (path.size() != want) {
      throw new InvalidProofException(
          "inclusion proof for leaf " + index + " in tree size " + size + " has "
              + path.size() + " hashes (want " + want + ")");
    }
    long fn = index;
    long sn = size - 1;
    Hash r = leafHash;
    for (Hash p : path) {
      if (sn == 0) {
        throw new InvalidProofException("inclusion proof is longer than the path to the root");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = TreeHasher.nodeHash(p, r);
        // Climb past levels where this node had no right sibling and was carried up as is.
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = TreeHasher.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new InvalidProofException("inclusion proof ends below the root");
    }
    return r;
  }
}
