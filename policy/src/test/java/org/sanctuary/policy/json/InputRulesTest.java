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
}
