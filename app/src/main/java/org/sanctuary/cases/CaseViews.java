package org.sanctuary.cases;


import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the case pages show. Text fields hold decrypted words and are shown to investigators only. */
public final class CaseViews {
  private CaseViews() {}

  /** The city's calendar day of an instant, for pages. */
  public static String day(Instant at) {
    return org.sanctuary.labels.CityTimes.day(at);
  }

  /** The city's local date and time of an instant with its zone, {@code 2026-12-02 10:15 CST}. */
  public static String when(Instant at) {
    return org.sanctuary.labels.CityTimes.when(at);
  }

  /** A status as the history stores it ({@code INVESTIGATING}), in words. */
  public static String status(String code) {
    try {
      return CaseStatus.valueOf(code).label();
    } catch (IllegalArgumentException | NullPointerException e) {
      return String.valueOf(code);
    }
  }

  /** A line in the case list: codes and dates only. */
  public record Summary(long id, Instant receivedAt, String category, String department,
      CaseStatus status, String assignee, boolean firstActionOverdue, boolean findingOverdue, boolean synthetic) {
    public boolean overdue() {
      return firstActionOverdue || findingOverdue;
    }
  }

  /** Who may be assigned a case. */
  public record StaffRef(long id, String username) {}

  public record Note(Instant at, String author, String text) {}

  public record Event(Instant at, String actor, String kind, String fromStatus, String toStatus,
      String assignee, long ledgerIndex) {}

  public record Detail(
      long id,
      String body,
      Instant receivedAt,
      String category,
      String employeeType,
      String department,
      LocalDate occurredOn,
      String location,
      String language,
      CaseStatus status,
      String assignee,
      Instant firstActionDue,
      Instant findingDue,
      boolean firstActionOverdue,
      boolean findingOverdue,
      String employee,
      String description,
      String witnesses,
      String contact,
      boolean contactDestroyed,
      List<Note> followups,
      List<Note> notes,
      List<Event> history,
      List<Long> linked,
      List<CaseStatus> next,
      List<StaffRef> assignable,
      boolean synthetic) {
    public Detail {
      followups = List.copyOf(followups);
      notes = List.copyOf(notes);
      history = List.copyOf(history);
      linked = List.copyOf(linked);
      next = List.copyOf(next);
      assignable = List.copyOf(assignable);
    }
  }

  /** How many cases a body holds in one status: all an auditor sees. */
  public record Count(String body, CaseStatus status, long cases, long overdue) {}
}
