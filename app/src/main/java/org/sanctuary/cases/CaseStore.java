package org.sanctuary.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sanctuary.cases.CaseViews.Event;
import org.sanctuary.cases.CaseViews.StaffRef;
import org.sanctuary.incidents.model.Investigator;
import org.sanctuary.staff.Role;
import org.sanctuary.store.Database;

/**
 * The case tables (case_file, case_note, case_event) and what case work reads of the incident and
 * staff tables. Words stay sealed here: the service decrypts. Writes take the ledger's connection,
 * so they commit with their entry or not at all.
 */
final class CaseStore {
  private final Database database;

  CaseStore(Database database) {
    this.database = database;
  }

  /** A case in the list, before the deadline rule is applied. */
  record Row(long id, Instant receivedAt, String category, String department, CaseStatus status,
      String assignee, boolean acted, boolean synthetic) {}

  /** A case's counts by body and status; {@code overdue} by the cut-offs given. */
  record CountRow(String body, CaseStatus status, long cases, long overdue) {}

  /** The receipt and the status of a case: what a change checks before it writes. */
  record Current(String receipt, CaseStatus status) {}

  /** A case with its words still sealed, and everything its page shows. */
  record Stored(String receipt, Instant receivedAt, String category, String employeeType,
      String department, LocalDate occurredOn, String location, String language, CaseStatus status,
      String assignee, boolean acted, byte[] employee, byte[] description, byte[] witnesses,
      byte[] contact, boolean contactDestroyed, List<SealedNote> followups, List<SealedNote> notes,
      List<Event> history, List<Long> linked, List<StaffRef> investigators, boolean synthetic) {}

  /** A follow-up or note, sealed; {@code author} is null for the reporter. */
  record SealedNote(Instant at, String author, byte[] sealed) {}

  // The SQL form of CaseDeadlines' rule, parameterised by its cut-offs and status sets:
  // (1, 2) first action due and statuses awaiting it, (3, 4) finding due and open statuses.
  private static final String OVERDUE = "((f.first_action_at IS NULL AND i.status = ANY (?)"
      + " AND i.created_at <= ?) OR (i.status = ANY (?) AND i.created_at <= ?))";

  /** Every case of {@code body} the filter lets through, oldest first. */
  List<Row> list(Investigator body, CaseFilter filter, long userId, CaseDeadlines.Cutoffs overdue) {
    return database.inTransaction(c -> {
      Where where = where(c, body, filter, userId, overdue);
      return rows(c, LIST_SELECT + where.sql + " ORDER BY i.created_at, i.id", where.args);
    });
  }

  /** Where a page starts or ends: a case of the body, by its place in the order (received, id). */
  record Cursor(Instant receivedAt, long id) {}

  /**
   * One page of the filtered list, oldest first: the {@code size} cases after {@code after} (or
   * before {@code before}, or from the start), how many match in all, and how many come before the
   * page's first. Read from one snapshot, so the counts agree with the rows.
   */
  record Page(List<Row> rows, long total, long preceding) {}

