package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code policies list} says what is in force "today": the city's date, not the JVM's or UTC's.
 * The Illinois TRUST Act as amended took effect on 2021-08-02; at 23:30 Chicago time (CDT, UTC-5)
 * the UTC date is already the next day.
 */
class PoliciesListCalendarTest {
  private static String list(String chicagoTime, String... args) {
    PoliciesCommand.ListPacks command = new PoliciesCommand.ListPacks();
    Instant at = LocalDateTime.parse(chicagoTime).atZone(ZoneId.of("America/Chicago")).toInstant();
    command.clock = Clock.fixed(at, ZoneOffset.UTC);
    StringWriter out = new StringWriter();
    int status = new CommandLine(command).setOut(new PrintWriter(out, true)).execute(args);
    assertThat(status).isZero();
    return out.toString();
  }

  private static String row(String listing, String pack) {
    return listing.lines().filter(l -> l.startsWith(pack + " ")).findFirst().orElseThrow();
  }

  @Test
  void list_at2330ChicagoTheEveningBeforeALawStarts_saysNotYet() {
    String out = list("2021-08-01T23:30");
    assertThat(out).contains("ON 2021-08-01");
    assertThat(row(out, "illinois-trust-act-2021")).endsWith("not yet");
    assertThat(row(out, "illinois-trust-act-2017")).endsWith("IN FORCE");
  }

  @Test
  void list_at2330ChicagoOnALawsStartDate_saysInForceOnThatDate() {
    String out = list("2021-08-02T23:30");
    assertThat(out).contains("ON 2021-08-02");
    assertThat(row(out, "illinois-trust-act-2021")).endsWith("IN FORCE");
    assertThat(row(out, "illinois-trust-act-2017")).endsWith("ended");
  }

  @Test
  void list_cityZoneOption_movesTheDate() {
    // 23:30 in Chicago is 00:30 the next day in New York
    String out = list("2021-08-01T23:30", "--city-zone", "America/New_York");
    assertThat(out).contains("ON 2021-08-02");
  }

  @Test
  void list_unknownCityZone_isBadInputNamingTheOption() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.execute(new String[] {"policies", "list", "--city-zone", "Mars/Olympus"},
        new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("city-zone").contains("Mars/Olympus");
  }
}
