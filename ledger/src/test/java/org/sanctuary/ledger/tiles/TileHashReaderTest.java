package org.sanctuary.ledger.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.merkle.ConsistencyProof;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.InclusionProof;
import org.sanctuary.ledger.merkle.MemoryTree;
import org.sanctuary.ledger.merkle.Proofs;

class TileHashReaderTest {
  private static final int LEAVES = 70_000;
  private static final MemoryTree TREE = new MemoryTree();

  @BeforeAll
  static void build() {
    for (int i = 0; i < LEAVES; i++) {
      TREE.append(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16), 42});
    }
  }

  // A log that serves honest tiles of its tree as it stood at `size` leaves.
  private static TileHashReader.TileSource honest(long size) {
    return tile -> {
      assertThat(Tiles.within(tile, size)).as("asked for %s at size %d", tile, size).isTrue();
      return Tiles.read(tile, TREE);
    };
  }

  @Test
  void open_manySizes_rebuildsTheRootFromTiles() {
    List<Long> sizes = new ArrayList<>(List.of(0L, 1L, 2L, 255L, 256L, 257L, 511L, 512L, 65_535L, 65_536L, 65_537L, 70_000L));
    Random random = new Random(6962);
    for (int i = 0; i < 40; i++) {
      sizes.add(1 + (long) random.nextInt(LEAVES));
    }
    for (long size : sizes) {
      TileHashReader reader = TileHashReader.open(size, TREE.root(size), honest(size));
      assertThat(reader.rootAt(size)).as("size %d", size).isEqualTo(TREE.root(size));
      assertThat(reader.fetches()).isEqualTo(Tiles.rightEdge(size).size());
    }
  }

  @Test
  void read_proofsFromTiles_equalProofsFromTheTree() {
    TileHashReader reader = TileHashReader.open(LEAVES, TREE.root(), honest(LEAVES));
    Random random = new Random(9162);
    for (int i = 0; i < 200; i++) {
      long index = random.nextInt(LEAVES);
      InclusionProof proof = Proofs.inclusion(index, LEAVES, reader);
      assertThat(proof).isEqualTo(TREE.inclusionProof(index, LEAVES));
      long old = 1 + random.nextInt(LEAVES);
      ConsistencyProof consistency = Proofs.consistency(old, LEAVES, reader);
      assertThat(consistency).isEqualTo(TREE.consistencyProof(old, LEAVES));
      assertThat(reader.rootAt(old)).isEqualTo(TREE.root(old));
    }
  }

  @Test
  void tile_anyTileOfTheTree_isCheckedAndReturned() {
    TileHashReader reader = TileHashReader.open(LEAVES, TREE.root(), honest(LEAVES));
    assertThat(reader.tile(TileId.full(0, 5))).isEqualTo(Tiles.read(TileId.full(0, 5), TREE));
    assertThat(reader.tile(new TileId(0, 273, 112))).isEqualTo(Tiles.read(new TileId(0, 273, 112), TREE));
    assertThat(reader.tile(new TileId(0, 5, 9))).isEqualTo(Tiles.read(new TileId(0, 5, 9), TREE));
    assertThat(reader.tile(new TileId(1, 1, 3))).isEqualTo(Tiles.read(new TileId(1, 1, 3), TREE));
    assertThatThrownBy(() -> reader.tile(TileId.full(0, 273))).hasMessageContaining("not in a tree of size 70000");
  }

  @Test
  void open_rightEdgeNotMatchingTheRoot_isRefused() {
    TileHashReader.TileSource lying = tile -> {
      byte[] data = Tiles.read(tile, TREE);
      if (tile.level() == 1) {
        data[40] ^= 1;
      }
      return data;
    };
    assertThatThrownBy(() -> TileHashReader.open(LEAVES, TREE.root(), lying))
        .isInstanceOf(InvalidTileException.class)
        .hasMessageContaining("not to the checkpoint's root");
  }

  @Test
  void read_fullTileNotMatchingTheTileAbove_isRefused() {
    TileHashReader.TileSource lying = tile -> {
      byte[] data = Tiles.read(tile, TREE);
      if (tile.equals(TileId.full(0, 100))) {
        data[0] ^= 1; // a changed leaf hash
      }
      return data;
    };
    TileHashReader reader = TileHashReader.open(LEAVES, TREE.root(), lying);
    assertThat(reader.rootAt(100 * 256)).isEqualTo(TREE.root(100 * 256)); // does not need tile 100
    assertThatThrownBy(() -> Proofs.inclusion(100 * 256 + 3, LEAVES, reader))
        .isInstanceOf(InvalidTileException.class)
        .hasMessageStartingWith("tile/0/100 hashes to ")
        .hasMessageEndingWith("but the tile above commits to " + Tiles.hashAt(Tiles.read(TileId.full(1, 0), TREE), 100).base64() + " for it");
  }

  @Test
  void open_tileOfWrongLength_isRefused() {
    TileHashReader.TileSource shortTiles = tile -> new byte[tile.width() * Hash.SIZE - 1];
    assertThatThrownBy(() -> TileHashReader.open(300, TREE.root(300), shortTiles))
        .isInstanceOf(InvalidTileException.class)
        .hasMessage("tile/0/001.p/44: 1407 bytes (want 1408, 44 hashes)");
  }

  @Test
  void read_nodeBeyondTheTree_isRefused() {
    TileHashReader reader = TileHashReader.open(300, TREE.root(300), honest(300));
    assertThatThrownBy(() -> reader.read(List.of(new org.sanctuary.ledger.merkle.NodeId(0, 300))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
