package org.sanctuary.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.sanctuary.config.Config;
import org.sanctuary.config.TrustedProxies;
import org.sanctuary.store.Database;

/**
 * A real server on a free port for tests, with a small HTTP client. Parts test their routes by
 * starting one with their {@link Routes} and a database from {@code TestDatabases.fresh()}.
 */
public final class TestServer implements AutoCloseable {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Server server;

  private TestServer(Server server) {
    this.server = server;
  }

  public static TestServer start(Database database, Routes... routes) {
    return start(Tls.PLAIN, database, routes);
  }

  /** As above, told whether it is reached through a TLS-terminating proxy. */
  public static TestServer start(Tls tls, Database database, Routes... routes) {
    return start(tls, TrustedProxies.NONE, database, routes);
  }

  /** As above, reading the client address from {@code X-Forwarded-For} when the peer is one of {@code proxies}. */
  public static TestServer start(Tls tls, TrustedProxies proxies, Database database, Routes... routes) {
    return startOn("127.0.0.1", tls, proxies, database, routes);
  }

  /** As above, listening on {@code bind} (an address of this machine) rather than loopback. */
  public static TestServer startOn(String bind, Tls tls, TrustedProxies proxies, Database database, Routes... routes) {
    Config config = new Config(0, Path.of("target", "test-data").toAbsolutePath(), Optional.empty(), bind,
        Config.LedgerSettings.DEFAULTS, org.sanctuary.config.CityCalendar.CHICAGO, Config.DEFAULT_POOL_SIZE, proxies);
    return new TestServer(Server.start(config, database, List.of(routes), tls));
  }

  /** Every route of the server, as {@code "METHOD /path"} (see {@link Server#routes()}). */
  public List<String> routes() {
    return server.routes();
  }

  public URI uri(String path) {
    return server.uri().resolve(path);
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send(request(path, headers).GET());
  }

  public HttpResponse<String> post(String path, String contentType, String body) {
    return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public HttpResponse<String> post(String path, String contentType, byte[] body) {
    return send(
        request(path, "Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** A POST with extra headers (name, value, ...), e.g. a cookie or a receipt secret. */
  public HttpResponse<String> post(String path, String contentType, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = contentType;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return send(
        request(path, all).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return builder;
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
