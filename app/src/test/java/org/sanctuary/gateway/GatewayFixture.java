package org.sanctuary.gateway;

import org.sanctuary.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.store.Database;
import org.sanctuary.web.Json;

/** A gateway on a fresh database with the demo records, a movable clock and the real ledger. */
final class GatewayFixture implements AutoCloseable {
  static final Instant START = Instant.parse("2026-03-02T15:00:00Z");
  static final ObjectMapper JSON = Json.newMapper();

  final Database database;
  final MutableClock clock = new MutableClock(START);
  final PostgresLedger ledger;
  final Engine engine;
  final Gateway gateway;

  GatewayFixture(Database database, Set<String> localPolicies) {
    this.database = database;
    this.ledger = org.sanctuary.ledger.store.TestLedgers.start(database, clock);
    this.engine = PolicySetup.engine(null, localPolicies);
    this.gateway = Gateway.create(engine, database, ledger, clock);
  }

  /** The same store and ledger, decided by an engine with other local policies switched on. */
  Gateway withPolicies(Set<String> localPolicies) {
    return Gateway.create(PolicySetup.engine(null, localPolicies), database, ledger, clock);
  }

  /** Admits the agency with an agreement for both demo datasets and both purposes; returns its key. */
  String partnerWithKey(String agency) {
    Partner p = gateway.admin().admit(agency, null, null, null);
    gateway.admin().addAgreement(p.id(), List.of("demo-arrests", "demo-district-arrests"), EnumSet.allOf(Purpose.class),
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), true, "A. Signer", true);
    return gateway.admin().issueKey(p.id(), null).key();
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static JsonNode lookup(String purpose) {
    return json("{\"dataset\":\"demo-arrests\",\"parameters\":{\"lastName\":\"Ash\",\"firstName\":\"Ada\"},"
        + "\"purpose\":\"" + purpose + "\",\"caseNumber\":\"JD-123456\"}");
  }

  @Override
  public void close() {
    database.close();
  }
}
