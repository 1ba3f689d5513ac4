package org.sanctuary.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sanctuary.cases.CaseStore.Current;
import org.sanctuary.cases.CaseStore.NewEvent;
import org.sanctuary.cases.CaseStore.SealedNote;
import org.sanctuary.cases.CaseViews.Count;
import org.sanctuary.cases.CaseViews.Detail;
import org.sanctuary.cases.CaseViews.Note;
import org.sanctuary.cases.CaseViews.Summary;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.errors.NotFound;
import org.sanctuary.errors.NotPermitted;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.incidents.model.Investigator;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffUser;
import org.sanctuary.store.Database;

/**
 * The investigators' work on reports. Each body (COPA, OIG) sees only the cases routed to it; a
 * case of the other body is answered as if it did not exist. Every change (status, assignment,
 * note) is written in the ledger's own transaction together with its entry: both are durable or
 * neither is, and if the ledger cannot record it the caller gets an error. The SQL is in
 * {@link CaseStore}; this class holds the rules.
 */
public final class CaseService {
  // version 2 of the case.* entries names the incident by the keyed hash (IncidentKey.ledgerName)
  private static final int ENTRY_VERSION = 2;
  public static final int MAX_NOTE = 5000;

  private final CaseStore store;
  private final IncidentKey key;
  private final Ledger ledger;
  private final Clock clock;
  private final CaseDeadlines deadlines;

  public CaseService(Database database, IncidentKey key, Ledger ledger, Clock clock,
      CaseDeadlines deadlines) {
    this.store = new CaseStore(database);
    this.key = key;
    this.ledger = ledger;
    this.clock = clock;
    this.deadlines = deadlines;
  }

  /** The body whose cases this staff member works: from their investigator role. */
  public static Optional<Investigator> bodyOf(StaffUser user) {
    if (user.has(Role.COPA_INVESTIGATOR)) {
      return Optional.of(Investigator.COPA);
    }
    if (user.has(Role.OIG_INVESTIGATOR)) {
      return Optional.of(Investigator.OIG);
    }
    return Optional.empty();
  }

  private static Investigator requireBody(StaffUser user) {
    return bodyOf(user).orElseThrow(() -> new NotPermitted(
        "case work needs COPA_INVESTIGATOR or OIG_INVESTIGATOR (a supervisor holds one of them too)"));
  }

  public CaseDeadlines deadlines() {
    return deadlines;
  }

  /** Cases a page shows at most; the page asks for fewer with {@code size}. */
  public static final int MAX_PAGE = 200;
  public static final int DEFAULT_PAGE = 50;

  /**
   * One page of the body's cases the filter lets through, oldest first: after case {@code after},
   * before case {@code before} (both from the list's own links), or from the start.
   */
  public CasePage page(StaffUser user, CaseFilter filter, Long after, Long before, int size) {
    Investigator body = requireBody(user);
    if (after != null && before != null) {
      throw new InvalidInput("before", "before: given with after (want one of them: the list's own links give one)");
    }
    if (size < 1 || size > MAX_PAGE) {
      throw InvalidInput.of("size", Integer.toString(size), "is out of bounds", "1 to " + MAX_PAGE);
    }
    Instant now = clock.instant();
    CaseStore.Page page = store.page(body, filter, user.id(), deadlines.cutoffs(now), after, before, size);
    List<Summary> out = new ArrayList<>();
    for (CaseStore.Row r : page.rows()) {
      out.add(summary(r, now));
    }
    return new CasePage(out, page.total(), page.preceding());
  }

  /** Every case of the body the filter lets through, oldest first (for tools and tests; pages use {@link #page}). */
  public List<Summary> list(StaffUser user, CaseFilter filter) {
    Investigator body = requireBody(user);
    Instant now = clock.instant();
    List<Summary> out = new ArrayList<>();
    for (CaseStore.Row r : store.list(body, filter, user.id(), deadlines.cutoffs(now))) {
      out.add(summary(r, now));
    }
    return out;
  }

