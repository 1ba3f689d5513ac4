package org.sanctuary.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.CityCalendar;
import org.sanctuary.errors.Unavailable;
import org.sanctuary.limits.PostgresBuckets;
import org.sanctuary.policy.Purpose;
import org.sanctuary.store.TestDatabases;

/**
 * A read that runs out of time behind its open gate is a failed look-up, recorded once and
 * answered 503: it is not run a second time the usual way (which would cost the partner a second
 * token and the source a second slow query).
 */
class SlowReadTest {
  private static final String SLOW = """
      datasets:
        - id: slow
          title: A query slower than the time limit
          rowLimit: 1
          parameters:
            - {name: seconds, type: integer, min: 0, max: 10}
          sql: SELECT pg_sleep(:seconds)::text AS v
          returns: [v]
          neverLeave: []
          marked: []
      """;

  private static GatewayFixture fx;
  private static Gateway gateway;

  @BeforeAll
  static void start() {
    fx = new GatewayFixture(TestDatabases.fresh(), Set.of());
    gateway = Gateway.create(fx.engine, fx.database, fx.ledger, fx.clock, DatasetCatalog.parse("slow.yaml", SLOW),
        CityCalendar.CHICAGO, new PostgresBuckets(fx.database, fx.clock, new byte[32]));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void readOutOfTimeBehindItsGate_isOneFailedLookUp_notRunAgain() {
    Partner p = gateway.admin().admit("FBI", null, 1000, 1000);
    gateway.admin().addAgreement(p.id(), List.of("slow"), EnumSet.of(Purpose.CRIMINAL), LocalDate.parse("2026-01-01"),
        LocalDate.parse("2026-12-31"), true, "A. Signer");
    String key = gateway.admin().issueKey(p.id(), null).key();
    DatasetRunner runner = gateway.service().runner();
    long runs = runner.runs();
    long gated = runner.gatedRuns();

    assertThatThrownBy(() -> gateway.service().query("Bearer " + key, GatewayFixture.json(
        "{\"dataset\":\"slow\",\"parameters\":{\"seconds\":3},\"purpose\":\"CRIMINAL\",\"caseNumber\":\"S-1\"}")))
        .isInstanceOf(Unavailable.class);

    assertThat(runner.runs()).as("one read, behind its gate").isEqualTo(runs + 1);
    assertThat(runner.gatedRuns()).isEqualTo(gated + 1);
    assertThat(count("SELECT count(*) FROM gateway_access WHERE outcome = 'ERROR' AND partner_id = " + p.id()))
        .isEqualTo(1);
  }

  private static long count(String query) {
    return fx.database.inTransaction(c -> {
      try (var s = c.createStatement(); var r = s.executeQuery(query)) {
        r.next();
        return r.getLong(1);
      }
    });
  }
}
