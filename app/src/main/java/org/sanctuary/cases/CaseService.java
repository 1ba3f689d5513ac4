package org.sanctuary.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sanctuary.cases.CaseViews.Count;
import org.sanctuary.cases.CaseViews.Detail;
import org.sanctuary.cases.CaseViews.Event;
import org.sanctuary.cases.CaseViews.Note;
import org.sanctuary.cases.CaseViews.StaffRef;
import org.sanctuary.cases.CaseViews.Summary;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.incidents.model.Investigator;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.ledger.store.LedgerUnavailableException;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffUser;
import org.sanctuary.store.Database;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.errors.NotPermitted;
import org.sanctuary.errors.NotFound;

/**
 * The investigators' work on reports. Each body (COPA, OIG) sees only the cases routed to it; a
 * case of the other body is answered as if it did not exist. Every change (status, assignment,
 * note) is written in the ledger's own transaction together with its entry: both are durable or
 * neither is, and if the ledger cannot record it the caller gets an error.
 */
public final class CaseService {
  public static final int MAX_NOTE = 5000;
  private static final int MAX_LIST = 500;

  private final Database database;
  private final IncidentKey key;
  private final Ledger ledger;
  private final Clock clock;
  private final CaseDeadlines deadlines;

  public CaseService(Database database, IncidentKey key, Ledger ledger, Clock clock,
      CaseDeadlines deadlines) {
    this.database = database;
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

  public List<Summary> list(StaffUser user, CaseFilter filter) {
    Investigator body = requireBody(user);
    Instant now = clock.instant();
    StringBuilder sql = new StringBuilder(
        "SELECT i.id, i.created_at, i.category, i.department, i.status, a.username,"
            + " f.first_action_at FROM incident i"
            + " LEFT JOIN case_file f ON f.incident_id = i.id"
            + " LEFT JOIN staff_account a ON a.id = f.assigned_to WHERE i.routed_to = ?");
    List<Object> args = new ArrayList<>(List.of(body.name()));
    if (filter.status() != null) {
      sql.append(" AND i.status = ?");
      args.add(filter.status().name());
    }
    if (filter.category() != null) {
      sql.append(" AND i.category = ?");
      args.add(filter.category().name());
    }
    if (filter.mine()) {
      sql.append(" AND f.assigned_to = ?");
      args.add(user.id());
    }
    if (filter.overdue()) {
      sql.append(" AND ((f.first_action_at IS NULL AND i.status IN ('RECEIVED', 'ASSIGNED')"
          + " AND i.created_at <= ?) OR (i.status IN ('RECEIVED', 'ASSIGNED', 'INVESTIGATING')"
          + " AND i.created_at <= ?))");
      args.add(Timestamp.from(now.minus(deadlines.firstAction())));
      args.add(Timestamp.from(now.minus(deadlines.finding())));
    }
    sql.append(" ORDER BY i.created_at, i.id LIMIT ").append(MAX_LIST);
    return database.inTransaction(c -> {
      List<Summary> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          s.setObject(i + 1, args.get(i));
        }
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            Instant received = rs.getTimestamp(2).toInstant();
            CaseStatus status = CaseStatus.valueOf(rs.getString(5));
            boolean acted = rs.getTimestamp(7) != null;
            out.add(new Summary(rs.getLong(1), received, rs.getString(3), rs.getString(4), status,
                rs.getString(6), firstActionOverdue(received, status, acted, now),
                findingOverdue(received, status, now)));
          }
        }
      }
      return out;
    });
  }

  /** Counts by body and status, for auditors: no text, no contact, no names. */
  public List<Count> counts() {
    Instant now = clock.instant();
    return database.inTransaction(c -> {
      List<Count> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT i.routed_to, i.status, count(*), count(*) FILTER (WHERE"
              + " (f.first_action_at IS NULL AND i.status IN ('RECEIVED', 'ASSIGNED')"
              + " AND i.created_at <= ?) OR (i.status IN ('RECEIVED', 'ASSIGNED', 'INVESTIGATING')"
              + " AND i.created_at <= ?))"
              + " FROM incident i LEFT JOIN case_file f ON f.incident_id = i.id"
              + " GROUP BY i.routed_to, i.status ORDER BY i.routed_to, i.status")) {
        s.setTimestamp(1, Timestamp.from(now.minus(deadlines.firstAction())));
        s.setTimestamp(2, Timestamp.from(now.minus(deadlines.finding())));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(new Count(rs.getString(1), CaseStatus.valueOf(rs.getString(2)), rs.getLong(3),
                rs.getLong(4)));
          }
        }
      }
      out.sort((a, b) -> a.body().equals(b.body())
          ? a.status().compareTo(b.status()) : a.body().compareTo(b.body()));
      return out;
    });
  }

  /** One case with its words decrypted, for its own body's investigators only. */
  public Detail open(StaffUser user, long id) {
    Investigator body = requireBody(user);
    Instant now = clock.instant();
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT i.receipt, i.created_at, i.category, i.employee_type, i.department, i.occurred_on,"
              + " i.location, i.language, i.status, a.username, f.first_action_at, i.employee_enc,"
              + " i.description_enc, i.witnesses_enc, i.contact_enc, i.contact_destroyed_at"
              + " FROM incident i LEFT JOIN case_file f ON f.incident_id = i.id"
              + " LEFT JOIN staff_account a ON a.id = f.assigned_to"
              + " WHERE i.id = ? AND i.routed_to = ?")) {
        s.setLong(1, id);
        s.setString(2, body.name());
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            throw notFound(id);
          }
          String receipt = rs.getString(1);
          Instant received = rs.getTimestamp(2).toInstant();
          CaseStatus status = CaseStatus.valueOf(rs.getString(9));
          boolean acted = rs.getTimestamp(11) != null;
          Set<CaseStatus> next = EnumSet.noneOf(CaseStatus.class);
          next.addAll(status.next());
          if (!user.has(Role.SUPERVISOR)) {
            next.remove(CaseStatus.CLOSED);
          }
          return new Detail(id, body.name(), received, rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8),
              status, rs.getString(10),
              received.plus(deadlines.firstAction()), received.plus(deadlines.finding()),
              firstActionOverdue(received, status, acted, now), findingOverdue(received, status, now),
              decrypt(rs.getBytes(12), receipt, "employee"),
              decrypt(rs.getBytes(13), receipt, "description"),
              decrypt(rs.getBytes(14), receipt, "witnesses"),
              decrypt(rs.getBytes(15), receipt, "contact"),
              rs.getTimestamp(16) != null,
              followups(c, id, receipt), notes(c, id, receipt), history(c, id), linked(c, id, body),
              List.copyOf(next),
              user.has(Role.SUPERVISOR) && status != CaseStatus.CLOSED ? investigators(c, body) : List.of());
        }
      }
    });
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
    record(LedgerEntry.of("case.transition", f), (c, index) -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE incident SET status = ?, closed_at = CASE WHEN ? THEN ? ELSE closed_at END"
              + " WHERE id = ? AND status = ?")) {
        s.setString(1, to.name());
        s.setBoolean(2, to == CaseStatus.CLOSED);
        s.setTimestamp(3, Timestamp.from(now));
        s.setLong(4, id);
        s.setString(5, current.status().name());
        if (s.executeUpdate() != 1) {
          return Ledger.Outcome.refused(changedMeanwhile("status"));
        }
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO case_file (incident_id, first_action_at, finding_at, updated_at)"
              + " VALUES (?, ?, ?, ?) ON CONFLICT (incident_id) DO UPDATE SET"
              + " first_action_at = COALESCE(case_file.first_action_at, EXCLUDED.first_action_at),"
              + " finding_at = COALESCE(case_file.finding_at, EXCLUDED.finding_at),"
              + " updated_at = EXCLUDED.updated_at")) {
        s.setLong(1, id);
        s.setTimestamp(2, Timestamp.from(now));
        s.setTimestamp(3, to.isFinding() || to == CaseStatus.REFERRED ? Timestamp.from(now) : null);
        s.setTimestamp(4, Timestamp.from(now));
        s.executeUpdate();
      }
      event(c, id, user, now, "case.transition", current.status(), to, null, null, index);
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
    boolean known = database.inTransaction(
        c -> investigators(c, body).stream().anyMatch(r -> r.id() == assigneeId));
    if (!known) {
      throw InvalidInput.of("assignee", String.valueOf(assigneeId),
          "is not an active investigator of " + body, "one of the listed investigators");
    }
    CaseStatus to = current.status() == CaseStatus.RECEIVED ? CaseStatus.ASSIGNED : current.status();
    Map<String, Object> f = entry(current.receipt(), user, now);
    f.put("assignee", assigneeId);
    f.put("from", current.status().name());
    f.put("to", to.name());
    record(LedgerEntry.of("case.assigned", f), (c, index) -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE incident SET status = ? WHERE id = ? AND status = ?")) {
        s.setString(1, to.name());
        s.setLong(2, id);
        s.setString(3, current.status().name());
        if (s.executeUpdate() != 1) {
          return Ledger.Outcome.refused(changedMeanwhile("assignee"));
        }
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO case_file (incident_id, assigned_to, assigned_at, updated_at)"
              + " VALUES (?, ?, ?, ?) ON CONFLICT (incident_id) DO UPDATE SET"
              + " assigned_to = EXCLUDED.assigned_to, assigned_at = EXCLUDED.assigned_at,"
              + " updated_at = EXCLUDED.updated_at")) {
        s.setLong(1, id);
        s.setLong(2, assigneeId);
        s.setTimestamp(3, Timestamp.from(now));
        s.setTimestamp(4, Timestamp.from(now));
        s.executeUpdate();
      }
      event(c, id, user, now, "case.assigned", current.status(), to, assigneeId, null, index);
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
    // the entry names the note, so its id is drawn before the entry is written
    long noteId = database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT nextval('case_note_id_seq')");
          ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
    byte[] sealed = key.encrypt(text, current.receipt(), "case_note");
    Map<String, Object> f = entry(current.receipt(), user, now);
    f.put("note", noteId);
    record(LedgerEntry.of("case.note_added", f), (c, index) -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO case_note (id, incident_id, author_id, created_at, body_enc) VALUES (?, ?, ?, ?, ?)")) {
        s.setLong(1, noteId);
        s.setLong(2, id);
        s.setLong(3, user.id());
        s.setTimestamp(4, Timestamp.from(now));
        s.setBytes(5, sealed);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO case_file (incident_id, first_action_at, updated_at) VALUES (?, ?, ?)"
              + " ON CONFLICT (incident_id) DO UPDATE SET"
              + " first_action_at = COALESCE(case_file.first_action_at, EXCLUDED.first_action_at),"
              + " updated_at = EXCLUDED.updated_at")) {
        s.setLong(1, id);
        s.setTimestamp(2, Timestamp.from(now));
        s.setTimestamp(3, Timestamp.from(now));
        s.executeUpdate();
      }
      event(c, id, user, now, "case.note_added", null, null, null, noteId, index);
      return Ledger.Outcome.done(null);
    });
  }

  private record Current(String receipt, CaseStatus status) {}

  /** Another change to the case committed between our check and our write. */
  private static InvalidInput changedMeanwhile(String field) {
    return new InvalidInput(field, field + ": the case changed meanwhile (reload it and try again)");
  }

  /**
   * Appends the entry and writes the change in the ledger's own transaction, so both are durable or
   * neither is; a write's refusal reaches the caller unchanged.
   */
  private void record(LedgerEntry entry, Ledger.Write<Void> write) {
    ledger.append(entry, write);
  }

  private Current current(long id, Investigator body) {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT receipt, status FROM incident WHERE id = ? AND routed_to = ?")) {
        s.setLong(1, id);
        s.setString(2, body.name());
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            throw notFound(id);
          }
          return new Current(rs.getString(1), CaseStatus.valueOf(rs.getString(2)));
        }
      }
    });
  }

  // a case of the other body is answered exactly like one that does not exist
  private static NotFound notFound(long id) {
    return new NotFound("case " + id + ": not found among your office's cases");
  }

  /** The ledger names the report as the intake does (SHA-256 of its receipt), and the actor by id. */
  private static Map<String, Object> entry(String receipt, StaffUser user, Instant now) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("incident", receiptHash(receipt));
    f.put("actor", user.id());
    f.put("at", now.toString());
    return f;
  }

  static String receiptHash(String receipt) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(receipt.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static void event(Connection c, long id, StaffUser user, Instant now, String kind,
      CaseStatus from, CaseStatus to, Long assignee, Long note, long index) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO case_event (incident_id, actor_id, at, kind, from_status, to_status,"
            + " assignee_id, note_id, ledger_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setLong(1, id);
      s.setLong(2, user.id());
      s.setTimestamp(3, Timestamp.from(now));
      s.setString(4, kind);
      s.setString(5, from == null ? null : from.name());
      s.setString(6, to == null ? null : to.name());
      s.setObject(7, assignee);
      s.setObject(8, note);
      s.setLong(9, index);
      s.executeUpdate();
    }
  }

  private boolean firstActionOverdue(Instant received, CaseStatus status, boolean acted, Instant now) {
    return !acted && (status == CaseStatus.RECEIVED || status == CaseStatus.ASSIGNED)
        && !received.plus(deadlines.firstAction()).isAfter(now);
  }

  private boolean findingOverdue(Instant received, CaseStatus status, Instant now) {
    return status.isOpenInvestigation() && !received.plus(deadlines.finding()).isAfter(now);
  }

  private String decrypt(byte[] sealed, String receipt, String column) {
    return sealed == null ? null : key.decrypt(sealed, receipt, column);
  }

  private List<Note> followups(Connection c, long id, String receipt) throws SQLException {
    List<Note> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT created_at, body_enc FROM incident_followup WHERE incident_id = ? ORDER BY created_at, id")) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Note(rs.getTimestamp(1).toInstant(), "reporter",
              key.decrypt(rs.getBytes(2), receipt, "followup")));
        }
      }
    }
    return out;
  }

  private List<Note> notes(Connection c, long id, String receipt) throws SQLException {
    List<Note> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT n.created_at, a.username, n.body_enc FROM case_note n"
            + " JOIN staff_account a ON a.id = n.author_id WHERE n.incident_id = ?"
            + " ORDER BY n.created_at, n.id")) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Note(rs.getTimestamp(1).toInstant(), rs.getString(2),
              key.decrypt(rs.getBytes(3), receipt, "case_note")));
        }
      }
    }
    return out;
  }

  private static List<Event> history(Connection c, long id) throws SQLException {
    List<Event> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT e.at, a.username, e.kind, e.from_status, e.to_status, b.username, e.ledger_index"
            + " FROM case_event e JOIN staff_account a ON a.id = e.actor_id"
            + " LEFT JOIN staff_account b ON b.id = e.assignee_id"
            + " WHERE e.incident_id = ? ORDER BY e.at, e.id")) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Event(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7)));
        }
      }
    }
    return out;
  }

  // other reports naming the same person, by the intake's keyed hash; the same body's only
  private static List<Long> linked(Connection c, long id, Investigator body) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT o.id FROM incident i JOIN incident o ON o.employee_hash = i.employee_hash"
            + " WHERE i.id = ? AND o.id <> i.id AND o.routed_to = ? ORDER BY o.created_at, o.id")) {
      s.setLong(1, id);
      s.setString(2, body.name());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return out;
  }

  private static List<StaffRef> investigators(Connection c, Investigator body) throws SQLException {
    List<StaffRef> out = new ArrayList<>();
    String role = body == Investigator.COPA ? Role.COPA_INVESTIGATOR.name() : Role.OIG_INVESTIGATOR.name();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT id, username FROM staff_account WHERE ? = ANY (roles) AND NOT disabled ORDER BY username")) {
      s.setString(1, role);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new StaffRef(rs.getLong(1), rs.getString(2)));
        }
      }
    }
    return out;
  }
}
