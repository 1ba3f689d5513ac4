package org.sanctuary.cases;

import java.util.List;

/**
 * One page of the case list: its cases, how many match in all, and how many come before its first,
 * so the page can say "cases 51 to 100 of 734" and link to the pages either side.
 */
public record CasePage(List<CaseViews.Summary> cases, long total, long preceding) {
  public CasePage {
    cases = List.copyOf(cases);
  }

  /** The position of the first case shown, counting from 1 (0 when none is shown). */
  public long from() {
    return cases.isEmpty() ? 0 : preceding + 1;
  }

  public long to() {
    return preceding + cases.size();
  }

  public boolean hasPrevious() {
    return !cases.isEmpty() && preceding > 0;
  }

  public boolean hasNext() {
    return !cases.isEmpty() && to() < total;
  }

  /** The first case shown: the next page's "before" goes back from it. */
  public long firstId() {
    return cases.get(0).id();
  }

  /** The last case shown: the next page starts after it. */
  public long lastId() {
    return cases.get(cases.size() - 1).id();
  }
}
