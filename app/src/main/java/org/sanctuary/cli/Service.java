package org.sanctuary.cli;

import java.net.URI;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.policy.Engine;
import org.sanctuary.requests.PolicySetup;
import org.sanctuary.config.Config;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.store.Database;
import org.sanctuary.web.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running system: the database and the web server on top of it, stopped in reverse order. */
final class Service implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Service.class);

  private final Database database;
  private final Server server;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private Service(Database database, Server server) {
    this.database = database;
    this.server = server;
  }

  static Service start(Config config, Clock clock, Set<String> localPolicies) {
    return start(config, clock, localPolicies, null);
  }

  /** As above, with the incidents key file given on the command line (null: environment or default). */
  static Service start(Config config, Clock clock, Set<String> localPolicies, String incidentsKey) {
    Engine engine = PolicySetup.engine(null, localPolicies); // packs are checked before anything starts
    Database database = Database.open(config);
    try {
      AppContext ctx = new AppContext(config, database, clock, engine, new PostgresLedger(database, clock),
          IncidentKey.locate(incidentsKey, System.getenv(), config.dataDirectory()));
      Server server = Server.start(config, database, Parts.routes(ctx));
      return new Service(database, server);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  URI uri() {
    return server.uri();
  }

  /** Blocks until {@link #close()} has finished. */
  void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Stops taking requests, lets in-flight ones finish, then closes the database. */
  @Override
  public synchronized void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    try {
      server.close();
    } finally {
      try {
        database.close();
      } finally {
        stopped.countDown();
        log.info("Sanctuary stopped");
      }
    }
  }
}
