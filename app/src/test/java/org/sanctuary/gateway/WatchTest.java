package org.sanctuary.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.store.TestDatabases;

class WatchTest {
  private static GatewayFixture fx;

  @BeforeAll
  static void open() {
    fx = new GatewayFixture(TestDatabases.fresh(), Set.of());
  }

  @AfterAll
  static void close() {
    fx.close();
  }

  private static JsonNode district(int d) {
    return GatewayFixture.json("{\"dataset\":\"demo-district-arrests\",\"parameters\":{\"district\":" + d
        + ",\"since\":\"2025-01-01\"},\"purpose\":\"CRIMINAL\",\"caseNumber\":\"C-" + d + "\"}");
  }

  @Test
  void alerts_jumpFarAboveTheSevenDayHourlyMean_raisesAnAlert_steadyPartnerDoesNot() {
    String steady = fx.partnerWithKey("FBI");
    String jumpy = fx.partnerWithKey("DEA");
    // a week and an hour of one look-up an hour each, always about the same district (the baseline
    // is the 168 whole hours before the one the last hour starts in)
    for (int h = 0; h <= 168; h++) {
      fx.gateway.service().query("Bearer " + steady, district(1));
      fx.gateway.service().query("Bearer " + jumpy, district(1));
      fx.clock.advance(Duration.ofHours(1));
    }
    assertThat(fx.gateway.watch().alerts()).isEmpty();

    // then, within one hour, 25 look-ups about 25 different districts
    for (int i = 1; i <= 25; i++) {
      fx.gateway.service().query("Bearer " + jumpy, district(i));
      fx.clock.advance(Duration.ofSeconds(30));
    }
    fx.gateway.service().query("Bearer " + steady, district(1));

    var alerts = fx.gateway.watch().alerts();
    assertThat(alerts).hasSize(1);
    Watch.Figures f = alerts.get(0);
    assertThat(f.agencyId()).isEqualTo("DEA");
    assertThat(f.lastHour()).isEqualTo(25);
    assertThat(f.hourlyMean()).isEqualTo(1.0);
    assertThat(f.volumeAlert()).isTrue();
    assertThat(f.distinctAlert()).isTrue();
    assertThat(f.describe()).contains("25 look-ups in the last hour");
  }

  @Test
  void baseline_countsEachWholeHourOnce_includingEmptyOnes_andReadsTheCountsAfterwards() {
    try (GatewayFixture own = new GatewayFixture(TestDatabases.fresh(), Set.of())) {
      String key = own.partnerWithKey("FBI");
      own.clock.advance(Duration.ofMinutes(10)); // 15:10
      for (int i = 0; i < 3; i++) own.gateway.service().query("Bearer " + key, district(1)); // hour 15:00
      own.gateway.service().query("Bearer " + key, district(2));
      own.clock.advance(Duration.ofHours(3)); // 18:10: the baseline ends at 17:00
      assertThat(own.gateway.watch().alerts()).isEmpty();
      long from = GatewayFixture.START.plus(Duration.ofHours(2)).minus(Duration.ofDays(7)).getEpochSecond();
      // the checks after each look-up (on the watch's thread, at 15:10) counted earlier hours too
      List<long[]> counted = hours(own).stream().filter(h -> h[0] >= from).toList();
      assertThat(counted).as("168 hours, the empty ones too").hasSize(168);
      assertThat(counted.stream().mapToLong(h -> h[1]).sum()).isEqualTo(4);
      long[] busy = counted.stream().filter(h -> h[1] > 0).findFirst().orElseThrow();
      assertThat(java.time.Instant.ofEpochSecond(busy[0])).isEqualTo(GatewayFixture.START);
      assertThat(busy[1]).isEqualTo(4);
      assertThat(busy[2]).as("distinct subjects").isEqualTo(2);

      // a counted hour is read, not counted again: a changed count shows in the mean
      own.database.inTransaction(c -> c.createStatement().executeUpdate(
          "UPDATE gateway_access_hour SET lookups = 168 * 3, subjects = 0 WHERE lookups = 4"));
      var figures = own.gateway.watch().figures(own.clock.instant(), null);
      assertThat(figures).hasSize(1);
      assertThat(figures.get(0).hourlyMean()).isEqualTo(3.0);
      assertThat(figures.get(0).lastHour()).isZero();

      // a day later, the hours that left the baseline by more than a day are gone, the new ones counted
      own.clock.advance(Duration.ofDays(2));
      own.gateway.watch().figures(own.clock.instant(), null);
      List<long[]> later = hours(own);
      long baseStart = own.clock.instant().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS)
          .minus(Duration.ofDays(7)).getEpochSecond();
      assertThat(later).allSatisfy(h -> assertThat(h[0]).isGreaterThanOrEqualTo(baseStart - 24 * 3600));
      assertThat(later.stream().filter(h -> h[0] >= baseStart)).hasSize(168);
    }
  }

  // the counted hours: epoch second, look-ups, distinct subjects
  private static List<long[]> hours(GatewayFixture f) {
    return f.database.inTransaction(c -> {
      List<long[]> out = new ArrayList<>();
      try (var ps = c.prepareStatement("SELECT extract(epoch FROM hour)::bigint, lookups, subjects"
          + " FROM gateway_access_hour ORDER BY hour"); var rs = ps.executeQuery()) {
        while (rs.next()) out.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
      }
      return out;
    });
  }

  @Test
  void afterAccess_handsTheCheckToItsOwnThread_onceAMinuteAPartner() {
    List<Runnable> queued = new ArrayList<>();
    Watch watch = new Watch(new GatewayStore(fx.database), fx.clock, queued::add);
    watch.afterAccess(1);
    watch.afterAccess(1);
    watch.afterAccess(2);
    assertThat(queued).as("one check a partner, handed over, none run by the caller").hasSize(2);
    fx.clock.advance(Duration.ofSeconds(59));
    watch.afterAccess(1);
    assertThat(queued).hasSize(2);
    fx.clock.advance(Duration.ofSeconds(1));
    watch.afterAccess(1);
    assertThat(queued).hasSize(3);
    queued.forEach(Runnable::run); // they read the access log on the watch's thread; nothing to raise here
  }
}
