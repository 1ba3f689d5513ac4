package org.sanctuary.cases;


import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the case pages show. Text fields hold decrypted words and are shown to investigators only. */
public final class CaseViews {
  private static final java.time.ZoneId CITY = org.sanctuary.incidents.IncidentService.CITY_ZONE;
  private static final java.time.format.DateTimeFormatter WHEN =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private CaseViews() {}

  /** The city's calendar day of an instant, for pages. */
  public static String day(Instant at) {
    return LocalDate.ofInstant(at, CITY).toString();
  }

  /** The city's local date and time of an instant, for pages. */
  public static String when(Instant at) {
    return WHEN.format(at.atZone(CITY));
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
