package org.sanctuary.policy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.sanctuary.policy.InputException;

class InputRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void text_withNul_refusedNamingField() {
    assertThatThrownBy(() -> InputRules.text("requester", "IC\u0000E"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("requester: ")
        .hasMessageContaining("U+0000")
        .satisfies(e -> assertThat(((InputException) e).field()).isEqualTo("requester"));
  }

  @Test
  void text_withOtherControlCharacterOrLoneSurrogate_refused() {
    assertThatThrownBy(() -> InputRules.text("name", "a\u001bb")).hasMessageContaining("U+001B");
    assertThatThrownBy(() -> InputRules.text("name", "a\ud800b")).hasMessageContaining("U+D800");
  }

  @Test
  void text_withTabsNewlinesAndAnyScript_kept() {
    String ok = "Línea 1\n\tlínea 2\r\n 北京 😀";
    assertThat(InputRules.text("narrative", ok)).isEqualTo(ok);
    assertThat(InputRules.text("narrative", null)).isNull();
  }

  @Test
  void checkTree_nulInNestedValueOrName_refusedWithPath() throws Exception {
    assertThatThrownBy(() -> InputRules.checkTree(JSON.readTree("{\"a\":{\"b\":[\"x\",\"y\\u0000\"]}}")))
        .isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).field()).isEqualTo("a.b[1]"));
    assertThatThrownBy(() -> InputRules.checkTree(JSON.readTree("{\"k\\u0000\":1}")))
        .isInstanceOf(InputException.class);
    InputRules.checkTree(JSON.readTree("{\"a\":[1,true,null,\"fine\"]}"));
  }

  @Test
  void date_outsideYears1To9999_refused() {
    for (String bad : new String[] {"-5000-01-01", "+999999999-12-31", "0000-12-31", "+10000-01-01",
        "2019-02-30", "2019-7-1", "", "2019-07-01T00:00"}) {
      assertThatThrownBy(() -> InputRules.date("startsOn", bad))
          .as(bad)
          .isInstanceOf(InputException.class)
          .hasMessageStartingWith("startsOn: ")
          .hasMessageContaining("(want YYYY-MM-DD");
    }
    assertThat(InputRules.date("startsOn", "0001-01-01")).isEqualTo(LocalDate.of(1, 1, 1));
    assertThat(InputRules.date("startsOn", "9999-12-31")).isEqualTo(LocalDate.of(9999, 12, 31));
  }

  @Test
  void instant_outsideYears1To9999_refused() {
    for (String bad : new String[] {"+999999999-12-31T00:00:00Z", "-5000-01-01T00:00:00Z",
        "0000-06-01T00:00:00Z", "10000-01-01T00:00:00Z", "tomorrow"}) {
      assertThatThrownBy(() -> InputRules.instant("expiresAt", bad))
          .as(bad)
          .isInstanceOf(InputException.class)
          .hasMessageStartingWith("expiresAt: ");
    }
    assertThat(InputRules.instant("expiresAt", "2027-01-01T00:00:00Z"))
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
  }

  /** The date rule as it was written before its fast path: a regex, then the strict ISO parser. */
  private static String referenceDate(String value) {
    if (java.util.regex.Pattern.matches("\\d{4}-\\d{2}-\\d{2}", value)) {
      try {
        LocalDate parsed = LocalDate.parse(value);
        if (parsed.getYear() >= 1 && parsed.getYear() <= 9999) return parsed.toString();
        return "refused: d: \"" + parsed + "\" is out of range (want YYYY-MM-DD, years 1 to 9999)";
      } catch (java.time.format.DateTimeParseException e) {
        // refused below
      }
    }
    if (java.util.regex.Pattern.matches("([+-]\\d+|\\d{5,})-\\d{2}-\\d{2}", value)) {
      return "refused: d: \"" + value + "\" is out of range (want YYYY-MM-DD, years 1 to 9999)";
    }
    return "refused: d: \"" + value + "\" is not a date (want YYYY-MM-DD)";
  }

  private static String actualDate(String value) {
    try {
      return InputRules.date("d", value).toString();
    } catch (InputException e) {
      return "refused: " + e.getMessage();
    }
  }

  @Test
  void date_everyMonthAndDayFrom00To99_sameAsTheStrictIsoParser() {
    java.util.List<String> values = new java.util.ArrayList<>();
    for (String year : new String[] {"0000", "0001", "1900", "1999", "2000", "2023", "2024", "9999"}) {
      for (int m = 0; m < 100; m++) {
        for (int d = 0; d < 100; d++) values.add(String.format("%s-%02d-%02d", year, m, d));
      }
    }
    values.addAll(java.util.List.of("2024-1-01", "2024-01-1", "20240101", "2024/01/01", "2024-01-01 ", " 2024-01-01",
        "٢٠٢٤-٠١-٠١", "2024-01-0a", "+2024-01-01", "-2024-01-01", "12024-01-01", "2024-01-01Z", "2024-0１-01"));
    for (String v : values) {
      assertThat(actualDate(v)).as(v).isEqualTo(referenceDate(v));
    }
  }
}
