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
    // a week of one look-up an hour each, always about the same district
    for (int h = 0; h < 168; h++) {
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
