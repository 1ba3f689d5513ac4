package org.sanctuary.ledger.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sanctuary.ledger.merkle.ConsistencyProof;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.HashReader;
import org.sanctuary.ledger.merkle.InclusionProof;
import org.sanctuary.ledger.merkle.NodeId;
import org.sanctuary.ledger.merkle.Proofs;
import org.sanctuary.store.Database;

/**
 * Reads the stored ledger for anyone: checkpoints, entries, proofs and receipts. Its only state is
 * the process's copy of committed tree nodes ({@link NodeCache}), which never change once stored,
 * so any process on the same database (the server, the command line) reads the same log. What it
 * serves as covered is covered by a signed checkpoint; entries are committed a few milliseconds
 * before the first checkpoint that covers them.
 */
public final class LedgerReader {
  /** The most entries one {@link #entries} call returns. */
  public static final int MAX_PAGE = 1000;

  private final Database database;
  private final NodeCache cache;
  private final CoveringHeads heads;

  public LedgerReader(Database database) {
    this.database = database;
    this.cache = NodeCache.of(database);
    this.heads = CoveringHeads.of(database);
  }

  /** One entry: its index and the exact leaf bytes. */
  public record Entry(long index, byte[] data) {}

  /** A signed tree head as published: size, root, the signed note text, and the key id. */
  public record SignedHead(long size, Hash root, String note, String keyId) {}

  /**
   * Proof that an entry is in the log: the entry's index and leaf hash, a signed checkpoint that
   * covers it, and the inclusion proof against that checkpoint's root.
   */
  public record Receipt(long index, Hash leafHash, SignedHead checkpoint, InclusionProof proof) {}

  /** The latest signed checkpoint (the log signs one at start-up, so there always is one). */
  public SignedHead checkpoint() {
    return database.read(c -> LedgerTables.latestHead(c))
        .map(h -> new SignedHead(h.size(), h.root(), h.note(), h.keyId()))
        .orElseThrow(() -> new LedgerUnavailableException("ledger: no checkpoint has been signed yet", null));
  }

  /**
   * The latest checkpoint as seen by the caller's transaction. A report reads it first in a
   * repeatable-read transaction: every record the snapshot holds was committed with an entry the
   * checkpoint covers, so the report can cite it.
   */
  public static SignedHead latest(Connection c) throws SQLException {
    return LedgerTables.latestHead(c)
        .map(h -> new SignedHead(h.size(), h.root(), h.note(), h.keyId()))
        .orElseThrow(() -> new LedgerUnavailableException("ledger: no checkpoint has been signed yet", null));
  }

  /** The published verifier key of the key that signed the latest checkpoint. */
  public String verifierKey() {
    String keyId = checkpoint().keyId();
    return database.inTransaction(c -> LedgerTables.verifier(c, keyId))
        .orElseThrow(() -> new LedgerUnavailableException("ledger: key " + keyId + " is not recorded", null));
  }

  /** Every verifier key that has signed checkpoints, oldest first. */
  public List<String> verifierKeys() {
    return database.inTransaction(c -> {
      List<String> keys = new ArrayList<>();
      try (var ps = c.prepareStatement("SELECT verifier FROM ledger_key ORDER BY added_at, key_id");
          var rs = ps.executeQuery()) {
        while (rs.next()) keys.add(rs.getString(1));
      }
      return keys;
    });
  }

  /**
   * A receipt for an appended entry, against the first checkpoint that covers it. Checkpoints are
   * signed shortly after the entries commit (see {@link Ledger#awaitCheckpoint}), so an entry
   * appended a moment ago may not be covered yet.
   *
   * @throws IllegalArgumentException when no checkpoint covers the index yet
   */
  public Receipt receipt(long index) {
    if (index < 0) throw new IllegalArgumentException("index " + index + " is negative");
    Receipt known = fromThisProcess(index);
    if (known != null) return known;
    // checkpoints and nodes never change once written, and a checkpoint's nodes are committed
    // before it: two plain reads, no transaction
    return database.read(c -> {
      LedgerTables.Head head = LedgerTables.firstHeadCovering(c, index).orElseThrow(() ->
          new IllegalArgumentException("index " + index + " is not covered by a checkpoint yet"));
      // The leaf rides along with the proof's nodes: one query in all.
      NodeId leafId = new NodeId(0, index);
      Hash[] leaf = new Hash[1];
      InclusionProof proof = Proofs.inclusion(index, head.size(), ids -> {
        List<NodeId> all = new ArrayList<>(ids);
        all.add(leafId);
        List<Hash> got = nodes(c, all);
        leaf[0] = got.get(ids.size());
        return got.subList(0, ids.size());
      });
      if (leaf[0] == null) leaf[0] = nodes(c, List.of(leafId)).get(0);
      return new Receipt(index, leaf[0], new SignedHead(head.size(), head.root(), head.note(), head.keyId()), proof);
    });
  }

