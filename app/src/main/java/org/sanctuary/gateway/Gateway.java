package org.sanctuary.gateway;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import org.sanctuary.config.CityCalendar;
import org.sanctuary.ledger.store.Ledger;
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

  static Gateway create(Engine engine, Database database, Ledger ledger, Clock clock, DatasetCatalog catalog) {
    return create(engine, database, ledger, clock, catalog, CityCalendar.CHICAGO);
  }

  static Gateway create(Engine engine, Database database, Ledger ledger, Clock clock, DatasetCatalog catalog,
      CityCalendar city) {
    catalog.checkAgainst(database.dataSource());
    GatewayStore store = new GatewayStore(database);
    Watch watch = new Watch(database, clock);
    DatasetRunner runner = new DatasetRunner(database.dataSource(), STATEMENT_TIMEOUT_MILLIS);
    GatewayService service =
        new GatewayService(engine, store, catalog, runner, ledger, clock, watch, hashKey(database), city);
    return new Gateway(service, new GatewayAdmin(engine, store, catalog, ledger, clock, watch, city), watch);
  }

  private static byte[] hashKey(Database database) {
    byte[] fresh = ApiKeys.secret();
    return database.inTransaction(c -> {
      try (PreparedStatement ins = c.prepareStatement(
          "INSERT INTO gateway_secret (id, hash_key) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
        ins.setBytes(1, fresh);
        ins.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT hash_key FROM gateway_secret WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBytes(1);
      }
    });
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