  Page page(Investigator body, CaseFilter filter, long userId, CaseDeadlines.Cutoffs overdue, Long after,
      Long before, int size) {
    return database.inTransaction(c -> {
      try (java.sql.Statement s = c.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
      }
      Where where = where(c, body, filter, userId, overdue);
      List<Row> rows;
      if (after != null || before != null) {
        Cursor cursor = cursor(c, body, after != null ? "after" : "before", after != null ? after : before);
        List<Object> args = new ArrayList<>(where.args);
        args.add(Timestamp.from(cursor.receivedAt()));
        args.add(cursor.id());
        args.add(size);
        rows = rows(c, LIST_SELECT + where.sql + (after != null
            ? " AND (i.created_at, i.id) > (?, ?) ORDER BY i.created_at, i.id LIMIT ?"
            : " AND (i.created_at, i.id) < (?, ?) ORDER BY i.created_at DESC, i.id DESC LIMIT ?"), args);
        if (before != null) {
          rows = new ArrayList<>(rows);
          java.util.Collections.reverse(rows);
        }
      } else {
        List<Object> args = new ArrayList<>(where.args);
        args.add(size);
        rows = rows(c, LIST_SELECT + where.sql + " ORDER BY i.created_at, i.id LIMIT ?", args);
      }
      List<Object> args = new ArrayList<>(where.args);
      Row first = rows.isEmpty() ? null : rows.get(0);
      args.add(0, first == null ? null : Timestamp.from(first.receivedAt()));
      args.add(1, first == null ? 0L : first.id());
      long[] counts = new long[2];
      try (PreparedStatement s = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE (i.created_at, i.id)"
          + " < (?::timestamptz, ?::bigint)) FROM incident i LEFT JOIN case_file f ON f.incident_id = i.id" + where.sql)) {
        bind(s, args);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          counts[0] = rs.getLong(1);
          counts[1] = rs.getLong(2);
        }
      }
      return new Page(rows, counts[0], counts[1]);
    });
  }

  private static Cursor cursor(Connection c, Investigator body, String field, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT created_at FROM incident WHERE id = ? AND routed_to = ?")) {
      s.setLong(1, id);
      s.setString(2, body.name());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          // the other body's cases are not there, exactly like an id that does not exist
          throw org.sanctuary.errors.InvalidInput.of(field, Long.toString(id), "is not one of your office's cases",
              "a case number from the list's own links");
        }
        return new Cursor(rs.getTimestamp(1).toInstant(), id);
      }
    }
  }

  private static final String LIST_SELECT = "SELECT i.id, i.created_at, i.category, i.department, i.status,"
      + " a.username, f.first_action_at, i.synthetic FROM incident i"
      + " LEFT JOIN case_file f ON f.incident_id = i.id"
      + " LEFT JOIN staff_account a ON a.id = f.assigned_to";

  /** The filter as SQL (after the FROM of {@code incident i} and {@code case_file f}) and its values. */
  private record Where(String sql, List<Object> args) {}

  private static Where where(Connection c, Investigator body, CaseFilter filter, long userId,
      CaseDeadlines.Cutoffs overdue) throws SQLException {
    StringBuilder sql = new StringBuilder(" WHERE i.routed_to = ?");
    List<Object> args = new ArrayList<>(List.of(body.name()));
    if (filter.status() != null) {
      sql.append(" AND i.status = ?");
      args.add(filter.status().name());
    }
    if (filter.category() != null) {
      sql.append(" AND i.category = ?");
      args.add(filter.category().name());
    }
    if (filter.caseNumber() != null) {
      sql.append(" AND i.id = ?");
      args.add(filter.caseNumber());
    }
    if (filter.receipt() != null) {
      sql.append(" AND i.receipt = ?");
      args.add(filter.receipt());
    }
    if (filter.mine()) {
      sql.append(" AND f.assigned_to = ?");
      args.add(userId);
    }
    if (filter.overdue()) {
      sql.append(" AND ").append(OVERDUE);
      args.add(statuses(c, CaseDeadlines.AWAITING_FIRST_ACTION));
      args.add(Timestamp.from(overdue.firstAction()));
      args.add(statuses(c, CaseDeadlines.AWAITING_FINDING));
      args.add(Timestamp.from(overdue.finding()));
    }
    return new Where(sql.toString(), args);
  }

  private static List<Row> rows(Connection c, String sql, List<Object> args) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Row(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
              rs.getString(4), CaseStatus.valueOf(rs.getString(5)), rs.getString(6),
              rs.getTimestamp(7) != null, rs.getBoolean(8)));
        }
      }
    }
    return out;
  }

  private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      s.setObject(i + 1, args.get(i));
    }
  }

  List<CountRow> counts(CaseDeadlines.Cutoffs overdue) {
    return database.inTransaction(c -> {
      List<CountRow> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT i.routed_to, i.status, count(*), count(*) FILTER (WHERE " + OVERDUE + ")"
              + " FROM incident i LEFT JOIN case_file f ON f.incident_id = i.id"
              + " GROUP BY i.routed_to, i.status")) {
        bindOverdue(c, s, 1, overdue);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(new CountRow(rs.getString(1), CaseStatus.valueOf(rs.getString(2)),
                rs.getLong(3), rs.getLong(4)));
          }
        }
      }
      return out;
    });
  }

  private static void bindOverdue(Connection c, PreparedStatement s, int from,
      CaseDeadlines.Cutoffs cut) throws SQLException {
    s.setArray(from, statuses(c, CaseDeadlines.AWAITING_FIRST_ACTION));
    s.setTimestamp(from + 1, Timestamp.from(cut.firstAction()));
    s.setArray(from + 2, statuses(c, CaseDeadlines.AWAITING_FINDING));
    s.setTimestamp(from + 3, Timestamp.from(cut.finding()));
  }

  private static java.sql.Array statuses(Connection c, Set<CaseStatus> set) throws SQLException {
    return c.createArrayOf("text", set.stream().map(Enum::name).toArray());
  }

  /** One case of {@code body}, read in one transaction; empty when it is not that body's. */
  Optional<Stored> open(long id, Investigator body, boolean withInvestigators) {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT i.receipt, i.created_at, i.category, i.employee_type, i.department, i.occurred_on,"
              + " i.location, i.language, i.status, a.username, f.first_action_at, i.employee_enc,"
              + " i.description_enc, i.witnesses_enc, i.contact_enc, i.contact_destroyed_at, i.synthetic"
              + " FROM incident i LEFT JOIN case_file f ON f.incident_id = i.id"
              + " LEFT JOIN staff_account a ON a.id = f.assigned_to"
              + " WHERE i.id = ? AND i.routed_to = ?")) {
        s.setLong(1, id);
        s.setString(2, body.name());
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          return Optional.of(new Stored(rs.getString(1), rs.getTimestamp(2).toInstant(),
              rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class),
              rs.getString(7), rs.getString(8), CaseStatus.valueOf(rs.getString(9)), rs.getString(10),
              rs.getTimestamp(11) != null, rs.getBytes(12), rs.getBytes(13), rs.getBytes(14),
              rs.getBytes(15), rs.getTimestamp(16) != null, followups(c, id), notes(c, id),
              history(c, id), linked(c, id, body),
              withInvestigators ? investigators(c, body) : List.of(), rs.getBoolean(17)));
        }
      }
    });
  }

  Optional<Current> current(long id, Investigator body) {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT receipt, status FROM incident WHERE id = ? AND routed_to = ?")) {
        s.setLong(1, id);
        s.setString(2, body.name());
        try (ResultSet rs = s.executeQuery()) {
          return rs.next()
              ? Optional.of(new Current(rs.getString(1), CaseStatus.valueOf(rs.getString(2))))
              : Optional.empty();
        }
      }
    });
  }

  /** The active investigators of {@code body}, by username. */
  List<StaffRef> investigators(Investigator body) {
    return database.inTransaction(c -> investigators(c, body));
  }

  /** A note's id, drawn before its ledger entry is written because the entry names it. */
  long nextNoteId() {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT nextval('case_note_id_seq')");
          ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** Moves the status if it is still {@code from}; false when another change came first. */
  static boolean moveStatus(Connection c, long id, CaseStatus from, CaseStatus to, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE incident SET status = ?, closed_at = CASE WHEN ? THEN ? ELSE closed_at END"
            + " WHERE id = ? AND status = ?")) {
      s.setString(1, to.name());
      s.setBoolean(2, to == CaseStatus.CLOSED);
      s.setTimestamp(3, Timestamp.from(now));
      s.setLong(4, id);
      s.setString(5, from.name());
      return s.executeUpdate() == 1;
    }
  }

  /** Notes the first action (and the finding, when {@code finding}); earlier times are kept. */
  static void markActed(Connection c, long id, Instant now, boolean finding) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO case_file (incident_id, first_action_at, finding_at, updated_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (incident_id) DO UPDATE SET"
            + " first_action_at = COALESCE(case_file.first_action_at, EXCLUDED.first_action_at),"
            + " finding_at = COALESCE(case_file.finding_at, EXCLUDED.finding_at),"
            + " updated_at = EXCLUDED.updated_at")) {
      s.setLong(1, id);
      s.setTimestamp(2, Timestamp.from(now));
      s.setTimestamp(3, finding ? Timestamp.from(now) : null);
      s.setTimestamp(4, Timestamp.from(now));
      s.executeUpdate();
    }
  }

  static void assign(Connection c, long id, long assigneeId, Instant now) throws SQLException {
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
  }

  static void addNote(Connection c, long noteId, long id, long authorId, Instant now, byte[] sealed)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO case_note (id, incident_id, author_id, created_at, body_enc) VALUES (?, ?, ?, ?, ?)")) {
      s.setLong(1, noteId);
      s.setLong(2, id);
      s.setLong(3, authorId);
      s.setTimestamp(4, Timestamp.from(now));
      s.setBytes(5, sealed);
      s.executeUpdate();
    }
  }

  /** A line of the case's history, pointing at its ledger entry. */
  record NewEvent(long incident, long actor, Instant at, String kind, CaseStatus from, CaseStatus to,
      Long assignee, Long note, long ledgerIndex) {}

  static void event(Connection c, NewEvent e) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO case_event (incident_id, actor_id, at, kind, from_status, to_status,"
            + " assignee_id, note_id, ledger_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setLong(1, e.incident());
      s.setLong(2, e.actor());
      s.setTimestamp(3, Timestamp.from(e.at()));
      s.setString(4, e.kind());
      s.setString(5, e.from() == null ? null : e.from().name());
      s.setString(6, e.to() == null ? null : e.to().name());
      s.setObject(7, e.assignee());
      s.setObject(8, e.note());
      s.setLong(9, e.ledgerIndex());
      s.executeUpdate();
    }
  }

  private static List<SealedNote> followups(Connection c, long id) throws SQLException {
    List<SealedNote> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT created_at, body_enc FROM incident_followup WHERE incident_id = ? ORDER BY created_at, id")) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new SealedNote(rs.getTimestamp(1).toInstant(), null, rs.getBytes(2)));
        }
      }
    }
    return out;
  }

  private static List<SealedNote> notes(Connection c, long id) throws SQLException {
    List<SealedNote> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT n.created_at, a.username, n.body_enc FROM case_note n"
            + " JOIN staff_account a ON a.id = n.author_id WHERE n.incident_id = ?"
            + " ORDER BY n.created_at, n.id")) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new SealedNote(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getBytes(3)));
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
    Role role = body == Investigator.COPA ? Role.COPA_INVESTIGATOR : Role.OIG_INVESTIGATOR;
    try (PreparedStatement s = c.prepareStatement(
        "SELECT id, username FROM staff_account WHERE ? = ANY (roles) AND NOT disabled ORDER BY username")) {
      s.setString(1, role.name());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new StaffRef(rs.getLong(1), rs.getString(2)));
        }
      }
    }
    return out;
  }
}
