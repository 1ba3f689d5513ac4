package org.sanctuary.ledger.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.MemoryTree;
import org.sanctuary.ledger.merkle.NodeId;

class TilesTest {
  private static final MemoryTree TREE = new MemoryTree();

  @BeforeAll
  static void build() {
    for (int i = 0; i < 70_000; i++) {
      TREE.append(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)});
    }
  }

  @Test
  void level_treeOf70000_matchesTheSpecExample() {
    List<TileId> level0 = Tiles.level(70_000, 0);
    assertThat(level0).hasSize(274);
    assertThat(level0.subList(0, 273)).allMatch(TileId::isFull);
    assertThat(level0.get(273)).isEqualTo(new TileId(0, 273, 112));
    assertThat(Tiles.level(70_000, 1)).containsExactly(TileId.full(1, 0), new TileId(1, 1, 17));
    assertThat(Tiles.level(70_000, 2)).containsExactly(new TileId(2, 0, 1));
    assertThat(Tiles.level(70_000, 3)).isEmpty();
    assertThat(Tiles.rightEdge(70_000))
        .containsExactly(new TileId(0, 273, 112), new TileId(1, 1, 17), new TileId(2, 0, 1));
  }

  @Test
  void level_treeOf256_isOneFullTileAndAPartialTileAbove() {
    assertThat(Tiles.level(256, 0)).containsExactly(TileId.full(0, 0));
    assertThat(Tiles.level(256, 1)).containsExactly(new TileId(1, 0, 1));
    assertThat(Tiles.rightEdge(256)).containsExactly(new TileId(1, 0, 1));
    assertThat(Tiles.rightEdge(0)).isEmpty();
  }

  @Test
  void within_onlyTilesWhoseHashesAllExist() {
    assertThat(Tiles.within(TileId.full(0, 272), 70_000)).isTrue();
    assertThat(Tiles.within(TileId.full(0, 273), 70_000)).isFalse();
    assertThat(Tiles.within(new TileId(0, 273, 112), 70_000)).isTrue();
    assertThat(Tiles.within(new TileId(0, 273, 113), 70_000)).isFalse();
    assertThat(Tiles.within(new TileId(0, 100, 5), 70_000)).isTrue(); // an older partial tile
    assertThat(Tiles.within(new TileId(2, 0, 2), 70_000)).isFalse();
    assertThat(Tiles.within(new TileId(7, 0, 1), 70_000)).isFalse();
    assertThat(Tiles.within(new TileId(0, Long.MAX_VALUE / 256, 256), Long.MAX_VALUE)).isFalse();
  }

  @Test
  void read_level0Tile_isTheLeafHashesInOrder() {
    byte[] tile = Tiles.read(TileId.full(0, 3), TREE);
    assertThat(tile).hasSize(256 * 32);
    for (int i = 0; i < 256; i++) {
      assertThat(Tiles.hashAt(tile, i)).isEqualTo(TREE.leafHash(3 * 256 + i));
    }
  }

  @Test
  void hash_ofEachFullTile_isItsEntryInTheTileAbove() {
    byte[] level1 = Tiles.read(TileId.full(1, 0), TREE);
    for (int n = 0; n < 256; n++) {
      assertThat(Tiles.hash(Tiles.read(TileId.full(0, n), TREE))).isEqualTo(Tiles.hashAt(level1, n));
    }
    // and a level-1 tile entry is the root of its 256 leaf tiles' leaves: node (8, n)
    assertThat(Tiles.hashAt(level1, 17)).isEqualTo(TREE.read(List.of(new NodeId(8, 17))).get(0));
    // the full level-1 tile hashes to the root of the first 65,536 leaves
    assertThat(Tiles.hash(level1)).isEqualTo(TREE.root(65_536));
  }

  @Test
  void read_partialTile_isThePrefixOfTheFullOne() {
    byte[] partial = Tiles.read(new TileId(0, 273, 112), TREE);
    assertThat(partial).hasSize(112 * Hash.SIZE);
    assertThat(Tiles.hashAt(partial, 111)).isEqualTo(TREE.leafHash(273 * 256 + 111));
  }
}