  // The receipt of an entry this process appended a moment ago, most often: its first checkpoint
  // and every node of its proof are known here (CoveringHeads, NodeCache). Null when one is not.
  private Receipt fromThisProcess(long index) {
    LedgerTables.Head head = heads.firstCovering(index).orElse(null);
    if (head == null) return null;
    NodeId leafId = new NodeId(0, index);
    Hash[] leaf = new Hash[1];
    InclusionProof proof;
    try {
      proof = Proofs.inclusion(index, head.size(), ids -> {
        List<NodeId> all = new ArrayList<>(ids);
        all.add(leafId);
        List<Hash> got = cache.all(all);
        if (got == null) throw NotHere.INSTANCE;
        leaf[0] = got.get(ids.size());
        return got.subList(0, ids.size());
      });
    } catch (NotHere e) {
      return null;
    }
    if (leaf[0] == null) {
      List<Hash> got = cache.all(List.of(leafId));
      if (got == null) return null;
      leaf[0] = got.get(0);
    }
    return new Receipt(index, leaf[0], new SignedHead(head.size(), head.root(), head.note(), head.keyId()), proof);
  }

  /** A node of a proof is not in this process's copy: the database answers instead. */
  private static final class NotHere extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final NotHere INSTANCE = new NotHere();

    private NotHere() {
      super(null, null, false, false);
    }
  }

  /** Entries [start, end), at most {@link #MAX_PAGE}; the caller checks the bounds. */
  public List<Entry> entries(long start, long end) {
    return database.inTransaction(c -> LedgerTables.entries(c, start, Math.min(end, start + MAX_PAGE)));
  }

  /** Entries at the given indexes (at most {@link #MAX_PAGE}), in index order. */
  public List<Entry> entriesAt(List<Long> indexes) {
    if (indexes.size() > MAX_PAGE) throw new IllegalArgumentException("at most " + MAX_PAGE + " indexes");
    return database.inTransaction(c -> LedgerTables.entriesAt(c, indexes));
  }

  /** The last {@code limit} entries of one type below {@code to}, in index order. */
  public List<Entry> latestOfType(String type, long to, int limit) {
    return database.inTransaction(c -> LedgerTables.latestOfType(c, type, to, Math.min(limit, MAX_PAGE)));
  }

  /** Up to {@code limit} entries of one type among indexes [from, to), in index order. */
  public List<Entry> entriesOfType(String type, long from, long to, int limit) {
    return database.inTransaction(c -> LedgerTables.entriesOfType(c, type, from, to, Math.min(limit, MAX_PAGE)));
  }

  /**
   * The number of entries of each type among indexes [from, to). The type is read from the
   * canonical JSON bytes, where the top-level {@code "type":"..."} pair cannot occur inside a value.
   */
  public Map<String, Long> typeCounts(long from, long to) {
    return database.inTransaction(c -> LedgerTables.typeCounts(c, from, to));
  }

  /** Proves leaf {@code index} is in the tree of {@code size} leaves (size at most the latest checkpoint's). */
  public InclusionProof inclusion(long index, long size) {
    return database.inTransaction(c -> Proofs.inclusion(index, size, ids -> nodes(c, ids)));
  }

  /** Proves the tree of {@code from} leaves is a prefix of the tree of {@code to} leaves. */
  public ConsistencyProof consistency(long from, long to) {
    return database.inTransaction(c -> Proofs.consistency(from, to, ids -> nodes(c, ids)));
  }

  /** The stored nodes as a {@link HashReader}, one query per call. */
  public HashReader hashes() {
    return ids -> database.inTransaction(c -> LedgerTables.nodes(c, ids));
  }

  /** The number of entries covered by the latest checkpoint. */
  public long size() {
    return checkpoint().size();
  }

  // From the process's copy where it has them; the rest in one query, then kept.
  private List<Hash> nodes(Connection c, List<NodeId> ids) {
    Hash[] out = new Hash[ids.size()];
    List<NodeId> missing = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      out[i] = cache.get(ids.get(i));
      if (out[i] == null) missing.add(ids.get(i));
    }
    if (missing.isEmpty()) return Arrays.asList(out);
    List<Hash> read;
    try {
      read = LedgerTables.nodes(c, missing);
    } catch (SQLException e) {
      throw new LedgerUnavailableException("ledger: cannot read tree nodes: " + e.getMessage(), e);
    }
    cache.putAll(missing, read);
    for (int i = 0, m = 0; i < out.length; i++) {
      if (out[i] == null) out[i] = read.get(m++);
    }
    return Arrays.asList(out);
  }
}
