package org.sanctuary.ledger.tiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.HashReader;
import org.sanctuary.ledger.merkle.NodeId;
import org.sanctuary.ledger.merkle.Proofs;
import org.sanctuary.ledger.merkle.TreeHasher;

/**
 * Reads the perfect subtrees of a tree of known size and root from tiles fetched from anywhere,
 * trusting none of them until it has checked them against the root. With it, {@link Proofs} gives
 * roots and proofs of a tiled log exactly as it does over a database.
 *
 * <p>How tiles are checked: the partial tiles of the right edge ({@link Tiles#rightEdge}) together
 * hash to the root, so they are checked first, when the reader opens. Every full tile is then
 * checked by hashing it ({@link Tiles#hash}) and comparing with its entry in the tile above, itself
 * checked the same way, up to the right edge. A log that serves a tile not matching its checkpoint
 * is caught at the first read that needs the tile.
 *
 * <p>Checked tiles are kept in a small cache; not thread-safe.
 */
public final class TileHashReader implements HashReader {
  /** Fetches one tile's bytes, e.g. over HTTP. */
  @FunctionalInterface
  public interface TileSource {
    byte[] fetch(TileId tile) throws IOException;
  }

  private static final int CACHE_TILES = 512; // 4 MiB of full tiles

  private final long size;
  private final Hash root;
  private final TileSource source;
  private final Map<TileId, byte[]> edge = new HashMap<>();
  private final Map<TileId, byte[]> checked =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TileId, byte[]> eldest) {
          return size() > CACHE_TILES;
        }
      };
  private int fetches;

  private TileHashReader(long size, Hash root, TileSource source) {
    this.size = size;
    this.root = root;
    this.source = source;
  }

  /**
   * Fetches the right edge of the tree of {@code size} leaves and checks that it hashes to {@code
   * root}.
   *
   * @throws InvalidTileException when the tiles do not make up that root, or are malformed
   * @throws UncheckedIOException when a tile cannot be fetched
   */
  public static TileHashReader open(long size, Hash root, TileSource source) {
    if (size < 0) {
      throw new IllegalArgumentException("tree size: " + size + " (want >= 0)");
    }
    TileHashReader reader =
        new TileHashReader(size, Objects.requireNonNull(root, "root"), Objects.requireNonNull(source, "source"));
    for (TileId tile : Tiles.rightEdge(size)) {
      reader.edge.put(tile, reader.fetch(tile));
    }
    Hash computed = size == 0 ? TreeHasher.emptyRoot() : Proofs.root(size, reader::fromTiles);
    if (!computed.equals(root)) {
      throw new InvalidTileException(
          "the right-edge tiles " + Tiles.rightEdge(size) + " hash to " + computed.base64()
              + ", not to the checkpoint's root " + root.base64() + " at size " + size);
    }
    return reader;
  }

  public long size() {
    return size;
  }

  public Hash root() {
    return root;
  }

  /** How many tiles this reader has fetched so far. */
  public int fetches() {
    return fetches;
  }

  @Override
  public List<Hash> read(List<NodeId> ids) {
    for (NodeId id : ids) {
      if (id.end() > size) {
        throw new IllegalArgumentException(
            "node " + id + " is not a complete subtree of a tree of size " + size);
      }
    }
    return fromTiles(ids);
  }

  /**
   * A checked tile of this tree: a full tile, or a partial one ending at or below the tree's
   * right edge (taken from the right-edge tile or cut from the full tile).
   */
  public byte[] tile(TileId tile) {
    if (!Tiles.within(tile, size)) {
      throw new IllegalArgumentException(tile.path() + " is not in a tree of size " + size);
    }
    if (tile.isFull()) {
      return checkedFull(tile).clone();
    }
    byte[] edgeTile = edge.get(tile);
    if (edgeTile != null) {
      return edgeTile.clone();
    }
    long hashes = Tiles.hashesAt(size, tile.level());
    TileId holder = (tile.index() + 1) * TileId.WIDTH <= hashes
        ? TileId.full(tile.level(), tile.index())
        : new TileId(tile.level(), tile.index(), (int) (hashes % TileId.WIDTH));
    byte[] whole = holder.isFull() ? checkedFull(holder) : edge.get(holder);
    byte[] out = new byte[tile.width() * Hash.SIZE];
    System.arraycopy(whole, 0, out, 0, out.length);
    return out;
  }

  private List<Hash> fromTiles(List<NodeId> ids) {
    List<Hash> out = new ArrayList<>(ids.size());
    for (NodeId id : ids) {
      out.add(node(id));
    }
    return out;
  }

  // A perfect subtree of level 8L + r is the root of 2^r consecutive hashes of one level-L tile.
  private Hash node(NodeId id) {
    int level = id.level() / TileId.HEIGHT;
    int rest = id.level() % TileId.HEIGHT;
    long first = id.index() << rest;
    long tileIndex = first / TileId.WIDTH;
    int offset = (int) (first % TileId.WIDTH);
    long hashes = Tiles.hashesAt(size, level);
    byte[] tile;
    if ((tileIndex + 1) * TileId.WIDTH <= hashes) {
      tile = checkedFull(TileId.full(level, tileIndex));
    } else {
      TileId partial = new TileId(level, tileIndex, (int) (hashes % TileId.WIDTH));
      tile = edge.get(partial);
      if (tile == null || offset + (1 << rest) > partial.width()) {
        throw new IllegalArgumentException("node " + id + " lies beyond the tree of size " + size);
      }
    }
    return Tiles.subtree(tile, offset, 1 << rest);
  }

  private byte[] checkedFull(TileId tile) {
    byte[] known = checked.get(tile);
    if (known != null) {
      return known;
    }
    byte[] data = fetch(tile);
    Hash hash = Tiles.hash(data);
    Hash want = node(new NodeId(TileId.HEIGHT * (tile.level() + 1), tile.index()));
    if (!hash.equals(want)) {
      throw new InvalidTileException(
          tile.path() + " hashes to " + hash.base64() + ", but the tile above commits to "
              + want.base64() + " for it");
    }
    checked.put(tile, data);
    return data;
  }

  private byte[] fetch(TileId tile) {
    byte[] data;
    try {
      data = source.fetch(tile);
    } catch (IOException e) {
      throw new UncheckedIOException(tile.path() + ": " + e.getMessage(), e);
    }
    fetches++;
    if (data == null || data.length != tile.width() * Hash.SIZE) {
      throw new InvalidTileException(
          tile.path() + ": " + (data == null ? "no data" : data.length + " bytes") + " (want "
              + tile.width() * Hash.SIZE + ", " + tile.width() + " hashes)");
    }
    return data;
  }

  /** The root of the first {@code size} leaves, for any size up to this tree's, from checked tiles. */
  public Hash rootAt(long smallerSize) {
    if (smallerSize < 0 || smallerSize > size) {
      throw new IllegalArgumentException(
          "tree size: " + smallerSize + " (want 0 to " + size + ")");
    }
    return Proofs.root(smallerSize, this);
  }
}
