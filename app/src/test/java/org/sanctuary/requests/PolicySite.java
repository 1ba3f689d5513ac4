package org.sanctuary.requests;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.requests.web.PolicyPages;
import org.sanctuary.requests.web.PolicyRoutes;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.web.TestServer;

/**
 * The policy pages alone on a test server: a fresh database, the engine with every shipped pack,
 * and "today" fixed at {@code now}.
 */
public final class PolicySite implements AutoCloseable {
  private final Database database = TestDatabases.fresh();
  private final TestServer server;

  public PolicySite(Instant now) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    server = TestServer.start(database, new PolicyRoutes(new PolicyPages(PolicySetup.engine(null, Set.of()), clock)));
  }

  public TestServer server() {
    return server;
  }

  @Override
  public void close() {
    server.close();
    database.close();
  }
}
