package org.sanctuary.metrics;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.sanctuary.ledger.store.LedgerObserver;

/**
 * The server's counters and gauges, and their text for Prometheus. One per running server; the
 * parts are handed it at start-up and call it with plain words, never with anything a person typed.
 */
public final class Metrics implements AutoCloseable {
  /** The Prometheus text exposition format, version 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final MeterRegistry registry;
  private final PrometheusMeterRegistry prometheus; // null when nothing is kept
  private final LedgerMeters ledger;
  private final JvmGcMetrics gc;

  private Metrics(MeterRegistry registry, PrometheusMeterRegistry prometheus, Clock clock, boolean jvm) {
    this.registry = registry;
    this.prometheus = prometheus;
    this.ledger = new LedgerMeters(registry, clock);
    if (jvm) {
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ClassLoaderMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      gc = new JvmGcMetrics();
      gc.bindTo(registry);
    } else {
      gc = null;
    }
    for (String outcome : new String[] {"permit", "deny"}) {
      for (boolean recorded : new boolean[] {true, false}) {
        decisions(outcome, recorded);
      }
      gatewayLookups(outcome);
    }
    gatewayLookups("error");
    for (String reason : new String[] {"law", "agreement", "credential", "rate_limit"}) {
      gatewayRefusals(reason);
    }
  }

  /** Counts for Prometheus, with the JVM's own figures; the checkpoint's age is read on {@code clock}. */
  public static Metrics create(Clock clock) {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    return new Metrics(prometheus, prometheus, clock, true);
  }

  /** Keeps nothing: for tools and tests that run parts without a server. */
  public static Metrics none() {
    return new Metrics(new CompositeMeterRegistry(), null, Clock.systemUTC(), false);
  }

  /** A federal request decided: {@code recorded} in the register, or a trial that kept nothing. */
  public void decided(String outcome, boolean recorded) {
    decisions(word(outcome), recorded).increment();
  }

  /** A partner's look-up decided and recorded: PERMIT, DENY or ERROR (the source failed). */
  public void gatewayLookup(String outcome) {
    gatewayLookups(word(outcome)).increment();
  }

  /**
   * A partner's look-up refused: by the {@code law}, by its {@code agreement}, for its {@code
   * credential} (unknown, revoked or expired key) or its {@code rate_limit}.
   */
  public void gatewayRefused(String reason) {
    gatewayRefusals(reason).increment();
  }

  /** A violation report received and routed to {@code office} (COPA or OIG). */
  public void reportReceived(String office) {
    Counter.builder("sanctuary.incident.reports")
        .description("Violation reports received, by the office they were routed to")
        .tag("office", office)
        .register(registry)
        .increment();
  }

  /** An answer of 429: a client over its rate limit, on the route (template) it asked. */
  public void rateLimited(String route) {
    Counter.builder("sanctuary.rate.limited")
        .description("Requests refused for being over a rate limit (429), by route")
        .tag("route", route)
        .register(registry)
        .increment();
  }

  /** An HTTP answer: the route's template (never the path asked), its status and how long it took. */
  public void answered(String method, String route, int status, long nanos) {
    Timer.builder("sanctuary.http.requests")
        .description("HTTP answers by method, route template and status")
        .tags("method", method, "route", route, "status", Integer.toString(status))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Reports the connection pool of {@code dataSource} (HikariCP's own meters); no-op for another pool. */
  public void watchPool(DataSource dataSource) {
    if (prometheus == null) {
      return;
    }
    try {
      if (dataSource.isWrapperFor(HikariDataSource.class)) {
        dataSource.unwrap(HikariDataSource.class).setMetricRegistry(registry);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("metrics: cannot reach the connection pool", e);
    }
  }

  /** What the ledger's sequencer reports to. */
  public LedgerObserver ledger() {
    return ledger;
  }

  /** Every meter in Prometheus's text format; empty when nothing is kept. */
  public String scrape() {
    return prometheus == null ? "" : prometheus.scrape();
  }

  private Counter decisions(String outcome, boolean recorded) {
    return Counter.builder("sanctuary.decisions")
        .description("Federal requests decided, by outcome; recorded in the register or a trial")
        .tags("outcome", outcome, "recorded", Boolean.toString(recorded))
        .register(registry);
  }

  private Counter gatewayLookups(String outcome) {
    return Counter.builder("sanctuary.gateway.lookups")
        .description("Partners' look-ups decided and recorded in the ledger, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  private Counter gatewayRefusals(String reason) {
    return Counter.builder("sanctuary.gateway.refusals")
        .description("Partners' look-ups refused: by the law, the agreement, the credential or the rate limit")
        .tag("reason", reason)
        .register(registry);
  }

  private static String word(String code) {
    return code.toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }
}
