package org.sanctuary.ledger.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import org.sanctuary.ledger.store.TileReader;
import org.sanctuary.ledger.tiles.TileId;
import org.sanctuary.ledger.witnessing.CheckpointPublisher;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.errors.NotFound;
import org.sanctuary.web.Routes;

/**
 * The log as C2SP tlog-tiles under {@code /tlog/}: {@code checkpoint}, hash tiles {@code
 * tile/<L>/<N>[.p/<W>]} and entry bundles {@code tile/entries/<N>[.p/<W>]}. Full tiles and bundles
 * never change and may be cached for a year; partial ones and the checkpoint for a few seconds.
 */
public final class TileRoutes implements Routes {
  static final String FULL_CACHE = "public, max-age=31536000, immutable";
  static final String PARTIAL_CACHE = "public, max-age=5";
  static final String CHECKPOINT_CACHE = "public, max-age=2";

  private final TileReader tiles;
  private final CheckpointPublisher publisher;

  public TileRoutes(TileReader tiles, CheckpointPublisher publisher) {
    this.tiles = tiles;
    this.publisher = publisher;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/tlog/checkpoint", this::checkpoint);
    routes.get("/tlog/tile/<path>", this::tile);
  }

  void checkpoint(Context ctx) {
    ctx.header("Cache-Control", CHECKPOINT_CACHE);
    ctx.contentType("text/plain; charset=utf-8").result(publisher.note());
  }

  void tile(Context ctx) {
    String path = "tile/" + ctx.pathParam("path");
    TileId tile;
    Optional<byte[]> bytes;
    try {
      if (path.startsWith("tile/entries/")) {
        tile = TileId.parseEntries(path);
        bytes = tiles.entries(tile);
      } else {
        tile = TileId.parse(path);
        bytes = tiles.hashes(tile);
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("path", e.getMessage());
    }
    if (bytes.isEmpty()) {
      throw new NotFound("not found: /tlog/" + path + " is beyond the latest checkpoint");
    }
    ctx.header("Cache-Control", tile.isFull() ? FULL_CACHE : PARTIAL_CACHE);
    ctx.contentType("application/octet-stream").result(bytes.get());
  }
}
