package org.sanctuary.policy.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, defect 5: {@code status_immigration} was listed but never matched, because the
 * normaliser strips underscores from the input and not from the list. Every entry must match in
 * every spelling the normaliser accepts.
 */
class ForbiddenFieldsTest {
  private static final String[] SEPARATORS = {"_", "-", " ", ".", "__", "0"};

  /** The entry as written, and spelled with other case and separators in seeded random places. */
  static List<String> spellings(String entry, Random random) {
    String letters = entry.replaceAll("[^A-Za-z]", "");
    List<String> out = new ArrayList<>(List.of(entry, entry.toUpperCase(Locale.ROOT), letters,
        letters.toUpperCase(Locale.ROOT), Character.toUpperCase(letters.charAt(0)) + letters.substring(1),
        String.join("_", letters.split("")), String.join("-", letters.split(""))));
    for (int n = 0; n < 20; n++) {
      StringBuilder s = new StringBuilder();
      for (char c : letters.toCharArray()) {
        if (s.length() > 0 && random.nextInt(4) == 0) s.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
        s.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
      }
      out.add(s.toString());
    }
    return out;
  }

  @Test
  void isForbidden_everyListEntryInEverySpelling_matches() {
    Random random = new Random(13);
    assertThat(ForbiddenFields.names()).isNotEmpty().contains("status_immigration");
    List<String> missed = new ArrayList<>();
    for (String entry : ForbiddenFields.names()) {
      for (String spelling : spellings(entry, random)) {
        if (!ForbiddenFields.isForbidden(spelling)) missed.add(entry + " as \"" + spelling + "\"");
      }
    }
    assertThat(missed).isEmpty();
  }

  @Test
  void isForbidden_statusImmigrationSpellings_match() {
    for (String s : List.of("status_immigration", "statusImmigration", "STATUS-IMMIGRATION", "status immigration")) {
      assertThat(ForbiddenFields.isForbidden(s)).as(s).isTrue();
    }
  }

  @Test
  void isForbidden_ordinaryFields_doNotMatch() {
    for (String s : List.of("status", "received", "requester", "subject", "felonyConviction", "category",
        "department", "birthday", "citizen_review_board_id")) {
      assertThat(ForbiddenFields.isForbidden(s)).as(s).isFalse();
    }
  }

  @Test
  void isForbidden_askedAgain_sameAnswer() {
    // the answer depends on the name alone: asked again, or for an equal string, it is the same
    for (String s : List.of("received", "Citizenship", "subject", "place-of-birth", "kind", "immigrationStatus")) {
      boolean first = ForbiddenFields.isForbidden(s);
      assertThat(ForbiddenFields.isForbidden(s)).as(s).isEqualTo(first);
      assertThat(ForbiddenFields.isForbidden(new String(s))).as(s).isEqualTo(first);
    }
    assertThat(ForbiddenFields.isForbidden("Citizenship")).isTrue();
    assertThat(ForbiddenFields.isForbidden("received")).isFalse();
  }

  @Test
  void isForbidden_lettersThatLowerCaseIntoAscii_stillMatch() {
    // a dotted capital I lower-cases to "i" and a combining dot, which is dropped
    assertThat(ForbiddenFields.isForbidden("C\u0130TIZENSHIP")).isTrue();
    assertThat(ForbiddenFields.isForbidden("B\u0130RTHPLACE")).isTrue();
  }

  @Test
  void isForbidden_manyDistinctNames_stillAnsweredOnceTheMemoryIsFull() {
    for (int i = 0; i < 3000; i++) assertThat(ForbiddenFields.isForbidden("field" + i)).isFalse();
    assertThat(ForbiddenFields.isForbidden("birthplace_of_holder_" + 9999)).isTrue();
    assertThat(ForbiddenFields.isForbidden("x".repeat(500) + "citizenship")).isTrue();
  }
}
