package org.sanctuary.incidents.web;

import org.sanctuary.limits.Buckets;
import org.sanctuary.limits.ClientLimit;
import org.sanctuary.limits.TokenBuckets;
import org.sanctuary.incidents.*;

import java.nio.file.Path;
import java.time.Clock;
import org.sanctuary.config.CityCalendar;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sanctuary.incidents.routing.Router;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.metrics.Metrics;
import org.sanctuary.store.Database;
import org.sanctuary.web.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the incidents part: key, routing packs, service, limits, routes and the daily retention run. */
public final class Incidents {
  private static final Logger log = LoggerFactory.getLogger(Incidents.class);

  /** Submissions per address: a burst of 5, then one every 6 minutes (10 an hour). */
  public static final int SUBMIT_BURST = 5;
  public static final Duration SUBMIT_EVERY = Duration.ofMinutes(6);
  /** Status look-ups per address: a burst of 20, then one every 10 seconds. */
  public static final int LOOKUP_BURST = 20;
  public static final Duration LOOKUP_EVERY = Duration.ofSeconds(10);

  private Incidents() {}

  /** The service, on the key file (created on first use), on Chicago's calendar. */
  public static IncidentService service(Database database, Clock clock, Ledger ledger, Path keyFile) {
    return service(database, clock, ledger, keyFile, CityCalendar.CHICAGO);
  }

  /** The service, on the key file (created on first use), on the city's configured calendar. */
  public static IncidentService service(Database database, Clock clock, Ledger ledger, Path keyFile, CityCalendar city) {
    return service(database, clock, ledger, keyFile, city, Metrics.none());
  }

  /** As above, counting the reports received in {@code metrics}. */
  public static IncidentService service(Database database, Clock clock, Ledger ledger, Path keyFile, CityCalendar city,
      Metrics metrics) {
    return new IncidentService(database, IncidentKey.loadOrCreate(keyFile), Router.builtIn(), ledger, clock,
        IncidentService.DEFAULT_RETENTION, city, metrics);
  }

  /** The routes over a service, with the default limits per client address kept in this process. */
  public static Routes routes(IncidentService service, Clock clock) {
    return routes(service, new ClientLimit(clock, SUBMIT_BURST, SUBMIT_EVERY),
        new ClientLimit(clock, LOOKUP_BURST, LOOKUP_EVERY));
  }

  /** The routes over a service, with the default limits per client address kept in {@code buckets}. */
  public static Routes routes(IncidentService service, Buckets buckets) {
    return routes(service,
        new ClientLimit(buckets, "incidents.submit", TokenBuckets.Rate.oneEvery(SUBMIT_BURST, SUBMIT_EVERY)),
        new ClientLimit(buckets, "incidents.lookup", TokenBuckets.Rate.oneEvery(LOOKUP_BURST, LOOKUP_EVERY)));
  }

  private static Routes routes(IncidentService service, ClientLimit submissions, ClientLimit lookups) {
    return new IncidentRoutes(new IncidentPages(service, submissions, lookups),
        new IncidentApi(service, submissions, lookups));
  }

  /**
   * Runs the retention task a minute after start, then daily, on a daemon thread; closing the
   * returned handle stops it (the service that started it closes it when it stops).
   */
  public static AutoCloseable scheduleRetention(IncidentService service) {
    ScheduledExecutorService daily = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "incidents-retention");
      t.setDaemon(true);
      return t;
    });
    daily.scheduleAtFixedRate(() -> {
      try {
        int n = service.destroyExpiredContacts();
        if (n > 0) log.info("incidents: destroyed the contact details of {} closed report(s)", n);
      } catch (RuntimeException e) {
        log.error("incidents: the retention run failed; it runs again tomorrow", e);
      }
    }, 1, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
    return daily::shutdownNow;
  }
}
