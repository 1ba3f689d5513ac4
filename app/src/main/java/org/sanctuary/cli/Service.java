package org.sanctuary.cli;

import org.sanctuary.web.Tls;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.LedgerKeys;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.ledger.witnessing.CheckpointPublisher;
import org.sanctuary.ledger.witnessing.WitnessPolicy;
import org.sanctuary.ledger.witnessing.Witnessing;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.config.Config;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.incidents.web.Incidents;
import org.sanctuary.metrics.Metrics;
import org.sanctuary.metrics.MetricsAccess;
import org.sanctuary.store.Database;
import org.sanctuary.store.StartupSteps;
import org.sanctuary.web.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running system: the database and the web server on top of it, stopped in reverse order. */
final class Service implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Service.class);
  /** How often the log asks its witnesses to cosign the latest checkpoint. */
  static final Duration WITNESS_EVERY = Duration.ofSeconds(1);
  /** How often full rate-limit buckets are deleted from the database. */
  static final Duration LIMITS_CLEANUP_EVERY = Duration.ofMinutes(1);

  private final Database database;
  private final Database readDatabase;
  private final PostgresLedger ledger;
  private final Witnessing witnessing;
  private final Server server;
  private final Metrics metrics;
  private final AutoCloseable retention;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private Service(Database database, Database readDatabase, PostgresLedger ledger, Witnessing witnessing,
      Server server, AutoCloseable retention, Metrics metrics) {
    this.metrics = metrics;
    this.database = database;
    this.readDatabase = readDatabase;
    this.ledger = ledger;
    this.witnessing = witnessing;
    this.server = server;
    this.retention = retention;
  }

  static Service start(Config config, Clock clock, Set<String> localPolicies) {
    return start(config, clock, localPolicies, null);
  }

  /** As above, with the incidents key file given on the command line (null: environment or default). */
  static Service start(Config config, Clock clock, Set<String> localPolicies, String incidentsKey) {
    return start(config, clock, localPolicies, incidentsKey, WitnessPolicy.none());
  }

  /** As above, asking {@code witnesses} to cosign each checkpoint in the background. */
  static Service start(Config config, Clock clock, Set<String> localPolicies, String incidentsKey,
      WitnessPolicy witnesses) {
    return start(config, clock, localPolicies, incidentsKey, witnesses, Tls.PLAIN);
  }

  /** As above, told whether readers reach the server through a TLS-terminating proxy. */
  static Service start(Config config, Clock clock, Set<String> localPolicies, String incidentsKey,
      WitnessPolicy witnesses, Tls tls) {
    return start(config, clock, localPolicies, incidentsKey, witnesses, tls, java.util.Optional.empty());
  }

  /** As above, public pages and reports reading from {@code readServer} (a streaming replica) when given. */
  static Service start(Config config, Clock clock, Set<String> localPolicies, String incidentsKey,
      WitnessPolicy witnesses, Tls tls, java.util.Optional<org.sanctuary.config.DatabaseServer> readServer) {
    return start(config, clock, localPolicies, incidentsKey, witnesses, tls, readServer, MetricsAccess.LOCAL);
  }

  /** As above, serving the metrics to the readers {@code metricsAccess} lets through. */
  static Service start(Config config, Clock clock, Set<String> localPolicies, String incidentsKey,
      WitnessPolicy witnesses, Tls tls, java.util.Optional<org.sanctuary.config.DatabaseServer> readServer,
      MetricsAccess metricsAccess) {
    return start(config, clock, localPolicies, incidentsKey, witnesses, tls, readServer, metricsAccess,
        StartupSteps.NONE);
  }

  /** As above, saying each slow step of the start through {@code steps}. */
  static Service start(Config config, Clock clock, Set<String> localPolicies, String incidentsKey,
      WitnessPolicy witnesses, Tls tls, java.util.Optional<org.sanctuary.config.DatabaseServer> readServer,
      MetricsAccess metricsAccess, StartupSteps steps) {
    steps.step("checking the policy packs");
    Engine engine = PolicySetup.engine(null, localPolicies); // packs are checked before anything starts
    // the keys in the data folder are read below, before any database (which checks again)
    org.sanctuary.store.DataFolderPermissions.secure(config.dataDirectory());
    Signer signer = LedgerKeys.load(config); // before the database: a bad key path fails fast
    Database database = Database.open(config, steps);
    try {
      checkSealingKeys(config, incidentsKey, database);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    Metrics metrics = Metrics.create(clock);
    metrics.watchPool(database.dataSource());
    PostgresLedger ledger = null;
    Witnessing witnessing = null;
    Database readDatabase = database;
    try {
      if (readServer.isPresent()) {
        readDatabase = Database.replica(readServer.get(), config.poolSize());
        log.info("public pages and reports read from {}", readDatabase.description());
      }
      steps.step("starting the ledger");
      ledger = PostgresLedger.start(database, clock, signer, config.ledger().checkpointInterval());
      ledger.observe(metrics.ledger());
      LedgerReader reader = new LedgerReader(database);
      log.info("ledger: {} entries, signing as {}", reader.size(), signer.verifier().encoded());
      CheckpointPublisher publisher = CheckpointPublisher.unwitnessed(reader);
      if (witnesses.enabled()) {
        witnessing = Witnessing.open(database, reader, witnesses, clock).schedule(WITNESS_EVERY);
        publisher = CheckpointPublisher.witnessed(reader, witnessing);
        log.info("ledger: {} witness(es), quorum {}: {}", witnesses.witnesses().size(), witnesses.quorum(),
            witnesses.keys());
      }
      AppContext ctx = new AppContext(config, database, clock, engine, ledger,
          config.incidentsKeyFile(incidentsKey, System.getenv()), readDatabase, metrics);
      steps.step("starting the web server");
      Server server = Server.start(config, database, Parts.routes(ctx, publisher, metricsAccess, tls), tls);
      log.info("served over TLS through a proxy: {}", tls.behindProxy());
      log.info("metrics at /metrics: {}", metricsAccess.describe());
      if (metricsAccess.mode() == MetricsAccess.Mode.LOCAL && tls.behindProxy()) {
        log.warn("metrics: behind a TLS proxy every reader comes from the proxy, so /metrics refuses all;"
            + " give a --metrics-token-file to read them");
      }
      // the daily deletion of closed reports' contact details, and the clean-up of full rate-limit
      // buckets, run while this service does
      AutoCloseable reports = Incidents.scheduleRetention(Incidents.service(database, clock, ledger,
          ctx.incidentsKey(), config.city()));
      AutoCloseable buckets = Parts.limits(ctx).scheduleCleanup(LIMITS_CLEANUP_EVERY);
      AutoCloseable retention = () -> {
        try {
          buckets.close();
        } finally {
          reports.close();
        }
      };
      return new Service(database, readDatabase, ledger, witnessing, server, retention, metrics);
    } catch (RuntimeException e) {
      if (witnessing != null) witnessing.close();
      if (ledger != null) ledger.close();
      if (readDatabase != database) readDatabase.close();
      database.close();
      metrics.close();
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
        stopRetention();
        if (witnessing != null) witnessing.close();
        ledger.close();
        if (readDatabase != database) readDatabase.close();
        database.close();
        metrics.close();
      } finally {
        stopped.countDown();
        log.info("Sanctuary stopped");
      }
    }
  }

  private void stopRetention() {
    try {
      retention.close();
    } catch (Exception e) {
      log.warn("the retention tasks did not stop cleanly", e);
    }
  }

  /**
   * Refuses to start with a sealing key other than the one the database's data was sealed with:
   * on a node whose key file was missing, a new key was just made, and would seal what the other
   * nodes cannot open.
   */
  private static void checkSealingKeys(Config config, String incidentsKey, Database database) {
    java.util.Map<String, String> env = System.getenv();
    java.nio.file.Path incidents = config.incidentsKeyFile(incidentsKey, env);
    String incidentsField = incidentsKey != null ? "incidents-key"
        : env.get(Config.ENV_INCIDENTS_KEY_FILE) != null ? Config.ENV_INCIDENTS_KEY_FILE : "incidents-key";
    org.sanctuary.store.KeyFingerprints.check(database, "incidents",
        org.sanctuary.incidents.IncidentKey.loadOrCreate(incidents).fingerprint(), incidentsField, incidents);
    java.nio.file.Path staff = config.staffKeyFile(env);
    String staffField = env.get(Config.ENV_STAFF_KEY_FILE) != null ? Config.ENV_STAFF_KEY_FILE : "staff key file";
    org.sanctuary.store.KeyFingerprints.check(database, "staff",
        org.sanctuary.staff.SecretBox.openOrCreate(staff).fingerprint(), staffField, staff);
  }
}
