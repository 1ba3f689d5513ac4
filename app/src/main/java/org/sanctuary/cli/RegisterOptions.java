package org.sanctuary.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.sanctuary.config.Config;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.ledger.store.LedgerKeys;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.register.RecordsTokens;
import org.sanctuary.register.Register;
import org.sanctuary.store.Database;
import picocli.CommandLine.Option;

/**
 * Where the register lives, for the {@code register}, {@code report} and {@code replay} commands:
 * the same options as {@code serve}. Reading (reports, replays) opens the database only; writing
 * (tokens, imports) also starts the ledger, which must be the only one writing to that database.
 */
final class RegisterOptions {
  @Option(names = "--data", paramLabel = "DIR", description = "data folder (default: ./" + Config.DEFAULT_DATA + ")")
  String data;

  @Option(names = "--db", paramLabel = "JDBC_URL",
      description = "PostgreSQL server (default: $" + Config.ENV_DB_URL + ", else embedded)")
  String db;

  @Option(names = "--local-policy", paramLabel = "ID",
      description = "a local-policy pack that is switched on, e.g. chicago-no-dhs-database-access")
  List<String> localPolicies = new ArrayList<>();

  /** The register over the database, with the ledger running (for writes). */
  <T> T writing(Function<Parts, T> work) {
    Config config = Config.resolve(new Config.Options(null, data, db, null), System.getenv());
    Engine engine = PolicySetup.engine(null, Set.copyOf(localPolicies));
    var signer = LedgerKeys.load(config);
    try (Database database = Database.open(config)) {
      Clock clock = Clock.systemUTC();
      try (PostgresLedger ledger = PostgresLedger.start(database, clock, signer)) {
        IncidentKey key = IncidentKey.loadOrCreate(config.incidentsKeyFile(null, System.getenv()));
        return work.apply(new Parts(new Register(engine, database, ledger, key, clock),
            new RecordsTokens(database, ledger, clock)));
      }
    }
  }

  /** The register over the database, read only: no ledger is started. */
  <T> T reading(Function<Register, T> work) {
    Config config = Config.resolve(new Config.Options(null, data, db, null), System.getenv());
    Engine engine = PolicySetup.engine(null, Set.copyOf(localPolicies));
    try (Database database = Database.open(config)) {
      return work.apply(new Register(engine, database, null, null, Clock.systemUTC()));
    }
  }

  record Parts(Register register, RecordsTokens tokens) {}
}
