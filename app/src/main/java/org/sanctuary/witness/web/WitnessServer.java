package org.sanctuary.witness.web;

import org.sanctuary.witness.Witness;
import org.sanctuary.witness.AddCheckpointRequest;
import org.sanctuary.witness.FileCheckpointStore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.sanctuary.ledger.note.Verifier;
import org.sanctuary.web.ServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The witness over HTTP, on the JDK's own server: small enough for another organisation to run
 * and audit.
 *
 * <ul>
 *   <li>{@code POST /add-checkpoint}: the tlog-witness call (body at most 256 KiB).
 *   <li>{@code GET /<sha256 of origin, hex>/checkpoint}: the last checkpoint cosigned for a log,
 *       with the log's signature and the witness's cosignature (the monitoring endpoint).
 *   <li>{@code GET /}: the witness's verifier key and the logs it follows, as text.
 * </ul>
 */
public final class WitnessServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WitnessServer.class);
  static final int MAX_BODY = 256 * 1024;
  private static final Pattern MONITOR_PATH = Pattern.compile("/[0-9a-f]{64}/checkpoint");

  private final HttpServer server;
  private final ExecutorService threads;
  private final String host;

  private WitnessServer(HttpServer server, ExecutorService threads, String host) {
    this.server = server;
    this.threads = threads;
    this.host = host;
  }

  /** Starts listening; port 0 takes any free port. */
  public static WitnessServer start(Witness witness, String host, int port) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (BindException e) {
      throw new ServerException("port: " + port + " on " + host + " is in use or not local (want a free port)", e);
    } catch (IOException e) {
      throw new ServerException("witness: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "witness-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.createContext("/", exchange -> handle(witness, exchange));
    server.start();
    WitnessServer started = new WitnessServer(server, threads, host);
    log.info("witness {} listening on {}", witness.key().verifier().encoded(), started.uri());
    return started;
  }

  public URI uri() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(1);
    threads.shutdownNow();
  }

  private static void handle(Witness witness, HttpExchange exchange) throws IOException {
    try (exchange) {
      Witness.Answer answer;
      try {
        answer = answer(witness, exchange);
      } catch (RuntimeException e) {
        // A bug: nothing was cosigned (cosigning is the last step before the answer).
        log.error("witness: request failed", e);
        answer = Witness.Answer.text(500, "internal error");
      }
      send(exchange, answer);
    }
  }

  private static Witness.Answer answer(Witness witness, HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if (path.equals("/add-checkpoint")) {
      return method.equals("POST") ? add(witness, exchange) : notAllowed("POST");
    } else if (MONITOR_PATH.matcher(path).matches()) {
      return method.equals("GET") ? checkpoint(witness, path.substring(1, 65)) : notAllowed("GET");
    } else if (path.equals("/")) {
      return method.equals("GET") ? about(witness) : notAllowed("GET");
    }
    return Witness.Answer.text(404, "not found: " + path);
  }

  private static Witness.Answer add(Witness witness, HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      return Witness.Answer.text(413, "body: larger than " + MAX_BODY + " bytes");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      return Witness.Answer.text(400, "body: not valid UTF-8");
    }
    return witness.addCheckpoint(text);
  }

  private static Witness.Answer checkpoint(Witness witness, String originHash) throws IOException {
    Optional<String> note = witness.checkpoint(originHash);
    return note.map(n -> new Witness.Answer(200, "text/plain; charset=utf-8", n))
        .orElseGet(() -> Witness.Answer.text(404, "no checkpoint cosigned for log " + originHash));
  }

  private static Witness.Answer about(Witness witness) {
    StringBuilder out = new StringBuilder("witness ").append(witness.key().verifier().encoded()).append('\n');
    witness.logs().values().forEach(keys -> keys.forEach((Verifier k) -> out.append("log ").append(k.encoded())
        .append(' ').append(FileCheckpointStore.originHash(k.name())).append('\n')));
    return new Witness.Answer(200, "text/plain; charset=utf-8", out.toString());
  }

  private static Witness.Answer notAllowed(String allowed) {
    return Witness.Answer.text(405, "method not allowed (want " + allowed + ")");
  }

  private static void send(HttpExchange exchange, Witness.Answer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
