package org.sanctuary.ledger.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TileIdTest {

  @ParameterizedTest
  @CsvSource({"0,000", "7,007", "999,999", "1000,x001/000", "1234067,x001/x234/067",
      "1000000,x001/x000/000", "9223372036854775,x009/x223/x372/x036/x854/775"})
  void encodeIndex_groupsOfThreeWithX_asTheSpecWritesThem(long index, String path) {
    assertThat(TileId.encodeIndex(index)).isEqualTo(path);
  }

  @Test
  void path_fullAndPartialTiles_andTheirEntryBundles() {
    assertThat(TileId.full(0, 1234067).path()).isEqualTo("tile/0/x001/x234/067");
    assertThat(new TileId(2, 5, 17).path()).isEqualTo("tile/2/005.p/17");
    assertThat(new TileId(0, 5, 112).entriesPath()).isEqualTo("tile/entries/005.p/112");
    assertThat(TileId.full(0, 1000).entriesPath()).isEqualTo("tile/entries/x001/000");
    assertThatThrownBy(() -> TileId.full(1, 0).entriesPath()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void parse_randomTiles_roundTrip() {
    Random random = new Random(15);
    for (int i = 0; i < 2_000; i++) {
      long index = random.nextInt(4) == 0 ? random.nextInt(1000) : Math.abs(random.nextLong() >> random.nextInt(60)) / 256;
      int width = random.nextBoolean() ? TileId.WIDTH : 1 + random.nextInt(255);
      TileId tile = new TileId(random.nextInt(8), index, width);
      assertThat(TileId.parse(tile.path())).isEqualTo(tile);
      TileId level0 = new TileId(0, index, width);
      assertThat(TileId.parseEntries(level0.entriesPath())).isEqualTo(level0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "tile/0/1", "tile/0/01", "tile/0/0001", "tile/00/000", "tile/01/000", "tile/64/000", "tile/-1/000",
    "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/05", "tile/0/000.p/", "tile/0/001/002",
    "tile/0/x000/001", "tile/0/y001/000", "tile/0/x001", "tile/0/", "tile/0", "tiles/0/000", "0/000",
    "tile/0/000/", "tile/0/x001/000.p/5/6", "tile/0/x010/x000/x000/x000/x000/x000/x000/000", "tile/0/00a"})
  void parse_nonCanonicalOrMalformed_isRefusedNamingThePath(String path) {
    assertThatThrownBy(() -> TileId.parse(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tile path \"" + path + "\":");
  }

  @Test
  void parseEntries_needsTheEntriesPrefix() {
    assertThat(TileId.parseEntries("tile/entries/x001/x234/067.p/9")).isEqualTo(new TileId(0, 1234067, 9));
    assertThatThrownBy(() -> TileId.parseEntries("tile/0/000"))
        .hasMessageContaining("does not start with tile/entries/");
  }
}