  private Summary summary(CaseStore.Row r, Instant now) {
    return new Summary(r.id(), r.receivedAt(), r.category(), r.department(), r.status(),
        r.assignee(), deadlines.firstActionOverdue(r.receivedAt(), r.status(), r.acted(), now),
        deadlines.findingOverdue(r.receivedAt(), r.status(), now), r.synthetic());
  }

  /** Counts by body and status, for auditors: no text, no contact, no names. */
  public List<Count> counts() {
    List<Count> out = new ArrayList<>();
    for (CaseStore.CountRow r : store.counts(deadlines.cutoffs(clock.instant()))) {
      out.add(new Count(r.body(), r.status(), r.cases(), r.overdue()));
    }
    out.sort((a, b) -> a.body().equals(b.body())
        ? a.status().compareTo(b.status()) : a.body().compareTo(b.body()));
    return out;
  }

  /** One case with its words decrypted, for its own body's investigators only. */
  public Detail open(StaffUser user, long id) {
    Investigator body = requireBody(user);
    Instant now = clock.instant();
    boolean supervisor = user.has(Role.SUPERVISOR);
    CaseStore.Stored c = store.open(id, body, supervisor).orElseThrow(() -> notFound(id));
    Set<CaseStatus> next = EnumSet.noneOf(CaseStatus.class);
    next.addAll(c.status().next());
    if (!supervisor) {
      next.remove(CaseStatus.CLOSED);
    }
    String receipt = c.receipt();
    return new Detail(id, body.name(), c.receivedAt(), c.category(), c.employeeType(),
        c.department(), c.occurredOn(), c.location(), c.language(), c.status(), c.assignee(),
        c.receivedAt().plus(deadlines.firstAction()), c.receivedAt().plus(deadlines.finding()),
        deadlines.firstActionOverdue(c.receivedAt(), c.status(), c.acted(), now),
        deadlines.findingOverdue(c.receivedAt(), c.status(), now),
        decrypt(c.employee(), receipt, "employee"),
        decrypt(c.description(), receipt, "description"),
        decrypt(c.witnesses(), receipt, "witnesses"),
        decrypt(c.contact(), receipt, "contact"),
        c.contactDestroyed(),
        unseal(c.followups(), receipt, "followup"), unseal(c.notes(), receipt, "case_note"),
        c.history(), c.linked(), List.copyOf(next),
        supervisor && c.status() != CaseStatus.CLOSED ? c.investigators() : List.of(), c.synthetic());
  }

  /** Moves a case to {@code to}, if that is allowed from where it stands. */
  public void transition(StaffUser user, long id, CaseStatus to) {
    Investigator body = requireBody(user);
    if (to == CaseStatus.CLOSED && !user.has(Role.SUPERVISOR)) {
      throw new NotPermitted("status", "status: only a supervisor closes a case");
    }
    Instant now = clock.instant();
    Current current = current(id, body);
    if (!current.status().next().contains(to)) {
      throw InvalidInput.of("status", to.name(), "cannot follow " + current.status().name(),
          "one of " + current.status().next());
    }
    Map<String, Object> f = entry(current.receipt(), user, now);
    f.put("from", current.status().name());
    f.put("to", to.name());
    ledger.append(LedgerEntry.of("case.transition", ENTRY_VERSION, f), (c, index) -> {
      if (!CaseStore.moveStatus(c, id, current.status(), to, now)) {
        return Ledger.Outcome.refused(changedMeanwhile("status"));
      }
      CaseStore.markActed(c, id, now, to.isFinding() || to == CaseStatus.REFERRED);
      CaseStore.event(c, new NewEvent(id, user.id(), now, "case.transition", current.status(), to,
          null, null, index));
      return Ledger.Outcome.done(null);
    });
  }

