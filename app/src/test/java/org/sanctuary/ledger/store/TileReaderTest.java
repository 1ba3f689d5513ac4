package org.sanctuary.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.tiles.EntryBundle;
import org.sanctuary.ledger.tiles.TileId;
import org.sanctuary.ledger.tiles.Tiles;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;

class TileReaderTest {

  @Test
  void hashes_fullTileOnceRead_isServedAgainWithoutTheDatabase() {
    Database database = TestDatabases.fresh();
    TileReader tiles = new TileReader(database);
    byte[] tile;
    byte[] bundle;
    try (PostgresLedger ledger = PostgresLedger.start(database, Clock.systemUTC(), Signer.generate("city.example/ledger"))) {
      for (int i = 0; i < 260; i++) ledger.append(LedgerEntry.of("test.cached", Map.of("n", i)));
      ledger.sync();
      assertThat(tiles.hashes(TileId.full(0, 1))).isEmpty(); // 260 leaves: tile 1 is partial
      tile = tiles.hashes(TileId.full(0, 0)).orElseThrow();
      bundle = tiles.entries(TileId.full(0, 0)).orElseThrow();
      byte[] partial = tiles.hashes(new TileId(0, 1, 4)).orElseThrow();
      assertThat(Tiles.hashAt(partial, 3)).isEqualTo(TreeHasher.leafHash(LedgerEntry.of("test.cached", Map.of("n", 259)).bytes()));
    } finally {
      database.close();
    }
    // The database is gone: full tiles and bundles still come from memory, anything else fails.
    assertThat(tiles.hashes(TileId.full(0, 0))).hasValue(tile);
    assertThat(tiles.entries(TileId.full(0, 0))).hasValue(bundle);
    assertThat(EntryBundle.decode(bundle, 256).get(7)).isEqualTo(LedgerEntry.of("test.cached", Map.of("n", 7)).bytes());
    assertThatThrownBy(() -> tiles.hashes(new TileId(0, 1, 4))).isInstanceOf(RuntimeException.class);
  }
}
