package org.sanctuary.ledger.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 6962 section 2.1 written down literally: MTH, PATH and PROOF/SUBPROOF as recursive functions
 * over a list of leaves, with its own SHA-256 calls. It shares no code with the fast tree, which it
 * checks. Subtree hashes are memoised so that checking every proof of a few hundred leaves stays
 * cheap; that changes the cost, not the definitions.
 */
final class ReferenceTree {
  private final List<byte[]> leaves;
  private final Map<List<Integer>, Hash> memo = new HashMap<>();

  ReferenceTree(List<byte[]> leaves) {
    this.leaves = List.copyOf(leaves);
  }

  /** MTH(D[begin:end]). */
  Hash mth(int begin, int end) {
    int n = end - begin;
    if (n == 0) {
      return sha256(new byte[0]);
    }
    if (n == 1) {
      return sha256(new byte[] {0x00}, leaves.get(begin));
    }
    List<Integer> key = List.of(begin, end);
    Hash known = memo.get(key);
    if (known != null) {
      return known;
    }
    int k = largestPowerOfTwoBelow(n);
    Hash hash =
        sha256(new byte[] {0x01}, mth(begin, begin + k).bytes(), mth(begin + k, end).bytes());
    memo.put(key, hash);
    return hash;
  }

  /** PATH(m, D[n]): the audit path of leaf m in the tree of the first n leaves. */
  List<Hash> path(int m, int n) {
    return path(m, 0, n);
  }

  private List<Hash> path(int m, int begin, int end) {
    int n = end - begin;
    List<Hash> result = new ArrayList<>();
    if (n == 1) {
      return result;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      result.addAll(path(m, begin, begin + k));
      result.add(mth(begin + k, end));
    } else {
      result.addAll(path(m - k, begin + k, end));
      result.add(mth(begin, begin + k));
    }
    return result;
  }

  /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true), for 0 < m < n. */
  List<Hash> proof(int m, int n) {
    return subproof(m, 0, n, true);
  }

  private List<Hash> subproof(int m, int begin, int end, boolean b) {
    int n = end - begin;
    List<Hash> result = new ArrayList<>();
    if (m == n) {
      if (!b) {
        result.add(mth(begin, end));
      }
      return result;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      result.addAll(subproof(m, begin, begin + k, b));
      result.add(mth(begin + k, end));
    } else {
      result.addAll(subproof(m - k, begin + k, end, false));
      result.add(mth(begin, begin + k));
    }
    return result;
  }

  private static int largestPowerOfTwoBelow(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  private static Hash sha256(byte[]... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        sha.update(part);
      }
      return Hash.of(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
