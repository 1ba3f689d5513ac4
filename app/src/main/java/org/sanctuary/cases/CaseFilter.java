package org.sanctuary.cases;

import java.util.Locale;
import org.sanctuary.incidents.Receipts;
import org.sanctuary.incidents.model.Category;
import org.sanctuary.errors.InvalidInput;

/**
 * The case list's filter; null means "any". {@code caseNumber} and {@code receipt} come from the
 * search box: one case by its number or by the receipt the reporter was given.
 */
public record CaseFilter(CaseStatus status, Category category, boolean overdue, boolean mine, Long caseNumber,
    String receipt) {
  public static final CaseFilter ALL = new CaseFilter(null, null, false, false);

  public CaseFilter(CaseStatus status, Category category, boolean overdue, boolean mine) {
    this(status, category, overdue, mine, null, null);
  }

  /** From query parameters; an unknown status or category is refused naming it. */
  public static CaseFilter parse(String status, String category, String overdue, String mine) {
    return parse(status, category, overdue, mine, null);
  }

  /** As above, with the search box {@code q}: a case number ({@code 123} or {@code #123}) or a receipt. */
  public static CaseFilter parse(String status, String category, String overdue, String mine, String q) {
    Long number = null;
    String receipt = null;
    String term = q == null ? "" : q.strip();
    if (!term.isEmpty()) {
      String digits = term.startsWith("#") ? term.substring(1).strip() : term;
      if (digits.matches("[0-9]{1,18}")) {
        number = Long.parseLong(digits);
      } else {
        receipt = Receipts.normalize(term, Receipts.RECEIPT_LENGTH);
        if (receipt == null) {
          throw InvalidInput.of("q", term, "is not a case number or a receipt",
              "a case number such as 123, or the " + Receipts.RECEIPT_LENGTH + "-character receipt");
        }
      }
    }
    return new CaseFilter(
        parseEnum("status", status, CaseStatus.class),
        parseEnum("category", category, Category.class),
        "1".equals(overdue) || "on".equals(overdue),
        "1".equals(mine) || "on".equals(mine),
        number, receipt);
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
