package org.sanctuary.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.tiles.EntryBundle;
import org.sanctuary.ledger.tiles.TileId;
import org.sanctuary.ledger.tiles.Tiles;
import org.sanctuary.store.Database;

/**
 * The log as C2SP tlog-tiles, derived from the stored tree: a level-0 tile is a range of the
 * entries' leaf hashes, a level-{@code L} tile above it a range of {@code ledger_node} rows at tree
 * level {@code 8 * L}, an entry bundle a range of {@code ledger_entry} rows. Only what the latest
 * checkpoint covers is served.
 *
 * <p>A full tile or bundle never changes, so once read it is kept in a bounded in-memory cache and
 * served again without touching the database. Partial ones change as the log grows and are read
 * each time (one transaction, two queries).
 */
public final class TileReader {
  /** Bytes of full tiles and bundles kept in memory (a full hash tile is 8 KiB). */
  static final long CACHE_BYTES = 64L << 20;

  private final Database database;
  private final ByteCache cache = new ByteCache(CACHE_BYTES);

  public TileReader(Database database) {
    this.database = database;
  }

  /** A hash tile, or empty when the latest checkpoint does not cover all of it. */
  public Optional<byte[]> hashes(TileId tile) {
    String key = tile.path();
    if (tile.isFull()) {
      byte[] cached = cache.get(key);
      if (cached != null) return Optional.of(cached);
    }
    Optional<byte[]> read = database.inTransaction(c -> {
      if (!covered(c, tile)) return Optional.<byte[]>empty();
      return Optional.of(hashRange(c, tile));
    });
    if (tile.isFull()) read.ifPresent(bytes -> cache.put(key, bytes));
    return read;
  }

  /** The entry bundle under a level-0 tile, or empty when the latest checkpoint does not cover it. */
  public Optional<byte[]> entries(TileId tile) {
    String key = tile.entriesPath();
    if (tile.isFull()) {
      byte[] cached = cache.get(key);
      if (cached != null) return Optional.of(cached);
    }
    Optional<byte[]> read = database.inTransaction(c -> {
      if (!covered(c, tile)) return Optional.<byte[]>empty();
      List<LedgerReader.Entry> rows = LedgerTables.entries(c, tile.firstHash(), tile.firstHash() + tile.width());
      if (rows.size() != tile.width()) {
        throw new SQLException("ledger: " + rows.size() + " entries stored for " + key + " (want " + tile.width() + ")");
      }
      List<byte[]> data = new ArrayList<>(rows.size());
      for (LedgerReader.Entry row : rows) data.add(row.data());
      return Optional.of(EntryBundle.encode(data));
    });
    if (tile.isFull()) read.ifPresent(bytes -> cache.put(key, bytes));
    return read;
  }

  private static boolean covered(Connection c, TileId tile) throws SQLException {
    long size = LedgerTables.latestHead(c).map(LedgerTables.Head::size).orElse(0L);
    return Tiles.within(tile, size);
  }

  private static byte[] hashRange(Connection c, TileId tile) throws SQLException {
    byte[] out = new byte[tile.width() * Hash.SIZE];
    int count = 0;
    // level 0 is the entries' leaf hashes; the levels above are stored nodes
    int level = TileId.HEIGHT * tile.level();
    try (PreparedStatement ps = c.prepareStatement(level == 0
        ? "SELECT idx, leaf_hash FROM ledger_entry WHERE idx >= ? AND idx < ? ORDER BY idx"
        : "SELECT idx, hash FROM ledger_node WHERE level = " + level + " AND idx >= ? AND idx < ? ORDER BY idx")) {
      ps.setLong(1, tile.firstHash());
      ps.setLong(2, tile.firstHash() + tile.width());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(1) != tile.firstHash() + count) break;
          System.arraycopy(rs.getBytes(2), 0, out, count * Hash.SIZE, Hash.SIZE);
          count++;
        }
      }
    }
    if (count != tile.width()) {
      throw new SQLException("ledger: hashes of " + tile.path() + " are missing (found "
          + count + " of " + tile.width() + " in order)");
    }
    return out;
  }

  /** A least-recently-used map bounded by the bytes it holds. */
  private static final class ByteCache {
    private final long limit;
    private final LinkedHashMap<String, byte[]> map = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    ByteCache(long limit) {
      this.limit = limit;
    }

    synchronized byte[] get(String key) {
      return map.get(key);
    }

    synchronized void put(String key, byte[] value) {
      byte[] old = map.put(key, value);
      bytes += value.length - (old == null ? 0 : old.length);
      var eldest = map.entrySet().iterator();
      while (bytes > limit && eldest.hasNext()) {
        Map.Entry<String, byte[]> e = eldest.next();
        bytes -= e.getValue().length;
        eldest.remove();
      }
    }
  }
}
