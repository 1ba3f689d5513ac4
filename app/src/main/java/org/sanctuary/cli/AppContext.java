package org.sanctuary.cli;

import java.time.Clock;
import org.sanctuary.config.Config;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.policy.Engine;
import org.sanctuary.store.Database;

/** What every part is built from: configuration, store, clock, the decision engine and the ledger. */
public record AppContext(Config config, Database database, Clock clock, Engine engine, Ledger ledger) {}
