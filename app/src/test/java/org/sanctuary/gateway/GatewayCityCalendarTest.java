package org.sanctuary.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.CityCalendar;
import org.sanctuary.errors.Refused;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.agency.AgencyRegistry;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.pack.CompiledPack;
import org.sanctuary.policy.pack.PackLoader;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.MutableClock;

/**
 * The law in force is the law of the Chicago calendar date. At 23:30 in Chicago the UTC date is
 * already the next day; the gateway must still decide by the Chicago date, on a law's start date
 * and on the evening before it.
 */
class GatewayCityCalendarTest {
  /** A law, for this test only, that refuses federal look-ups from 10 March 2026 (Chicago is on CDT, UTC-5). */
  private static final String TEST_LAW = String.join("\n",
      "id: test-law-2026",
      "title: A test law that starts on 2026-03-10",
      "jurisdiction: Testville",
      "binds: [CPD]",
      "effective: {from: 2026-03-10}",
      "status: enacted",
      "source: {citation: Test Code 1, verified: true}",
      "default: {citation: Test Code 1, text: nothing applies}",
      "rules:",
      "  - id: no-federal-lookups",
      "    citation: Test Code 1(a)",
      "    text: no federal database look-ups",
      "    when: kind == 'DATABASE_ACCESS' && requester.federal",
      "    effect: deny",
      "");

  private static Database database;
  private static PostgresLedger ledger;
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));
  private static Gateway gateway;
  private static String key;

  @BeforeAll
  static void open() {
    database = TestDatabases.fresh();
    ledger = org.sanctuary.ledger.store.TestLedgers.start(database, CLOCK);
    List<CompiledPack> packs = new ArrayList<>(PackLoader.builtIn());
    packs.addAll(PackLoader.load(Map.of("packs/test-law-2026.yaml", TEST_LAW)));
    Engine engine = Engine.of(packs, AgencyRegistry.builtIn(), Set.of());
    gateway = Gateway.create(engine, database, ledger, CLOCK, CityCalendar.CHICAGO);
    Partner fbi = gateway.admin().admit("FBI", null, null, null);
    gateway.admin().addAgreement(fbi.id(), List.of("demo-arrests"), EnumSet.allOf(Purpose.class),
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), true, "A. Signer");
    key = gateway.admin().issueKey(fbi.id(), null).key();
  }

  @AfterAll
  static void close() {
    ledger.close();
    database.close();
  }

  private static Instant chicago(String localDateTime) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), CityCalendar.CHICAGO.zone()).toInstant();
  }

  @Test
  void query_at2330ChicagoTheEveningBeforeALawStarts_isDecidedByTheChicagoDate() {
    CLOCK.set(chicago("2026-03-09T23:30"));
    assertThat(LocalDate.ofInstant(CLOCK.instant(), java.time.ZoneOffset.UTC)).isEqualTo("2026-03-10");
    assertThat(gateway.service().query("Bearer " + key, GatewayFixture.lookup("CRIMINAL")).rows()).isNotEmpty();
  }

  @Test
  void query_at2330ChicagoOnALawsStartDate_isDecidedByThatLaw() {
    CLOCK.set(chicago("2026-03-10T23:30"));
    assertThatThrownBy(() -> gateway.service().query("Bearer " + key, GatewayFixture.lookup("CRIMINAL")))
        .isInstanceOf(Refused.class)
        .satisfies(e -> assertThat(((Refused) e).citation()).contains("Test Code 1(a)"));
  }
}
