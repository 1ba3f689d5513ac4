package org.sanctuary.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.sanctuary.config.Config;
import org.sanctuary.config.TrustedProxies;
import org.sanctuary.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server: public pages, the JSON API, static assets from {@code classpath:/public}
 * (served under {@code /assets}) and {@code GET /healthz}. Parts add their routes through {@link
 * Routes}; errors are answered in one place ({@link ErrorResponses}).
 */
public final class Server implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Server.class);

  /** Request bodies above this size are refused with 413. */
  public static final long MAX_REQUEST_BYTES = 1024 * 1024;
  static final int RESPONSE_COPY_BYTES = 4096;

  // in-flight requests get this long to finish when the server stops
  private static final long STOP_TIMEOUT_MILLIS = 10_000;

  private final Javalin app;
  private final String host;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private Server(Javalin app, String host) {
    this.app = app;
    this.host = host;
  }

  /**
   * Builds the server with the core routes and every part's routes, and starts listening.
   *
   * @throws ServerException when the address cannot be bound (port in use, address not local)
   */
  public static Server start(Config config, Database database, List<Routes> parts) {
    return start(config, database, parts, Tls.PLAIN);
  }

  /** As above, told whether readers reach it through a TLS-terminating proxy. */
  public static Server start(Config config, Database database, List<Routes> parts, Tls tls) {
    List<Routes> routes = List.copyOf(parts);
    AtomicReference<Javalin> self = new AtomicReference<>();
    Javalin app = Javalin.create(cfg -> configure(cfg, database, routes, tls, config.trustedProxies(), self));
    self.set(app);
    String host = config.bindAddress();
    try {
      app.start(host, config.port());
    } catch (JavalinBindException e) {
      stopQuietly(app);
      String reason = rootMessage(e);
      if (reason.contains("in use")) {
        throw new ServerException(
            "port: " + config.port() + " on " + host + " is in use (want a free port)", e);
      }
      throw new ServerException(
          "bind: cannot listen on "
              + authority(host, config.port())
              + ": "
              + reason
              + " (want an address of this machine)",
          e);
    } catch (RuntimeException e) {
      stopQuietly(app);
      throw new ServerException(
          "bind: cannot listen on " + authority(host, config.port()) + ": " + rootMessage(e), e);
    }
    Server server = new Server(app, host);
    log.info("web server listening on {}", server.uri());
    return server;
  }

  private static void configure(JavalinConfig cfg, Database database, List<Routes> parts, Tls tls,
      TrustedProxies proxies, AtomicReference<Javalin> self) {
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
    // Javalin copies each response through a buffer of this size, allocated per response; its
    // default, Jetty's whole output buffer (32 kB), was a third of the bytes a recorded decision
    // allocated. Larger responses are copied in more steps into Jetty's own buffer.
    cfg.http.responseBufferSize = RESPONSE_COPY_BYTES;
    cfg.http.prefer405over404 = true; // a known path asked with the wrong method: 405 naming the right ones
    cfg.jsonMapper(new JavalinJackson(Json.newMapper(), false));
    cfg.fileRenderer(new JteRenderer());
    cfg.staticFiles.add(
        files -> {
          files.hostedPath = "/assets";
          files.directory = "/public";
          files.location = Location.CLASSPATH;
          files.mimeTypes.add("text/css; charset=utf-8", "css");
          files.mimeTypes.add("text/javascript; charset=utf-8", "js");
          files.mimeTypes.add("image/svg+xml; charset=utf-8", "svg");
          files.headers = SecurityHeaders.commonMap(tls);
        });
    cfg.jetty.modifyServer(server -> {
      server.setStopTimeout(STOP_TIMEOUT_MILLIS);
      server.setErrorHandler(new JettyErrors(tls));
    });
    cfg.router.javaLangErrorHandler(ErrorResponses::writeInternalError);

    cfg.routes.before(ctx -> ClientAddress.note(ctx, proxies));
    cfg.routes.before(ctx -> SecurityHeaders.add(ctx, tls));
    cfg.routes.after(SecurityHeaders::charset);
    cfg.routes.after(ctx -> {
      if (ctx.statusCode() == 405) {
        ctx.header("Allow", allowed(self.get(), ctx.path()));
      }
    });
    cfg.routes.before(InputScreen::check);
    ErrorResponses.register(cfg.routes);
    HomeController home = new HomeController();
    HealthController health = new HealthController(database);
    cfg.routes.get("/", home::show);
    cfg.routes.get("/healthz", health::check);
    for (Routes part : parts) {
      part.register(cfg.routes);
    }
  }

  /**
   * Every route this server answers, as {@code "METHOD /path"} with the path's parameters as
   * registered (e.g. {@code "GET /staff/cases/{id}"}); filters and static files are not routes.
   * Lets a test cover every route, so a new one cannot arrive without a rule.
   */
  public List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> endpoint.method.isHttpMethod())
        .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
        .distinct()
        .toList();
  }

  // the methods some route answers on this path, e.g. "GET, POST"
  private static String allowed(Javalin app, String path) {
    return HandlerType.values().stream()
        .filter(HandlerType::isHttpMethod)
        .filter(type -> !app.unsafe.internalRouter.findHttpHandlerEntries(type, path).isEmpty())
        .map(HandlerType::name)
        .collect(Collectors.joining(", "));
  }

  /** The port actually bound (useful when the configuration asked for port 0). */
  public int port() {
    return app.port();
  }

  /** Where to reach the server, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    return URI.create("http://" + authority(host, port()));
  }

  /** Stops accepting requests, lets in-flight ones finish, then stops. Safe to call twice. */
  @Override
  public void close() {
    if (!stopped.getAndSet(true)) {
      app.stop();
    }
  }

  private static String authority(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static void stopQuietly(Javalin app) {
    try {
      app.stop();
    } catch (RuntimeException e) {
      log.debug("stopping a server that did not start", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
