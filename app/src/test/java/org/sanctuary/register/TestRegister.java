package org.sanctuary.register;

import java.time.Instant;
import java.util.Set;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.ledger.store.TestLedgers;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.MutableClock;

/**
 * A register over a fresh database of its own, with its ledger, the built-in packs and a fixed
 * clock (2025-01-20T15:00Z): what the register's storage tests start from.
 */
final class TestRegister implements AutoCloseable {
  final Database database;
  final Register register;
  private final PostgresLedger ledger;

  TestRegister() {
    database = TestDatabases.fresh();
    MutableClock clock = new MutableClock(Instant.parse("2025-01-20T15:00:00Z"));
    ledger = TestLedgers.start(database, clock);
    register = new Register(PolicySetup.engine(null, Set.of()), database, ledger, IncidentKey.of(new byte[32]), clock);
  }

  @Override
  public void close() {
    ledger.close();
    database.close();
  }
}
