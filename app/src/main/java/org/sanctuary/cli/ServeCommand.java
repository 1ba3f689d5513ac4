package org.sanctuary.cli;

import org.sanctuary.web.Tls;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sanctuary.config.Config;
import org.sanctuary.store.StartupSteps;
import org.sanctuary.ledger.witnessing.WitnessPolicy;
import org.sanctuary.metrics.MetricsAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sanctuary serve}: the whole system, until SIGTERM or Ctrl-C. */
@Command(
    name = "serve",
    description = "Runs the web server, the API and the database until stopped.",
    mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  // Options are kept as text: Config checks them all the same way, naming the value and the want.
  @Option(
      names = "--port",
      paramLabel = "N",
      description = "HTTP port, 0 for any free port (default: " + Config.DEFAULT_PORT + ")")
  private String port;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "data folder; holds the embedded database (default: ./" + Config.DEFAULT_DATA + ")")
  private String data;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "PostgreSQL server to use instead of the embedded database, e.g."
              + " jdbc:postgresql://db.example:5432/sanctuary (default: $"
              + Config.ENV_DB_URL
              + "); user and password from the URL or $"
              + Config.ENV_DB_USER
              + " and $"
              + Config.ENV_DB_PASSWORD)
  private String db;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description =
          "address to listen on; 0.0.0.0 for every interface (default: "
              + Config.DEFAULT_BIND
              + ")")
  private String bind;

  @Option(
      names = "--ledger-key",
      paramLabel = "FILE",
      description =
          "the ledger's signer key file; must exist (default: $"
              + Config.ENV_LEDGER_KEY_FILE
              + ", else DIR/"
              + Config.DEFAULT_LEDGER_KEY
              + ", created on first start)")
  private String ledgerKey;

  @Option(
      names = "--ledger-origin",
      paramLabel = "NAME",
      description =
          "the ledger's name, which is also its key's name (default: $"
              + Config.ENV_LEDGER_ORIGIN
              + ", else the key's name, else "
              + Config.DEFAULT_LEDGER_ORIGIN
              + ")")
  private String ledgerOrigin;

  @Option(
      names = "--local-policy",
      paramLabel = "ID",
      description = "switch on a local-policy pack (repeatable), e.g. chicago-no-dhs-database-access")
  private List<String> localPolicies = new ArrayList<>();

  @Option(
      names = "--incidents-key",
      paramLabel = "FILE",
      description =
          "file holding the key that encrypts reports' free text and contact details; created"
              + " owner-only when missing (default: $SANCTUARY_INCIDENTS_KEY_FILE, else DIR/incidents.key)")
  private String incidentsKey;

  @Option(
      names = "--city-zone",
      paramLabel = "ZONE",
      description =
          "the city's time zone: the law in force is the law of its calendar date (default: $"
              + org.sanctuary.config.CityCalendar.ENV
              + ", else America/Chicago)")
  private String cityZone;

  @Option(
      names = "--db-pool-size",
      paramLabel = "N",
      description = "Most database connections this node holds at once, 2-500 (default: $"
          + "SANCTUARY_DB_POOL_SIZE, else 10). The embedded database allows up to 100 in all.")
  private String dbPoolSize;

  @Option(
      names = "--checkpoint-interval-ms",
      paramLabel = "MS",
      description = "sign a ledger checkpoint at most this often under load, 0-5000 ms; an idle ledger signs"
          + " at once, and a receipt waits for the first checkpoint that covers its entry (default: $"
          + Config.ENV_CHECKPOINT_INTERVAL_MS + ", else 2)")
  private String checkpointIntervalMs;

  @Option(
      names = "--witness",
      paramLabel = "URL=VKEY",
      description =
          "ask this witness (C2SP tlog-witness) to cosign each checkpoint (repeatable), e.g."
              + " http://127.0.0.1:7380=legalaid.example/witness+1a2b3c4d+BAOh...")
  private List<String> witnesses = new ArrayList<>();

  @Option(
      names = "--witness-quorum",
      paramLabel = "N",
      description = "how many witnesses must cosign a checkpoint before /tlog/checkpoint publishes it (default: all)")
  private String witnessQuorum;

  @Option(
      names = "--behind-tls",
      description = "readers reach this server only through a proxy that terminates TLS: send HSTS and"
          + " mark every cookie Secure (default: $" + Tls.ENV + " true or false, else false)")
  private boolean behindTls;

  @Option(
      names = "--db-read",
      paramLabel = "JDBC_URL",
      description = "a read-only streaming replica of the database for the public ledger pages and the"
          + " reports (default: $" + ServeCommand.ENV_DB_READ_URL + ", else everything reads the primary)")
  private String dbRead;

  /** The environment variable naming the read replica, as {@code --db-read} does. */
  static final String ENV_DB_READ_URL = "SANCTUARY_DB_READ_URL";

  @Option(
      names = "--trusted-proxy",
      paramLabel = "ADDR_OR_CIDR",
      description = "a proxy in front of this node (repeatable or comma-separated): only from it is the client"
          + " address read from X-Forwarded-For, e.g. 10.0.0.5 or 10.0.0.0/8 (default: $"
          + org.sanctuary.config.TrustedProxies.ENV + ", else none: the header is ignored)")
  private List<String> trustedProxies = new ArrayList<>();

  @Option(
      names = "--metrics",
      paramLabel = "ACCESS",
      description = "who may read /metrics: local (this machine only; none through a proxy) or off"
          + " (default: $" + MetricsAccess.ENV + ", else local)")
  private String metrics;

  @Option(
      names = "--metrics-token-file",
      paramLabel = "FILE",
      description = "file (owner-only) holding a token: /metrics then answers any address that sends"
          + " 'Authorization: Bearer TOKEN', and no other (default: $" + MetricsAccess.ENV_TOKEN_FILE + ")")
  private String metricsTokenFile;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Config config = Config.resolve(
        new Config.Options(port, data, db, bind, ledgerKey, ledgerOrigin, cityZone, dbPoolSize, trustedProxies,
            checkpointIntervalMs),
        System.getenv());
    log.info("configuration:");
    config.describe().forEach(line -> log.info("  {}", line));

    WitnessPolicy witnessPolicy = WitnessPolicy.parse(witnesses, witnessQuorum);
    Tls tls = Tls.resolve(behindTls, System.getenv());
    java.util.Optional<org.sanctuary.config.DatabaseServer> readServer = readReplica(dbRead, System.getenv());
    MetricsAccess metricsAccess = MetricsAccess.resolve(metrics, metricsTokenFile, System.getenv());
    Service service = Service.start(config, Clock.systemUTC(), Set.copyOf(localPolicies), incidentsKey, witnessPolicy,
        tls, readServer, metricsAccess, StartupSteps.logged());
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "sanctuary-shutdown"));
    // last: every start-up line is out before the one that says where to open the browser
    System.err.flush();
    PrintWriter out = spec.commandLine().getOut();
    out.println("Sanctuary listening on " + service.uri());
    out.flush();
    service.awaitStop();
    return Main.OK;
  }

  /** {@code --db-read}, else {@value #ENV_DB_READ_URL}; a replica needs a PostgreSQL server as primary too. */
  static java.util.Optional<org.sanctuary.config.DatabaseServer> readReplica(String option, java.util.Map<String, String> env) {
    String url = option != null ? option : env.get(ENV_DB_READ_URL);
    if (url == null || url.isBlank()) return java.util.Optional.empty();
    return java.util.Optional.of(org.sanctuary.config.DatabaseServer.of(option != null ? "db-read" : ENV_DB_READ_URL, url));
  }
}
