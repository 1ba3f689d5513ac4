package org.sanctuary.ledger.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.HashReader;
import org.sanctuary.ledger.merkle.NodeId;
import org.sanctuary.ledger.merkle.TreeHasher;

/**
 * Which tiles a tree of a given size has, and what they hold. Every hash in a tile is a perfect
 * subtree, so a store that keeps perfect subtrees (as {@link HashReader}s do) can serve any tile
 * with one read of {@code width} nodes, and a full tile never changes once its subtrees exist.
 */
public final class Tiles {
  private Tiles() {}

  /** How many hashes of tile level {@code level} a tree of {@code size} leaves has complete. */
  public static long hashesAt(long size, int level) {
    checkSize(size);
    int shift = TileId.HEIGHT * level;
    return shift >= Long.SIZE - 1 ? 0 : size >>> shift;
  }

  /**
   * The tiles of one level of a tree: its full tiles, then the partial one if the level's width
   * is not a multiple of 256. A tree of 70,000 leaves has 273 full level-0 tiles and one of width
   * 112, one full level-1 tile and one of width 17, and one level-2 tile of width 1.
   */
  public static List<TileId> level(long size, int level) {
    long hashes = hashesAt(size, level);
    List<TileId> out = new ArrayList<>();
    for (long n = 0; n < hashes / TileId.WIDTH; n++) {
      out.add(TileId.full(level, n));
    }
    if (hashes % TileId.WIDTH != 0) {
      out.add(new TileId(level, hashes / TileId.WIDTH, (int) (hashes % TileId.WIDTH)));
    }
    return out;
  }

  /**
   * The partial tile at each level that has one, lowest first: the right edge of the tree. Their
   * hashes are exactly the perfect subtrees whose hashes make up the root.
   */
  public static List<TileId> rightEdge(long size) {
    List<TileId> out = new ArrayList<>();
    for (int level = 0; hashesAt(size, level) > 0; level++) {
      long hashes = hashesAt(size, level);
      if (hashes % TileId.WIDTH != 0) {
        out.add(new TileId(level, hashes / TileId.WIDTH, (int) (hashes % TileId.WIDTH)));
      }
    }
    return out;
  }

  /** Whether a tree of {@code size} leaves holds every hash of the tile. */
  public static boolean within(TileId tile, long size) {
    long hashes = hashesAt(size, tile.level());
    return tile.index() <= hashes / TileId.WIDTH && tile.width() <= hashes - tile.firstHash();
  }

  /** The nodes a tile holds: tree level {@code 8 * L}, indexes {@code N * 256} onwards. */
  public static List<NodeId> nodes(TileId tile) {
    List<NodeId> ids = new ArrayList<>(tile.width());
    for (int i = 0; i < tile.width(); i++) {
      ids.add(new NodeId(TileId.HEIGHT * tile.level(), tile.firstHash() + i));
    }
    return ids;
  }

  /** A tile's bytes, read from stored perfect subtrees in one call. */
  public static byte[] read(TileId tile, HashReader nodes) {
    Objects.requireNonNull(nodes, "nodes");
    List<Hash> hashes = nodes.read(nodes(tile));
    byte[] out = new byte[hashes.size() * Hash.SIZE];
    for (int i = 0; i < hashes.size(); i++) {
      hashes.get(i).copyTo(out, i * Hash.SIZE);
    }
    return out;
  }

  /**
   * The hash a full tile stands for in the tile above it: the Merkle root of its 256 hashes.
   * Hashing the 256 leaf hashes of a level-0 tile gives entry {@code N % 256} of level-1 tile
   * {@code N / 256}, and so on up.
   */
  public static Hash hash(byte[] fullTile) {
    if (fullTile.length != TileId.WIDTH * Hash.SIZE) {
      throw new IllegalArgumentException(
          "full tile: " + fullTile.length + " bytes (want " + TileId.WIDTH * Hash.SIZE + ")");
    }
    return subtree(fullTile, 0, TileId.WIDTH);
  }

  /** The root of {@code count} (a power of two) hashes of a tile, from hash {@code from} on. */
  static Hash subtree(byte[] tile, int from, int count) {
    Hash[] level = new Hash[count];
    for (int i = 0; i < count; i++) {
      level[i] = hashAt(tile, from + i);
    }
    for (int n = count; n > 1; n /= 2) {
      for (int i = 0; i < n / 2; i++) {
        level[i] = TreeHasher.nodeHash(level[2 * i], level[2 * i + 1]);
      }
    }
    return level[0];
  }

  /** Hash {@code i} of a tile. */
  public static Hash hashAt(byte[] tile, int i) {
    byte[] one = new byte[Hash.SIZE];
    System.arraycopy(tile, i * Hash.SIZE, one, 0, Hash.SIZE);
    return Hash.of(one);
  }

  private static void checkSize(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("tree size: " + size + " (want >= 0)");
    }
  }
}
