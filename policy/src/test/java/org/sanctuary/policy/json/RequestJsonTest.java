package org.sanctuary.policy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.Kind;

class RequestJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VALID = "{\"id\":\"r-1\",\"received\":\"2019-07-15\",\"receivingAgency\":\"CPD\","
      + "\"requester\":\"ICE\",\"kind\":\"DETAINER\",\"basis\":\"ADMINISTRATIVE_WARRANT\","
      + "\"purpose\":\"CIVIL_IMMIGRATION\",\"subject\":{\"felonyConviction\":true}}";

  private static FederalRequest parse(String json) throws Exception {
    return RequestJson.parse(JSON.readTree(json));
  }

  @Test
  void parse_theDesignExample_readsEveryField() throws Exception {
    FederalRequest r = parse(VALID);
    assertThat(r.id()).isEqualTo("r-1");
    assertThat(r.kind()).isEqualTo(Kind.DETAINER);
    assertThat(r.subject().felonyConviction()).isTrue();
    assertThat(r.subject().gangDatabase()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "received|\"received\":\"2019-07-15\"|\"received\":\"2019-13-01\"|is not a date (want YYYY-MM-DD)",
      "received|\"received\":\"2019-07-15\"|\"received\":\"15/07/2019\"|is not a date",
      "kind|\"kind\":\"DETAINER\"|\"kind\":\"HOLD\"|\"HOLD\" is not one of DETAINER",
      "purpose|,\"purpose\":\"CIVIL_IMMIGRATION\"||purpose: missing (required)",
      "receivingAgency|\"receivingAgency\":\"CPD\"|\"receivingAgency\":7|is not a text",
      "subject.felonyConviction|\"felonyConviction\":true|\"felonyConviction\":\"yes\"|is not true or false",
      "subject.age|\"felonyConviction\":true|\"age\":30|unknown field",
      "colour|\"id\":\"r-1\"|\"colour\":\"red\"|unknown field 'colour'",
      "citizenship|\"id\":\"r-1\"|\"citizenship\":\"none\"|never collects immigration status",
      "subject.placeOfBirth|\"felonyConviction\":true|\"placeOfBirth\":\"x\"|never collects",
      "immigrationStatus|\"id\":\"r-1\"|\"immigrationStatus\":\"x\"|never collects"})
  void parse_badField_namesTheField(String field, String from, String to, String message) {
    String json = VALID.replace(from, to == null ? "" : to);
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((InputException) e).field()).isEqualTo(field));
  }

  @Test
  void parse_notAnObject_isAnErrorOnTheBody() {
    assertThatThrownBy(() -> parse("[1,2]")).isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).field()).isEqualTo("body"));
  }
}
