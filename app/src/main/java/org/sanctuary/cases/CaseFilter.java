package org.sanctuary.cases;

import java.util.Locale;
import org.sanctuary.incidents.model.Category;
import org.sanctuary.errors.InvalidInput;

/** The case list's filter; null means "any". */
public record CaseFilter(CaseStatus status, Category category, boolean overdue, boolean mine) {
  public static final CaseFilter ALL = new CaseFilter(null, null, false, false);

  /** From query parameters; an unknown status or category is refused naming it. */
  public static CaseFilter parse(String status, String category, String overdue, String mine) {
    return new CaseFilter(
        parseEnum("status", status, CaseStatus.class),
        parseEnum("category", category, Category.class),
        "1".equals(overdue) || "on".equals(overdue),
        "1".equals(mine) || "on".equals(mine));
  }

  private static <E extends Enum<E>> E parseEnum(String field, String raw, Class<E> type) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInput.of(field, raw, "is not known", "one of " + java.util.List.of(type.getEnumConstants()));
    }
  }
}
