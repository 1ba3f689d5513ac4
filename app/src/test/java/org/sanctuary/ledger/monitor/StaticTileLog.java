package org.sanctuary.ledger.monitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.MemoryTree;
import org.sanctuary.ledger.note.Checkpoint;
import org.sanctuary.ledger.note.Cosigner;
import org.sanctuary.ledger.note.NoteSignature;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.tiles.EntryBundle;
import org.sanctuary.ledger.tiles.TileId;
import org.sanctuary.ledger.tiles.Tiles;

/**
 * A tiled log for tests, served from memory by the JDK's HTTP server: whatever {@link View} it is
 * given, honest or not. A test swaps the view to make the log grow, fork or roll back.
 */
public final class StaticTileLog implements AutoCloseable {
  /** What the log shows: a tree, its entries, and the checkpoint note it serves. */
  public record View(MemoryTree tree, List<byte[]> entries, String note) {}

  private final HttpServer server;
  private final String vkey;
  private volatile View view;
  private volatile String tamperedPath = "";

  private StaticTileLog(HttpServer server, String vkey, View view) {
    this.server = server;
    this.vkey = vkey;
    this.view = view;
  }

  /** Entries {@code "<prefix> <i>"} for i in [0, count): differing prefixes give forks. */
  public static List<byte[]> entries(String prefix, int count) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) out.add((prefix + " " + i).getBytes(StandardCharsets.UTF_8));
    return out;
  }

  /** The honest view of {@code entries}, signed by {@code log} and cosigned by {@code witnesses}. */
  public static View view(Signer log, List<byte[]> entries, Cosigner... witnesses) {
    return view(log, entries, entries.size(), witnesses);
  }

  /** As above, but the checkpoint covers only the first {@code published} entries. */
  public static View view(Signer log, List<byte[]> entries, long published, Cosigner... witnesses) {
    MemoryTree tree = new MemoryTree();
    entries.forEach(tree::append);
    Checkpoint checkpoint = new Checkpoint(log.name(), published, tree.root(published));
    List<NoteSignature> cosignatures = new ArrayList<>();
    for (Cosigner w : witnesses) cosignatures.add(w.cosign(checkpoint, 1_800_000_000L).line());
    String note = checkpoint.sign(log).withSignatures(cosignatures).encoded();
    return new View(tree, List.copyOf(entries), note);
  }

  public static StaticTileLog start(Signer log, View view) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
      StaticTileLog served = new StaticTileLog(server, log.verifier().encoded(), view);
      server.createContext("/", served::handle);
      server.start();
      return served;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void show(View next) {
    view = next;
  }

  /** Flips one bit of the tile or bundle at this path (e.g. {@code tile/0/000}) from now on. */
  public void tamper(String path) {
    tamperedPath = path;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      View v = view;
      String path = exchange.getRequestURI().getPath();
      byte[] body;
      try {
        body = answer(v, path, exchange.getRequestURI().getQuery());
      } catch (RuntimeException e) {
        body = null;
      }
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private byte[] answer(View v, String path, String query) {
    if (path.equals("/tlog/checkpoint")) return v.note().getBytes(StandardCharsets.UTF_8);
    if (path.equals("/api/v1/ledger/key")) return (vkey + "\n").getBytes(StandardCharsets.UTF_8);
    if (path.equals("/api/v1/ledger/proof/consistency")) {
      long from = Long.parseLong(query.replaceAll(".*from=(\\d+).*", "$1"));
      long to = Long.parseLong(query.replaceAll(".*to=(\\d+).*", "$1"));
      StringBuilder json = new StringBuilder("{\"consistencyProof\":[");
      List<Hash> proof = v.tree().consistencyProof(from, to).path();
      for (int i = 0; i < proof.size(); i++) json.append(i > 0 ? "," : "").append('"').append(proof.get(i).base64()).append('"');
      return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
    if (!path.startsWith("/tlog/tile/")) return null;
    String tilePath = path.substring("/tlog/".length());
    byte[] data;
    if (tilePath.startsWith("tile/entries/")) {
      TileId tile = TileId.parseEntries(tilePath);
      if (!Tiles.within(tile, v.tree().size())) return null;
      data = EntryBundle.encode(v.entries().subList((int) tile.firstHash(), (int) tile.firstHash() + tile.width()));
    } else {
      TileId tile = TileId.parse(tilePath);
      if (!Tiles.within(tile, v.tree().size())) return null;
      data = Tiles.read(tile, v.tree());
    }
    if (tilePath.equals(tamperedPath)) data[data.length - 1] ^= 1;
    return data;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
