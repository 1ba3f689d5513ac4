package org.sanctuary.cli;

import java.net.URI;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.LedgerKeys;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.engine.PolicySetup;
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
  private final PostgresLedger ledger;
  private final Server server;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private Service(Database database, PostgresLedger ledger, Server server) {
    this.database = database;
    this.ledger = ledger;
    this.server = server;
  }

  static Service start(Config config, Clock clock, Set<String> localPolicies) {
    return start(config, clock, localPolicies, null);
  }

  /** As above, with the incidents key file given on the command line (null: environment or default). */
  static Service start(Config config, Clock clock, Set<String> localPolicies, String incidentsKey) {
    Engine engine = PolicySetup.engine(null, localPolicies); // packs are checked before anything starts
    Signer signer = LedgerKeys.load(config); // before the database: a bad key path fails fast
    Database database = Database.open(config);
    PostgresLedger ledger = null;
    try {
      ledger = PostgresLedger.start(database, clock, signer);
      log.info("ledger: {} entries, signing as {}", new LedgerReader(database).size(), signer.verifier().encoded());
      AppContext ctx = new AppContext(config, database, clock, engine, ledger,
          IncidentKey.locate(incidentsKey, System.getenv(), config.dataDirectory()));
      Server server = Server.start(config, database, Parts.routes(ctx));
      return new Service(database, ledger, server);
    } catch (RuntimeException e) {
      if (ledger != null) ledger.close();
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
        ledger.close();
        database.close();
      } finally {
        stopped.countDown();
        log.info("Sanctuary stopped");
      }
    }
  }
}
