package org.sanctuary.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.sanctuary.ledger.monitor.StaticTileLog;
import org.sanctuary.ledger.note.Checkpoint;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.ledger.store.TileReader;
import org.sanctuary.ledger.tiles.EntryBundle;
import org.sanctuary.ledger.tiles.TileHashReader;
import org.sanctuary.ledger.tiles.TileId;
import org.sanctuary.ledger.tiles.Tiles;
import org.sanctuary.ledger.witnessing.CheckpointPublisher;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.web.TestServer;

/** The log under /tlog/ as C2SP tlog-tiles, read back by readers that know only the spec. */
class TilesHttpTest {
  private static final Signer LOG = Signer.generate("city.example/ledger");
  private static final int ENTRIES = 600; // two full level-0 tiles, a partial one, a partial level-1 tile
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path READER = Path.of("..", "scripts", "tlog-tiles-reader.py");

  private static Database database;
  private static PostgresLedger ledger;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    database = TestDatabases.fresh();
    ledger = PostgresLedger.start(database, Clock.systemUTC(), LOG);
    LedgerReader reader = new LedgerReader(database);
    server = TestServer.start(database, new TileRoutes(new TileReader(database), CheckpointPublisher.unwitnessed(reader)));
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      int n = i;
      done.add(threads.submit(() -> ledger.append(LedgerEntry.of("test.tiled", Map.of("n", n)))));
    }
    for (Future<?> f : done) f.get();
    threads.shutdown();
  }

  @AfterAll
  static void stop() {
    server.close();
    ledger.close();
    database.close();
  }

  private static byte[] fetch(String path) throws IOException {
    try {
      HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) throw new IOException(path + ": " + r.statusCode());
      return r.body();
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
  }

  @Test
  void tiles_readerKnowingOnlyTheSpec_rebuildsTheRootAndEveryEntryHashesToItsLeaf() throws Exception {
    Checkpoint checkpoint = Checkpoint.open(new String(fetch("/tlog/checkpoint"), StandardCharsets.UTF_8), LOG.verifier());
    assertThat(checkpoint.size()).isEqualTo(ENTRIES);
    TileHashReader tiles = TileHashReader.open(checkpoint.size(), checkpoint.root(), t -> fetch("/tlog/" + t.path()));
    assertThat(tiles.rootAt(ENTRIES)).isEqualTo(checkpoint.root());
    for (TileId tile : Tiles.level(ENTRIES, 0)) {
      byte[] hashes = tiles.tile(tile);
      List<byte[]> entries = EntryBundle.decode(fetch("/tlog/" + tile.entriesPath()), tile.width());
      for (int i = 0; i < tile.width(); i++) {
        assertThat(TreeHasher.leafHash(entries.get(i))).isEqualTo(Tiles.hashAt(hashes, i));
      }
    }
    assertThat(Tiles.level(ENTRIES, 0)).extracting(TileId::path)
        .containsExactly("tile/0/000", "tile/0/001", "tile/0/002.p/88");
    assertThat(Tiles.rightEdge(ENTRIES)).extracting(TileId::path).containsExactly("tile/0/002.p/88", "tile/1/000.p/2");
  }

  @Test
  void tiles_pythonReaderWithTheStandardLibraryOnly_agrees() throws Exception {
    Process p = python(server.uri("/tlog").toString());
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("checkpoint size: 600").contains("OK: the tiles hash to the signed root");
  }

  @Test
  void tiles_pythonReaderOnATileThatDoesNotMatch_saysMismatchAndExits1() throws Exception {
    try (StaticTileLog lying = StaticTileLog.start(LOG, StaticTileLog.view(LOG, StaticTileLog.entries("x", 300)))) {
      lying.tamper("tile/0/001.p/44");
      Process p = python(lying.uri() + "/tlog");
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isEqualTo(1);
      assertThat(out).contains("MISMATCH");
    }
  }

  private static Process python(String prefix) throws IOException {
    assumeTrue(onPath("python3"), "python3 is not installed");
    return new ProcessBuilder("python3", READER.toString(), prefix).redirectErrorStream(true).start();
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) return true;
    }
    return false;
  }

  @Test
  void tile_fullAndPartial_haveLongAndShortCacheLifetimes() throws Exception {
    HttpResponse<String> full = server.get("/tlog/tile/0/001");
    assertThat(full.statusCode()).isEqualTo(200);
    assertThat(full.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    assertThat(full.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    HttpResponse<String> partial = server.get("/tlog/tile/0/002.p/88");
    assertThat(partial.headers().firstValue("Cache-Control")).hasValue("public, max-age=5");
    HttpResponse<String> older = server.get("/tlog/tile/0/002.p/10"); // a size a checkpoint once had
    assertThat(older.statusCode()).isEqualTo(200);
    HttpResponse<String> checkpoint = server.get("/tlog/checkpoint");
    assertThat(checkpoint.headers().firstValue("Cache-Control")).hasValue("public, max-age=2");
    // Jetty writes it without the space; the media type and charset are what the spec asks for
    assertThat(checkpoint.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
        .isEqualTo("text/plain;charset=utf-8");
  }

  @Test
  void tile_beyondTheCheckpointOrMalformed_is404Or400NamingThePath() {
    HttpResponse<String> beyond = server.get("/tlog/tile/0/002");
    assertThat(beyond.statusCode()).isEqualTo(404);
    assertThat(beyond.body()).contains("/tlog/tile/0/002 is beyond the latest checkpoint");
    assertThat(server.get("/tlog/tile/0/002.p/89").statusCode()).isEqualTo(404);
    assertThat(server.get("/tlog/tile/entries/003.p/1").statusCode()).isEqualTo(404);
    HttpResponse<String> bad = server.get("/tlog/tile/0/2");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"field\":\"path\"").contains("tile path \\\"tile/0/2\\\"");
  }
}
