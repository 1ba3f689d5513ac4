package org.sanctuary.ledger.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanctuary.ledger.merkle.CompactRange;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.NodeId;
import org.sanctuary.ledger.merkle.InvalidProofException;
import org.sanctuary.ledger.merkle.Proofs;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.sanctuary.ledger.note.Checkpoint;
import org.sanctuary.ledger.note.InvalidNoteException;
import org.sanctuary.ledger.note.Verifier;
import org.sanctuary.store.Database;

/**
 * Checks a stored ledger from its entries up, trusting nothing the database says about hashes:
 * leaf hashes are recomputed from the bytes, the tree is rebuilt, and every stored checkpoint must
 * carry a valid signature by a trusted key and the root of the rebuilt tree at its size. Indexes
 * must run from 0 without a gap, and consecutive checkpoints must be consistent through the
 * stored nodes that proofs are served from.
 */
public final class LedgerAudit {
  private static final int FETCH = 10_000;

  private LedgerAudit() {}

  /** What was checked, and the first problem found, if any. */
  public record Result(long entries, int checkpoints, long latestSize, Optional<String> problem) {
    public boolean intact() {
      return problem.isEmpty();
    }
  }

  /** Verifies the whole ledger against the given trusted keys (the current one and any earlier). */
  public static Result verify(Database database, List<Verifier> trusted) {
    Map<String, Verifier> keys = new HashMap<>();
    for (Verifier v : trusted) keys.put(String.format("%08x", v.keyId()), v);
    return database.inTransaction(c -> {
      List<LedgerTables.Head> heads = LedgerTables.heads(c);
      long latest = heads.isEmpty() ? 0 : heads.get(heads.size() - 1).size();
      CompactRange tree = CompactRange.empty();
      int next = 0; // the next checkpoint to check
      String problem = null;
      long expected = 0;
      // Each 256 entries are also checked against the node stored over them (level 8), read
      // alongside, so a change that no checkpoint covers yet is found too.
      try (PreparedStatement ps = c.prepareStatement("SELECT idx, data, leaf_hash FROM ledger_entry ORDER BY idx");
          PreparedStatement kept = c.prepareStatement(
              "SELECT idx, hash FROM ledger_node WHERE level = " + LedgerTables.KEPT_EVERY + " ORDER BY idx")) {
        ps.setFetchSize(FETCH);
        kept.setFetchSize(FETCH);
        try (ResultSet rs = ps.executeQuery(); ResultSet over = kept.executeQuery()) {
          long verified = 0; // the size of the last checkpoint that checked out
          String[] found = new String[1];
          while (problem == null) {
            while (problem == null && next < heads.size() && heads.get(next).size() == expected) {
              problem = checkHead(heads.get(next++), tree, keys, verified);
              if (problem == null) verified = expected;
            }
            if (problem != null || !rs.next()) break;
            long idx = rs.getLong(1);
            if (idx != expected) {
              problem = "index " + expected + ": missing (the next stored entry is index " + idx + ")";
              break;
            }
            Hash leaf = TreeHasher.leafHash(rs.getBytes(2));
            if (!leaf.equals(Hash.of(rs.getBytes(3)))) {
              problem = "index " + idx + ": its bytes do not match the leaf hash stored for it (changed or moved)";
              break;
            }
            tree.append(leaf, (id, hash) -> {
              if (id.level() == LedgerTables.KEPT_EVERY && found[0] == null) found[0] = checkKept(over, id, hash);
            });
            problem = found[0];
            expected++;
          }
        }
      }
      if (problem == null && next < heads.size()) {
        LedgerTables.Head h = heads.get(next);
        problem = "checkpoint at size " + h.size() + ": covers entries the log does not hold (it holds "
            + expected + "; entries were removed)";
      }
      if (problem == null) problem = checkConsistency(c, heads);
      return new Result(expected, heads.size(), latest, Optional.ofNullable(problem));
    });
  }

  // The stored node over 256 entries, the next row of the level-8 cursor.
  private static String checkKept(ResultSet over, NodeId id, Hash rebuilt) {
    String name = "index " + id.begin() + " to " + (id.end() - 1) + ": ";
    try {
      if (!over.next() || over.getLong(1) != id.index()) return name + "the tree node stored over these entries is missing";
      if (!rebuilt.equals(Hash.of(over.getBytes(2)))) {
        return name + "the entries' bytes do not match the tree node stored over them (one was changed or moved)";
      }
      return null;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static String checkHead(LedgerTables.Head head, CompactRange tree, Map<String, Verifier> keys,
      long verified) {
    String name = "checkpoint at size " + head.size() + " (key " + head.keyId() + ")";
    Verifier verifier = keys.get(head.keyId());
    if (verifier == null) {
      return name + ": signed by a key that is not trusted (give its verifier key with --key)";
    }
    Checkpoint signed;
    try {
      signed = Checkpoint.open(head.note(), verifier);
    } catch (InvalidNoteException e) {
      return name + ": the signed note does not verify: " + e.getMessage();
    }
    if (signed.size() != head.size() || !signed.root().equals(head.root())) {
      return name + ": the stored size or root differs from the signed note";
    }
    if (!signed.root().equals(tree.root())) {
      return name + ": its root is not the root of the stored entries; an entry from index " + verified
          + " to " + (head.size() - 1) + " was changed, removed or reordered";
    }
    return null;
  }

  private static String checkConsistency(java.sql.Connection c, List<LedgerTables.Head> heads) {
    List<LedgerTables.Head> sizes = new ArrayList<>();
    for (LedgerTables.Head h : heads) {
      if (sizes.isEmpty() || sizes.get(sizes.size() - 1).size() != h.size()) sizes.add(h);
    }
    for (int i = 1; i < sizes.size(); i++) {
      LedgerTables.Head a = sizes.get(i - 1);
      LedgerTables.Head b = sizes.get(i);
      try {
        Proofs.consistency(a.size(), b.size(), ids -> {
          try {
            return LedgerTables.nodes(c, ids);
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
        }).verify(a.root(), b.root());
      } catch (InvalidProofException | IllegalStateException e) {
        return "checkpoints at sizes " + a.size() + " and " + b.size()
            + ": the stored tree nodes do not prove them consistent: " + e.getMessage();
      }
    }
    return null;
  }
}