  /** A supervisor gives the case to an investigator of the same body. */
  public void assign(StaffUser user, long id, long assigneeId) {
    Investigator body = requireBody(user);
    if (!user.has(Role.SUPERVISOR)) {
      throw new NotPermitted("assignee", "assignee: only a supervisor assigns cases");
    }
    Instant now = clock.instant();
    Current current = current(id, body);
    if (current.status() == CaseStatus.CLOSED) {
      throw InvalidInput.of("assignee", String.valueOf(assigneeId), "cannot be given a closed case",
          "an open case");
    }
    if (store.investigators(body).stream().noneMatch(r -> r.id() == assigneeId)) {
      throw InvalidInput.of("assignee", String.valueOf(assigneeId),
          "is not an active investigator of " + body, "one of the listed investigators");
    }
    CaseStatus to = current.status() == CaseStatus.RECEIVED ? CaseStatus.ASSIGNED : current.status();
    Map<String, Object> f = entry(current.receipt(), user, now);
    f.put("assignee", assigneeId);
    f.put("from", current.status().name());
    f.put("to", to.name());
    ledger.append(LedgerEntry.of("case.assigned", ENTRY_VERSION, f), (c, index) -> {
      if (!CaseStore.moveStatus(c, id, current.status(), to, now)) {
        return Ledger.Outcome.refused(changedMeanwhile("assignee"));
      }
      CaseStore.assign(c, id, assigneeId, now);
      CaseStore.event(c, new NewEvent(id, user.id(), now, "case.assigned", current.status(), to,
          assigneeId, null, index));
      return Ledger.Outcome.done(null);
    });
  }

  /** Adds an investigator's note, encrypted; the ledger records that a note was added, not its words. */
  public void addNote(StaffUser user, long id, String text) {
    Investigator body = requireBody(user);
    if (text == null || text.isBlank()) {
      throw new InvalidInput("text", "text: empty (want the note's text)");
    }
    if (text.length() > MAX_NOTE) {
      throw new InvalidInput("text", "text: " + text.length() + " characters (want at most " + MAX_NOTE + ")");
    }
    Instant now = clock.instant();
    Current current = current(id, body);
    long noteId = store.nextNoteId();
    byte[] sealed = key.encrypt(text, current.receipt(), "case_note");
    Map<String, Object> f = entry(current.receipt(), user, now);
    f.put("note", noteId);
    ledger.append(LedgerEntry.of("case.note_added", ENTRY_VERSION, f), (c, index) -> {
      CaseStore.addNote(c, noteId, id, user.id(), now, sealed);
      CaseStore.markActed(c, id, now, false);
      CaseStore.event(c, new NewEvent(id, user.id(), now, "case.note_added", null, null, null,
          noteId, index));
      return Ledger.Outcome.done(null);
    });
  }

  /** Another change to the case committed between our check and our write. */
  private static InvalidInput changedMeanwhile(String field) {
    return new InvalidInput(field, field + ": the case changed meanwhile (reload it and try again)");
  }

  private Current current(long id, Investigator body) {
    return store.current(id, body).orElseThrow(() -> notFound(id));
  }

  // a case of the other body is answered exactly like one that does not exist
  private static NotFound notFound(long id) {
    return new NotFound("case " + id + ": not found among your office's cases");
  }

  /** The ledger names the report as the intake does, and the actor by id. */
  private Map<String, Object> entry(String receipt, StaffUser user, Instant now) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("incident", key.ledgerName(receipt));
    f.put("actor", user.id());
    f.put("at", now.toString());
    return f;
  }

  private String decrypt(byte[] sealed, String receipt, String column) {
    return sealed == null ? null : key.decrypt(sealed, receipt, column);
  }

  private List<Note> unseal(List<SealedNote> sealed, String receipt, String column) {
    List<Note> out = new ArrayList<>(sealed.size());
    for (SealedNote n : sealed) {
      out.add(new Note(n.at(), n.author() == null ? "reporter" : n.author(),
          key.decrypt(n.sealed(), receipt, column)));
    }
    return out;
  }
}
