package org.sanctuary.web;

import io.javalin.http.Context;
import java.util.Map;
import org.sanctuary.store.Database;

/** {@code GET /healthz}: 200 when the database answers, 503 otherwise. */
final class HealthController {
  private final Database database;

  HealthController(Database database) {
    this.database = database;
  }

  void check(Context ctx) {
    if (database.isReachable()) {
      ctx.json(Map.of("status", "ok"));
    } else {
      ctx.status(503).json(Map.of("status", "unavailable", "error", "database unavailable"));
    }
  }
}
