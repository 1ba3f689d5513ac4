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
  void parse_dayOrChicagoDateTime_andNamesTheFieldWhenBad() {
    assertThat(ChicagoTime.parse("received_at", "2024-07-15").at()).isNull();
    assertThat(ChicagoTime.parse("received_at", "2024-07-15T14:20").at()).isEqualTo(Instant.parse("2024-07-15T19:20:00Z"));
    assertThat(ChicagoTime.parse("received_at", "2024-01-15 14:20:05").at()).isEqualTo(Instant.parse("2024-01-15T20:20:05Z"));
    assertThatThrownBy(() -> ChicagoTime.parse("received_at", "15/07/2024")).isInstanceOf(InvalidInput.class)
        .hasMessage("received_at: \"15/07/2024\" is not a date or date-time (want YYYY-MM-DD or YYYY-MM-DDTHH:MM, Chicago time)");
    assertThatThrownBy(() -> ChicagoTime.parseInstant("bail_posted_at", "2024-07-15")).hasMessageContaining("has no time");
  }
}
