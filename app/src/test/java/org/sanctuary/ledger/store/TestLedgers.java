package org.sanctuary.ledger.store;

import java.time.Clock;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.store.Database;

/** A running group-commit ledger on a test database, signing with a fresh key. */
public final class TestLedgers {
  private TestLedgers() {}

  /** Its sequencer is a daemon thread; close it when the test owns the database's lifetime. */
  public static PostgresLedger start(Database database, Clock clock) {
    return PostgresLedger.start(database, clock, Signer.generate("city.example/ledger"));
  }
}
