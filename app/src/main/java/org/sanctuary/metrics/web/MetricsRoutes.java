package org.sanctuary.metrics.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.sanctuary.config.TrustedProxies;
import org.sanctuary.metrics.Metrics;
import org.sanctuary.metrics.MetricsAccess;
import org.sanctuary.web.MatchedRoute;
import org.sanctuary.web.Routes;
import org.sanctuary.web.Tls;

/**
 * {@code GET /metrics} for Prometheus, to the readers {@link MetricsAccess} lets through; and the
 * filters that time every answer and count the 429s, by route template.
 */
public final class MetricsRoutes implements Routes {
  public static final String PATH = "/metrics";
  private static final String STARTED = "sanctuary.metrics.started";

  private final Metrics metrics;
  private final MetricsAccess access;
  private final Tls tls;
  private final TrustedProxies proxies;

  /**
   * @param tls whether readers come through a TLS-terminating proxy
   * @param proxies the proxies whose connections carry other readers' requests
   */
  public MetricsRoutes(Metrics metrics, MetricsAccess access, Tls tls, TrustedProxies proxies) {
    this.metrics = metrics;
    this.access = access;
    this.tls = tls;
    this.proxies = proxies;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
    routes.after(this::count);
    routes.get(PATH, this::scrape);
  }

  void scrape(Context ctx) {
    InetAddress peer = remote(ctx);
    boolean throughProxy = tls.behindProxy() || (peer != null && proxies.trusts(peer));
    access.check(peer, ctx.header("Authorization"), throughProxy);
    ctx.header("Cache-Control", "no-store");
    ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape());
  }

  private void count(Context ctx) {
    String route = MatchedRoute.of(ctx);
    int status = ctx.statusCode();
    if (status == 429) {
      metrics.rateLimited(MatchedRoute.describe(ctx));
    }
    Long started = ctx.attribute(STARTED);
    if (started != null) {
      metrics.answered(ctx.method().name(), route, status, System.nanoTime() - started);
    }
  }

  // the connection's own address: a forwarded-for header is anyone's to write
  private static InetAddress remote(Context ctx) {
    try {
      return InetAddress.getByName(ctx.req().getRemoteAddr());
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
