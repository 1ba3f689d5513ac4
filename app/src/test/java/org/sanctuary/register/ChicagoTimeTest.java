package org.sanctuary.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sanctuary.errors.InvalidInput;

class ChicagoTimeTest {
  @Test
  void show_agreesWithTheJdkFormatter_acrossYearsAndDaylightSaving_seeded() {
    DateTimeFormatter jdk = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    Random random = new Random(20261202L);
    for (int i = 0; i < 10_000; i++) {
      Instant at = Instant.ofEpochSecond(473_385_600L + (long) (random.nextDouble() * 2_000_000_000L));
      assertThat(ChicagoTime.show(at)).as("%s", at).isEqualTo(jdk.format(at.atZone(ChicagoTime.ZONE)));
    }
  }

  @Test
  void shown_agreesWithShow_aroundEveryTransitionAndAtRandom_seeded() {
    ChicagoTime.Shown shown = new ChicagoTime.Shown();
    Random random = new Random(20261203L);
    java.util.List<Long> seconds = new java.util.ArrayList<>();
    // each side of every daylight-saving change from 1960 to 2060, in an order that jumps about
    var rules = ChicagoTime.ZONE.getRules();
    var t = rules.nextTransition(Instant.parse("1960-01-01T00:00:00Z"));
    while (t.getInstant().isBefore(Instant.parse("2060-01-01T00:00:00Z"))) {
      long at = t.toEpochSecond();
      for (long d : new long[] {-3601, -61, -1, 0, 1, 59, 60, 3599, 3600}) seconds.add(at + d);
      t = rules.nextTransition(t.getInstant());
    }
    for (int i = 0; i < 20_000; i++) seconds.add(-2_000_000_000L + (long) (random.nextDouble() * 5_000_000_000L));
    java.util.Collections.shuffle(seconds, random);
    for (long second : seconds) {
      assertThat(shown.show(second)).as("%d", second).isEqualTo(ChicagoTime.show(Instant.ofEpochSecond(second)));
      long day = Math.floorDiv(second, 86_400L);
      assertThat(shown.day(day)).isEqualTo(java.time.LocalDate.ofEpochDay(day).toString());
    }
    // and in order, as a year's report mostly reads them
    java.util.Collections.sort(seconds);
    ChicagoTime.Shown again = new ChicagoTime.Shown();
    for (long second : seconds) {
      assertThat(again.show(second)).as("%d", second).isEqualTo(ChicagoTime.show(Instant.ofEpochSecond(second)));
    }
  }

  @Test
  void parse_dayOrChicagoDateTime_andNamesTheFieldWhenBad() {
    assertThat(ChicagoTime.parse("received_at", "2024-07-15").at()).isNull();
    assertThat(ChicagoTime.parse("received_at", "2024-07-15T14:20").at()).isEqualTo(Instant.parse("2024-07-15T19:20:00Z"));
    assertThat(ChicagoTime.parse("received_at", "2024-01-15 14:20:05").at()).isEqualTo(Instant.parse("2024-01-15T20:20:05Z"));
    assertThatThrownBy(() -> ChicagoTime.parse("received_at", "15/07/2024")).isInstanceOf(InvalidInput.class)
        .hasMessage("received_at: \"15/07/2024\" is not a date or date-time (want YYYY-MM-DD or YYYY-MM-DDTHH:MM, Chicago time)");
    assertThatThrownBy(() -> ChicagoTime.parseInstant("bail_posted_at", "2024-07-15")).hasMessageContaining("has no time");
  }
}
