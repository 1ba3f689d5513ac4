package org.sanctuary.cli;

import java.time.Clock;
import java.util.List;
import org.sanctuary.store.Database;
import org.sanctuary.web.Routes;

/**
 * The composition root: every part's web routes, built from the shared database and clock. A new
 * part adds one line here, e.g. {@code new DecisionRoutes(new DecisionController(engine, database,
 * clock))}.
 */
final class Parts {
  private Parts() {}

  static List<Routes> routes(Database database, Clock clock) {
    return List.of();
  }
}
