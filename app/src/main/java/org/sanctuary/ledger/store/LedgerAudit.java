package org.sanctuary.ledger.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanctuary.ledger.merkle.CompactRange;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.NodeId;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.sanctuary.ledger.note.Checkpoint;
import org.sanctuary.ledger.note.InvalidNoteException;
import org.sanctuary.ledger.note.Verifier;
import org.sanctuary.store.Database;

/**
 * Checks a stored ledger from its entries up, trusting nothing the database says about hashes:
 * leaf hashes are recomputed from the bytes, the tree is rebuilt, every stored tree node (those
 * that proofs are served from) must be the rebuilt tree's, and every stored checkpoint must carry
 * a valid signature by a trusted key and the root of the rebuilt tree at its size. Indexes must run
 * from 0 without a gap. It reads the log, its nodes and its checkpoints once each, in order.
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
      CompactRange tree = CompactRange.empty();
      String problem = null;
      long expected = 0;
      int checkpoints = 0;
      long latest = 0;
      // The nodes above level 8 (one in 256 of those at level 8), by id; level 8 is read alongside.
      Map<NodeId, Hash> upper = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT level, idx, hash FROM ledger_node WHERE level > "
          + LedgerTables.KEPT_EVERY); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) upper.put(new NodeId(rs.getShort(1), rs.getLong(2)), Hash.of(rs.getBytes(3)));
      }
      // Each entry is checked against its leaf hash, each stored node against the node rebuilt over
      // the same entries (so a change that no checkpoint covers yet is found too), each checkpoint
      // against the rebuilt tree at its size. Every checkpoint being a root of the one rebuilt log,
      // and every node a proof is served from being right, consecutive checkpoints are consistent:
      // no proof between them needs to be asked of the database.
      try (Signatures signatures = new Signatures(keys);
          PreparedStatement ps = c.prepareStatement("SELECT idx, data, leaf_hash FROM ledger_entry ORDER BY idx");
          PreparedStatement kept = c.prepareStatement(
              "SELECT idx, hash FROM ledger_node WHERE level = " + LedgerTables.KEPT_EVERY + " ORDER BY idx");
          PreparedStatement signed = c.prepareStatement(LedgerTables.HEADS_IN_SIZE_ORDER)) {
        ps.setFetchSize(FETCH);
        kept.setFetchSize(FETCH);
        signed.setFetchSize(FETCH);
        // the entries' bytes in binary: as text the driver decodes every byte from hex
        ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
        kept.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
        try (ResultSet rs = ps.executeQuery(); ResultSet over = kept.executeQuery(); ResultSet heads = signed.executeQuery()) {
          long verified = 0; // the size of the last checkpoint whose root checked out
          String[] found = new String[1];
          boolean inCheckpoints = false; // whether the problem, if any, was found among the checkpoints
          LedgerTables.Head next = nextHead(heads);
          while (problem == null) {
            while (problem == null && next != null && next.size() == expected) {
              String root = checkRoot(next, tree, verified);
              signatures.add(next, root);
              problem = signatures.firstProblem(root != null);
              inCheckpoints = problem != null;
              checkpoints++;
              latest = next.size();
              if (root == null) verified = expected;
              next = nextHead(heads);
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
              if (found[0] != null || !LedgerTables.stored(id.level())) return;
              found[0] = id.level() == LedgerTables.KEPT_EVERY ? checkKept(over, id, hash) : checkUpper(upper, id, hash);
            });
            problem = found[0];
            expected++;
          }
          // A problem found in the checkpoints is the first; one found in the entries comes after every
          // checkpoint added so far, whose signatures may still be being checked.
          if (!inCheckpoints) {
            String earlier = signatures.firstProblem(true);
            if (earlier != null) problem = earlier;
          }
          if (problem == null && next != null) {
            problem = "checkpoint at size " + next.size() + ": covers entries the log does not hold (it holds "
                + expected + "; entries were removed)";
          }
          // the count and the latest size of all of them, as before a problem stopped the check
          while (next != null) {
            checkpoints++;
            latest = Math.max(latest, next.size());
            next = nextHead(heads);
          }
        }
      }
      return new Result(expected, checkpoints, latest, Optional.ofNullable(problem));
    });
  }

  private static LedgerTables.Head nextHead(ResultSet heads) throws java.sql.SQLException {
    return heads.next() ? LedgerTables.head(heads) : null;
  }

  // The stored node over 256 entries, the next row of the level-8 cursor.
  private static String checkKept(ResultSet over, NodeId id, Hash rebuilt) {
    try {
      boolean next = over.next() && over.getLong(1) == id.index();
      return checkNode(id, next ? Hash.of(over.getBytes(2)) : null, rebuilt);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  // A stored node over 65,536 entries or more.
  private static String checkUpper(Map<NodeId, Hash> upper, NodeId id, Hash rebuilt) {
    return checkNode(id, upper.get(id), rebuilt);
  }

  // The node stored over id's entries (null: none) against the one rebuilt over them.
  private static String checkNode(NodeId id, Hash stored, Hash rebuilt) {
    String name = "index " + id.begin() + " to " + (id.end() - 1) + ": ";
    if (stored == null) return name + "the tree node stored over these entries is missing";
    if (!rebuilt.equals(stored)) {
      return name + "the entries' bytes do not match the tree node stored over them (one was changed or moved)";
    }
    return null;
  }

  // Whether the checkpoint's stored root is the rebuilt tree's at its size; its signature and
  // that the signed note says the same are checked by Signatures, beside the rebuild.
  private static String checkRoot(LedgerTables.Head head, CompactRange tree, long verified) {
    if (!head.root().equals(tree.root())) {
      return name(head) + ": its root is not the root of the stored entries; an entry from index " + verified
          + " to " + (head.size() - 1) + " was changed, removed or reordered";
    }
    return null;
  }

  private static String name(LedgerTables.Head head) {
    return "checkpoint at size " + head.size() + " (key " + head.keyId() + ")";
  }

  // A checkpoint's note: signed by a trusted key, and saying the stored size and root.
  private static String checkSignature(LedgerTables.Head head, Map<String, Verifier> keys) {
    Verifier verifier = keys.get(head.keyId());
    if (verifier == null) {
      return name(head) + ": signed by a key that is not trusted (give its verifier key with --key)";
    }
    Checkpoint signed;
    try {
      signed = Checkpoint.open(head.note(), verifier);
    } catch (InvalidNoteException e) {
      return name(head) + ": the signed note does not verify: " + e.getMessage();
    }
    if (signed.size() != head.size() || !signed.root().equals(head.root())) {
      return name(head) + ": the stored size or root differs from the signed note";
    }
    return null;
  }

  /**
   * The checkpoints' signatures, checked on a thread of their own while the caller rebuilds the
   * tree (a signature check costs about as much as hashing a few dozen entries, and a log has a
   * checkpoint for every few entries under load). A checkpoint's problem is its signature's, if
   * any, else its root's, and the first checkpoint with one is the one reported, as if each had
   * been checked whole in turn.
   */
  private static final class Signatures implements AutoCloseable {
    private static final int AHEAD = 4096; // checkpoints checked ahead of the answer, at most

    private final Map<String, Verifier> keys;
    private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "ledger-verify-signatures");
      t.setDaemon(true);
      return t;
    });
    private final java.util.ArrayDeque<Pending> pending = new java.util.ArrayDeque<>();

    private record Pending(java.util.concurrent.Future<String> signature, String root) {}

    Signatures(Map<String, Verifier> keys) {
      this.keys = keys;
    }

    void add(LedgerTables.Head head, String rootProblem) {
      pending.add(new Pending(pool.submit(() -> checkSignature(head, keys)), rootProblem));
    }

    /**
     * The first problem among the checkpoints added so far, waiting for their signatures when
     * {@code all} (or for as many as keep at most {@link #AHEAD} in flight); null for none yet.
     */
    String firstProblem(boolean all) {
      while (!pending.isEmpty() && (all || pending.size() > AHEAD || pending.peek().signature().isDone())) {
        Pending p = pending.poll();
        String signature;
        try {
          signature = p.signature().get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("ledger verify: interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        String problem = signature != null ? signature : p.root();
        if (problem != null) return problem;
      }
      return null;
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
  }
}
