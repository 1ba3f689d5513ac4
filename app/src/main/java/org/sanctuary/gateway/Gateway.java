package org.sanctuary.gateway;

import java.time.Clock;
import org.sanctuary.limits.Buckets;
import org.sanctuary.config.CityCalendar;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.metrics.Metrics;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.store.Database;

/**
 * The data firewall, assembled: datasets checked against their source, the query path and the
 * staff's administration. Built once at start-up.
 */
public final class Gateway {
  static final int STATEMENT_TIMEOUT_MILLIS = 2_000;

  private final GatewayService service;
  private final GatewayAdmin admin;
  private final Watch watch;

  private Gateway(GatewayService service, GatewayAdmin admin, Watch watch) {
    this.service = service;
    this.admin = admin;
    this.watch = watch;
  }

  /** The gateway over the built-in demo datasets, kept in the application's own database, on Chicago's calendar. */
  public static Gateway create(Engine engine, Database database, Ledger ledger, Clock clock) {
    return create(engine, database, ledger, clock, CityCalendar.CHICAGO);
  }

  /** The gateway over the built-in demo datasets, with the city's configured calendar. */
  public static Gateway create(Engine engine, Database database, Ledger ledger, Clock clock, CityCalendar city) {
    return create(engine, database, ledger, clock, DatasetCatalog.builtIn(), city);
  }

  /** As above, each partner's rate limit kept in {@code buckets} (shared by every node when in PostgreSQL). */
  public static Gateway create(Engine engine, Database database, Ledger ledger, Clock clock, CityCalendar city,
      Buckets buckets) {
    return create(engine, database, ledger, clock, city, buckets, Metrics.none());
  }

  /** As above, counting look-ups and refusals in {@code metrics}. */
  public static Gateway create(Engine engine, Database database, Ledger ledger, Clock clock, CityCalendar city,
      Buckets buckets, Metrics metrics) {
    return create(engine, database, ledger, clock, DatasetCatalog.builtIn(), city, buckets, metrics);
  }

  static Gateway create(Engine engine, Database database, Ledger ledger, Clock clock, DatasetCatalog catalog) {
    return create(engine, database, ledger, clock, catalog, CityCalendar.CHICAGO);
  }

  static Gateway create(Engine engine, Database database, Ledger ledger, Clock clock, DatasetCatalog catalog,
      CityCalendar city) {
    return create(engine, database, ledger, clock, catalog, city,
        Buckets.inMemory(clock, GatewayService.MAX_PARTNERS_TRACKED));
  }

  static Gateway create(Engine engine, Database database, Ledger ledger, Clock clock, DatasetCatalog catalog,
      CityCalendar city, Buckets buckets) {
    return create(engine, database, ledger, clock, catalog, city, buckets, Metrics.none());
  }

  private static Gateway create(Engine engine, Database database, Ledger ledger, Clock clock,
      DatasetCatalog catalog, CityCalendar city, Buckets buckets, Metrics metrics) {
    catalog.checkAgainst(database.dataSource());
    GatewayStore store = new GatewayStore(database);
    Watch watch = new Watch(store, clock);
    DatasetRunner runner = new DatasetRunner(database.dataSource(), STATEMENT_TIMEOUT_MILLIS);
    GatewayService service =
        new GatewayService(engine, store, catalog, runner, ledger, clock, watch, store.hashKey(ApiKeys.secret()), city,
            buckets, metrics);
    return new Gateway(service, new GatewayAdmin(engine, store, catalog, ledger, clock, watch, city), watch);
  }

  public GatewayService service() {
    return service;
  }

  public GatewayAdmin admin() {
    return admin;
  }

  Watch watch() {
    return watch;
  }
}
