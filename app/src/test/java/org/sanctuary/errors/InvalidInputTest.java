package org.sanctuary.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidInputTest {
  @Test
  void of_noValue_saysMissingInsteadOfDescribingNothing() {
    assertThat(InvalidInput.of("caseNumber", null, "is not a case number", "the case number").getMessage())
        .isEqualTo("caseNumber: missing (want the case number)");
    assertThat(InvalidInput.of("parameters.lastName", null, "is missing", "a name").getMessage())
        .isEqualTo("parameters.lastName: missing (want a name)");
  }

  @Test
  void of_aValue_quotesItAndNamesTheField() {
    InvalidInput e = InvalidInput.of("purpose", "CIVIL", "is not a purpose", "CRIMINAL or CIVIL_IMMIGRATION");
    assertThat(e.field()).isEqualTo("purpose");
    assertThat(e.getMessage()).isEqualTo("purpose: \"CIVIL\" is not a purpose (want CRIMINAL or CIVIL_IMMIGRATION)");
  }
}
