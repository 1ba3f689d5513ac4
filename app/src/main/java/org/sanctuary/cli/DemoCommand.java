package org.sanctuary.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sanctuary.config.Config;
import org.sanctuary.config.ConfigException;
import org.sanctuary.demo.DemoData;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.LedgerKeys;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sanctuary demo-data}: a synthetic year written through the real services and ledger. */
@Command(name = "demo-data", mixinStandardHelpOptions = true,
    description = {"Writes a synthetic, deterministic year of federal requests, violation reports (with their case "
        + "work) and record look-ups through the real services and the ledger, every record marked synthetic.",
        "Refuses a database that holds real records. Stop the server first when the database is the embedded one."})
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--year", required = true, paramLabel = "YYYY", description = "the calendar year to fill")
  String year;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default 1)")
  long seed;

  @Option(names = "--requests", paramLabel = "N", description = "federal requests (default 6,000)")
  Integer requests;

  @Option(names = "--reports", paramLabel = "N", description = "violation reports (default 2,400)")
  Integer reports;

  @Option(names = "--lookups", paramLabel = "N", description = "record look-ups through the gateway (default 1,000,000)")
  Long lookups;

  @Option(names = "--threads", paramLabel = "N", description = "concurrent callers (default 64)")
  Integer threads;

  @Option(names = "--batch", paramLabel = "N", description = "look-ups recorded in one ledger transaction "
      + "(default 20,000; 1 sends each through the partners' query path, much slower)")
  Integer batch;

  @Option(names = "--data", paramLabel = "DIR", description = "data folder (default: ./" + Config.DEFAULT_DATA + ")")
  String data;

  @Option(names = "--db", paramLabel = "JDBC_URL", description = "PostgreSQL server instead of the embedded database")
  String db;

  @Option(names = "--ledger-key", paramLabel = "FILE", description = "the ledger's signer key file (default: DIR/ledger.key)")
  String ledgerKey;

  @Override
  public Integer call() {
    int y;
    try {
      y = Integer.parseInt(year.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException("year", year, "is not a year", "a year such as 2025");
    }
    DemoData.Scale d = DemoData.Scale.CITY_YEAR;
    DemoData.Scale scale = new DemoData.Scale(requests == null ? d.requests() : requests,
        reports == null ? d.reports() : reports, lookups == null ? d.lookups() : lookups,
        threads == null ? d.threads() : threads, batch == null ? d.batch() : batch);
    Config config = Config.resolve(new Config.Options(null, data, db, null, ledgerKey, null), System.getenv());
    Engine engine = PolicySetup.engine(null, Set.of());
    Signer signer = LedgerKeys.load(config);
    Clock clock = Clock.systemUTC();
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = Database.open(config)) {
      PostgresLedger ledger = PostgresLedger.start(database, clock, signer);
      try {
        IncidentKey key = IncidentKey.loadOrCreate(config.incidentsKeyFile(null, System.getenv()));
        DemoData.Summary s = DemoData.generate(database, engine, ledger, clock, key,
            Parts.staffKey(config), y, seed, scale, out);
        out.printf("demo-data: %d synthetic: %,d requests, %,d reports (%,d case changes), %,d look-ups "
            + "(%,d refused) in %d s%n", y, s.requests(), s.reports(), s.caseChanges(), s.lookups(),
            s.refusedLookups(), s.took().toSeconds());
        out.flush();
      } finally {
        ledger.close();
      }
    }
    return Main.OK;
  }
}
