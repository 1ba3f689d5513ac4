package org.sanctuary.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.config.Config;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.metrics.Metrics;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.store.Database;

/**
 * What every part is built from: configuration, store, clock, the decision engine, the ledger, the
 * file holding the key that encrypts what reporters write, where public pages read, and the metrics
 * the parts count in.
 */
public record AppContext(
    Config config, Database database, Clock clock, Engine engine, Ledger ledger, Path incidentsKey,
    Database readDatabase, Metrics metrics) {

  /** Counting nothing. */
  public AppContext(Config config, Database database, Clock clock, Engine engine, Ledger ledger, Path incidentsKey,
      Database readDatabase) {
    this(config, database, clock, engine, ledger, incidentsKey, readDatabase, Metrics.none());
  }

  /**
   * Reading everything from the one database. {@code readDatabase} is where public pages and
   * reports read: a streaming replica when one is configured ({@code --db-read}), else {@code database}.
   */
  public AppContext(Config config, Database database, Clock clock, Engine engine, Ledger ledger, Path incidentsKey) {
    this(config, database, clock, engine, ledger, incidentsKey, database);
  }

  /** With the incidents key where the environment or the data folder puts it. */
  public AppContext(Config config, Database database, Clock clock, Engine engine, Ledger ledger) {
    this(config, database, clock, engine, ledger,
        config.incidentsKeyFile(null, System.getenv()));
  }
}
