package org.sanctuary.incidents;

import org.sanctuary.limits.ClientLimit;
import org.sanctuary.incidents.web.*;
import org.sanctuary.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.sanctuary.incidents.routing.Router;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.web.TestServer;

/** A fresh database, an incidents service on a test clock, and a server with chosen limits. */
final class IncidentFixture implements AutoCloseable {
  static final Instant START = Instant.parse("2026-03-10T15:00:00Z");

  final Database database = TestDatabases.fresh();
  final MutableClock clock = new MutableClock(START);
  final IncidentKey key;
  final IncidentService service;
  final PostgresLedger ledger;
  final TestServer server;

  IncidentFixture(int submitBurst, int lookupBurst) {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    key = IncidentKey.of(k);
    ledger = PostgresLedger.start(database, clock, Signer.generate("city.example/ledger"));
    service = new IncidentService(database, key, Router.builtIn(), ledger, clock,
        Duration.ofDays(365));
    ClientLimit submissions = new ClientLimit(clock, submitBurst, Duration.ofMinutes(6));
    ClientLimit lookups = new ClientLimit(clock, lookupBurst, Duration.ofSeconds(10));
    server = TestServer.start(database, new IncidentRoutes(new IncidentPages(service, submissions, lookups),
        new IncidentApi(service, submissions, lookups)));
  }

  long count(String sql) {
    return database.inTransaction(c -> {
      try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override
  public void close() {
    server.close();
    ledger.close();
    database.close();
  }
}
