package org.sanctuary.register;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.policy.Body;
import org.sanctuary.store.Copy;
import org.sanctuary.store.Database;

/**
 * The register's SQL: the recorded requests with their outcome fields and duties, and the reads
 * behind the reports and the replay. Reports run in one repeatable-read snapshot that starts by
 * reading the latest checkpoint; every row in that snapshot was committed with a ledger entry the
 * checkpoint covers, and the queries say so ({@code ledger_index < size}).
 */
public final class RegisterStore {
  private final Database database;

  public RegisterStore(Database database) {
    this.database = database;
  }

  /** One line of the register's list. */
  public record Line(UUID publicId, LocalDate received, Instant receivedAt, Body body, String requester,
      String kind, String document, String outcome, String disposition, int openTasks, int overdueTasks,
      boolean synthetic) {}

  /** A request with its outcome and duties, as the entry page shows it. */
  public record Entry(long id, UUID publicId, LocalDate received, Instant receivedAt, Body body, String requesterText,
      String requester, String kind, String basis, String purpose, int subjectBits, String document, String court,
      String outcome, String decisionJson, RegisterOutcome registerOutcome, byte[] personRef, String recordedBy,
      long ledgerIndex, List<Task> tasks, boolean synthetic) {}

  /** A duty of a request: due day, done time. */
  public record Task(long id, String pack, String rule, String citation, String text, LocalDate dueOn, Instant doneAt) {}

  /** The lines of a year, newest first, at most {@code limit}. Overdue counts use {@code today}. */
  public List<Line> list(int year, int limit, LocalDate today) {
    return database.inTransaction(c -> {
      List<Line> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT r.public_id, r.received, r.received_at, r.receiving_agency, coalesce(r.requester_agency, r.requester_text),"
              + " r.kind, r.document, r.outcome, r.disposition,"
              + " (SELECT count(*) FROM obligation_task t WHERE t.request_id = r.id AND t.done_at IS NULL),"
              + " (SELECT count(*) FROM obligation_task t WHERE t.request_id = r.id AND t.done_at IS NULL AND t.due_on < ?)"
              + " , r.synthetic FROM federal_request r WHERE r.received >= ? AND r.received < ?"
              + " ORDER BY r.received DESC, r.received_at DESC NULLS LAST, r.id DESC LIMIT ?")) {
        ps.setObject(1, today);
        ps.setObject(2, LocalDate.of(year, 1, 1));
        ps.setObject(3, LocalDate.of(year + 1, 1, 1));
        ps.setInt(4, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Line(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class), instant(rs, 3),
                Body.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getInt(10), rs.getInt(11), rs.getBoolean(12)));
          }
        }
      }
      return out;
    });
  }

  public Optional<Entry> entry(UUID publicId) {
    return database.inTransaction(c -> {
      Entry e;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, public_id, received, received_at, receiving_agency, requester_text, requester_agency, kind, basis,"
              + " purpose, subject_bits, document, court, outcome, decision::text, bail_posted_at, disposition,"
              + " disposition_at, transferred_to, person_ref, recorded_by, ledger_index, synthetic"
              + " FROM federal_request WHERE public_id = ?")) {
        ps.setObject(1, publicId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.<Entry>empty();
          String disposition = rs.getString(17);
          RegisterOutcome o = new RegisterOutcome(instant(rs, 16),
              disposition == null ? null : Disposition.valueOf(disposition), instant(rs, 18), rs.getString(19));
          e = new Entry(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, LocalDate.class), instant(rs, 4),
              Body.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
              rs.getString(10), rs.getInt(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
              o, rs.getBytes(20), rs.getString(21), rs.getLong(22), List.of(), rs.getBoolean(23));
        }
      }
      return Optional.of(withTasks(c, e));
    });
  }

  private static Entry withTasks(Connection c, Entry e) throws SQLException {
    List<Task> tasks = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, pack, rule, citation, text, due_on, done_at FROM obligation_task WHERE request_id = ? ORDER BY id")) {
      ps.setLong(1, e.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tasks.add(new Task(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getObject(6, LocalDate.class), instant(rs, 7)));
        }
      }
    }
    return new Entry(e.id(), e.publicId(), e.received(), e.receivedAt(), e.body(), e.requesterText(), e.requester(),
        e.kind(), e.basis(), e.purpose(), e.subjectBits(), e.document(), e.court(), e.outcome(), e.decisionJson(),
        e.registerOutcome(), e.personRef(), e.recordedBy(), e.ledgerIndex(), tasks, e.synthetic());
  }

  /** Writes a request's outcome fields, inside the transaction of their ledger entry. */
  static void updateOutcome(Connection c, long id, RegisterOutcome o, long index) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE federal_request SET bail_posted_at = ?, disposition = ?, disposition_at = ?, transferred_to = ?,"
            + " outcome_index = ? WHERE id = ?")) {
      ps.setTimestamp(1, ts(o.bailPostedAt()));
      ps.setString(2, o.disposition() == null ? null : o.disposition().name());
      ps.setTimestamp(3, ts(o.dispositionAt()));
      ps.setString(4, o.transferredTo());
      ps.setLong(5, index);
      ps.setLong(6, id);
      ps.executeUpdate();
    }
  }

  /** Marks a duty done, inside the transaction of its ledger entry; false when it was done already. */
  static boolean markDone(Connection c, long requestId, long taskId, Instant at, long index) throws SQLException {
    // one statement: the duty, and the request's OEMC marker when the duty is the OEMC notice
    try (PreparedStatement ps = c.prepareStatement(
        "WITH t AS (UPDATE obligation_task SET done_at = ?, done_index = ? WHERE id = ? AND request_id = ?"
            + " AND done_at IS NULL RETURNING pack, rule),"
            + " r AS (UPDATE federal_request SET oemc_notified_index = ? WHERE id = ?"
            + " AND EXISTS (SELECT 1 FROM t WHERE t.pack = ? AND t.rule = ?))"
            + " SELECT count(*) FROM t")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setLong(2, index);
      ps.setLong(3, taskId);
      ps.setLong(4, requestId);
      ps.setLong(5, index);
      ps.setLong(6, requestId);
      ps.setString(7, ReportDuties.OEMC_NOTICE.pack());
      ps.setString(8, ReportDuties.OEMC_NOTICE.rule());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) == 1;
      }
    }
  }

  /**
   * Writes requests with their duties on the caller's connection (inside the transaction of their
   * ledger entries): one statement for the rows and their duties, whatever their number. A row's
   * outcome, when it has one, is covered by the row's own ledger entry.
   */
  private static final String[] TYPES = {"uuid", "text", "date", "text", "text", "text", "text", "text", "text", "int2",
      "text", "text", "text", "timestamptz", "int8", "timestamptz", "text", "text", "timestamptz", "text", "timestamptz",
      "text", "bytea", "text", "int8", "bool", "bool", "bool", "bool", "int8", "text"};
  private static final String[] TASK_TYPES = {"uuid", "text", "text", "text", "text", "date", "timestamptz", "int8"};

  /** SQLSTATE of {@link #INSERT}'s refusal of a token that is no longer live (migration V913). */
  static final String TOKEN_NOT_LIVE = "SA401";

  /**
   * Requests with their duties, any number in one statement: every column travels as one array;
   * values as their text forms (instants as ISO-8601 with their offset, so no session time zone
   * can shift them), the sealed references as bytes. The ledger's batch gathers every caller's
   * requests into one such statement.
   */
  static final org.sanctuary.ledger.store.Ledger.Table<NewRow> INSERT = new org.sanctuary.ledger.store.Ledger.Table<>() {
    private final String sql = "WITH x AS (SELECT * FROM unnest(" + casts(TYPES) + ") AS x (public_id, caller_ref,"
        + " received, receiving_agency,"
        + " requester_text, requester_agency, kind, basis, purpose, subject_bits, outcome, packs, decision,"
        + " decided_at, ledger_index, received_at, document, court, bail_posted_at, disposition, disposition_at,"
        + " transferred_to, person_ref, recorded_by, outcome_index, cpd_log, oemc_notice, ag_detainer,"
        + " ag_assistance, oemc_notified_index, decided_by)"
        // a row recorded with a token only while the token is live (V913): evaluated in order, so
        // the function that refuses runs only when the token is not
        + " WHERE CASE WHEN coalesce(x.recorded_by, '') NOT LIKE 'token:%' OR EXISTS (SELECT 1 FROM records_token k"
        + " WHERE k.id = substr(x.recorded_by, 7)::bigint AND k.revoked_at IS NULL) THEN true"
        + " ELSE records_token_not_live(x.recorded_by) END),"
        + " r AS (INSERT INTO federal_request (public_id, caller_ref, received, receiving_agency, requester_text,"
        + " requester_agency, kind, basis, purpose, subject_bits, outcome, packs, decision, decided_at, ledger_index,"
        + " received_at, document, court, bail_posted_at, disposition, disposition_at, transferred_to, person_ref,"
        + " recorded_by, outcome_index, cpd_log, oemc_notice, ag_detainer, ag_assistance, oemc_notified_index,"
        + " decided_by) SELECT public_id, caller_ref, received, receiving_agency, requester_text, requester_agency, kind, basis,"
        + " purpose, subject_bits, outcome, string_to_array(packs, ','), decision::jsonb, decided_at, ledger_index,"
        + " received_at, document, court, bail_posted_at, disposition, disposition_at, transferred_to, person_ref,"
        + " recorded_by, outcome_index, cpd_log, oemc_notice, ag_detainer, ag_assistance, oemc_notified_index,"
        + " string_to_array(decided_by, '|') FROM x"
        + " RETURNING id, public_id),"
        + " t AS (INSERT INTO obligation_task (request_id, pack, rule, citation, text, due_on, done_at, done_index)"
        + " SELECT r.id, k.pack, k.rule, k.citation, k.text, k.due_on, k.done_at, k.done_index"
        + " FROM unnest(" + casts(TASK_TYPES) + ") AS k (public_id, pack, rule, citation, text, due_on, done_at,"
        + " done_index) JOIN r ON r.public_id = k.public_id)"
        + " SELECT count(*) FROM r";

    @Override
    public String insert() {
      return sql;
    }

    // a token revoked since this node checked it (V913): that caller is refused (401), nothing of
    // its unit is kept
    @Override
    public Optional<org.sanctuary.errors.DomainError> refusal(SQLException e) {
      return TOKEN_NOT_LIVE.equals(e.getSQLState())
          ? Optional.of(new org.sanctuary.errors.CredentialRejected("Authorization: the token is unknown or revoked"))
          : Optional.empty();
    }

    @Override
    public int bind(PreparedStatement ps, int from, List<NewRow> rows) throws SQLException {
      Connection c = ps.getConnection();
      int n = rows.size();
      String[][] r = new String[TYPES.length][n];
      byte[][] refs = new byte[n][];
      List<String[]> tasks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        NewRow row = rows.get(i);
        String[] v = values(row);
        for (int k = 0; k < v.length; k++) r[k][i] = v[k];
        refs[i] = row.personRef();
        for (NewRow.TaskRow t : row.tasks()) {
          tasks.add(new String[] {row.publicId().toString(), t.pack(), t.rule(), t.citation(), t.text(),
              t.dueOn() == null ? null : t.dueOn().toString(), text(t.doneAt()),
              t.doneAt() == null ? null : Long.toString(row.ledgerIndex())});
        }
      }
      int p = from;
      for (int k = 0; k < TYPES.length; k++) {
        ps.setArray(p++, TYPES[k].equals("bytea") ? c.createArrayOf("bytea", refs) : c.createArrayOf(TYPES[k], r[k]));
      }
      for (int k = 0; k < TASK_TYPES.length; k++) {
        String[] column = new String[tasks.size()];
        for (int i = 0; i < column.length; i++) column[i] = tasks.get(i)[k];
        ps.setArray(p++, c.createArrayOf(TASK_TYPES[k], column));
      }
      return p;
    }
  };

  /** The stored columns of a request, in {@link #COLUMNS} order, as text (null for SQL NULL). */
  private static String[] values(NewRow row) {
    var q = row.received().request();
    var o = row.outcome();
    return new String[] {row.publicId().toString(), row.callerRef(), q.received().toString(),
        q.receivingAgency().name(), q.requester(), row.decision().requester(), q.kind().name(), q.basis().name(),
        q.purpose().name(), Integer.toString(q.subject().bits()), row.decision().outcome().name(), row.packs(),
        row.decisionJson(), text(row.decidedAt()), Long.toString(row.ledgerIndex()), text(row.received().when().at()),
        row.received().document() == null ? null : row.received().document().code(), row.received().court(),
        text(o.bailPostedAt()), o.disposition() == null ? null : o.disposition().name(), text(o.dispositionAt()),
        o.transferredTo(), null, row.recorder().toString(), o.isUnknown() ? null : Long.toString(row.ledgerIndex()),
        bool(row.lists().cpdLog()), bool(row.lists().oemcNotice()), bool(row.lists().agDetainer()),
        bool(row.lists().agAssistance()), row.oemcNotified() ? Long.toString(row.ledgerIndex()) : null,
        row.decidedBy()};
  }

  static final String COLUMNS = "public_id, caller_ref, received, receiving_agency, requester_text, requester_agency,"
      + " kind, basis, purpose, subject_bits, outcome, packs, decision, decided_at, ledger_index, received_at, document,"
      + " court, bail_posted_at, disposition, disposition_at, transferred_to, person_ref, recorded_by, outcome_index,"
      + " cpd_log, oemc_notice, ag_detainer, ag_assistance, oemc_notified_index, decided_by";
  private static final int PACKS = 11;
  private static final int PERSON_REF = 22;
  private static final int DECIDED_BY = 30;

  /**
   * Writes many requests with their duties, as {@link #INSERT} does, through PostgreSQL's
   * {@code COPY} on the caller's connection (an import's transaction): the ids are drawn from the
   * sequence first so the duties can name their request.
   */
  static void copyAll(Connection c, List<NewRow> rows) throws SQLException {
    int n = rows.size();
    if (n == 0) return;
    long[] ids = new long[n];
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT nextval('federal_request_id_seq') FROM generate_series(1, ?)")) {
      ps.setInt(1, n);
      try (ResultSet rs = ps.executeQuery()) {
        for (int i = 0; i < n && rs.next(); i++) ids[i] = rs.getLong(1);
      }
    }
    StringBuilder requests = new StringBuilder(n * 2600);
    StringBuilder duties = new StringBuilder(n * 900);
    for (int i = 0; i < n; i++) {
      NewRow row = rows.get(i);
      String[] v = values(row);
      requests.append(ids[i]);
      for (int k = 0; k < v.length; k++) {
        requests.append('\t');
        if (k == PERSON_REF) {
          if (row.personRef() == null) requests.append("\\N");
          else requests.append("\\\\x").append(java.util.HexFormat.of().formatHex(row.personRef()));
        } else if (k == PACKS) {
          Copy.field(requests, v[k] == null ? null : Copy.array(List.of(v[k].split(","))));
        } else if (k == DECIDED_BY) {
          Copy.field(requests, v[k] == null ? null : Copy.array(v[k].isEmpty() ? List.of() : List.of(v[k].split("\\|"))));
        } else {
          Copy.field(requests, v[k]);
        }
      }
      requests.append('\n');
      for (NewRow.TaskRow t : row.tasks()) {
        duties.append(ids[i]);
        for (String f : new String[] {t.pack(), t.rule(), t.citation(), t.text(),
            t.dueOn() == null ? null : t.dueOn().toString(), text(t.doneAt()),
            t.doneAt() == null ? null : Long.toString(row.ledgerIndex())}) {
          duties.append('\t');
          Copy.field(duties, f);
        }
        duties.append('\n');
      }
    }
    Copy.in(c, "COPY federal_request (id, " + COLUMNS + ") FROM STDIN", requests, n + " requests");
    Copy.in(c, "COPY obligation_task (request_id, pack, rule, citation, text, due_on, done_at, done_index) FROM STDIN",
        duties, "their duties");
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }

  private static String bool(boolean b) {
    return b ? "t" : "f";
  }

  private static String casts(String[] types) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < types.length; i++) s.append(i == 0 ? "" : ", ").append("?::").append(types[i]).append("[]");
    return s.toString();
  }

  // ---- reports ----

  /**
   * Runs a report's reads in one read-only snapshot that starts at the latest checkpoint. The
   * rows come in one fetch, not through a cursor: PostgreSQL plans a parallel scan only for a
   * query that runs to completion.
   */
  private <T> T atCheckpoint(ReportRead<T> read) {
    return database.inTransaction(c -> {
      try (var s = c.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
        // a year's items are sorted in memory, not in temporary files
        s.execute("SET LOCAL work_mem = '256MB'");
      }
      LedgerReader.SignedHead head = LedgerReader.latest(c);
      return read.run(c, new Checkpoint(head.size(), Base64.getEncoder().encodeToString(head.root().bytes())));
    });
  }

  @FunctionalInterface
  private interface ReportRead<T> {
    T run(Connection c, Checkpoint at) throws SQLException;
  }

  public CpdQuarterly cpdQuarterly(int year, int quarter) {
    LocalDate from = LocalDate.of(year, 3 * (quarter - 1) + 1, 1);
    LocalDate to = from.plusMonths(3);
    return atCheckpoint((c, at) -> {
      // one pass over the quarter's CPD rows: the log's items and the OEMC counts together
      List<Ordered<CpdQuarterly.Item>> items = new ArrayList<>();
      long transferred = 0;
      long owed = 0;
      long made = 0;
      boolean synthetic = false;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT received - DATE '1970-01-01', floor(extract(epoch FROM received_at))::int8, cpd_log, disposition = 'TRANSFERRED',"
              + " transferred_to, oemc_notice, oemc_notified_index < ?, id, synthetic FROM federal_request"
              + " WHERE receiving_agency = 'CPD' AND (cpd_log OR oemc_notice) AND received >= ? AND received < ?"
              + " AND ledger_index < ?")) {
        ps.setLong(1, at.size());
        ps.setObject(2, from);
        ps.setObject(3, to);
        ps.setLong(4, at.size());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            synthetic |= rs.getBoolean(9);
            if (rs.getBoolean(6)) {
              owed++;
              if (rs.getBoolean(7)) made++;
            }
            if (!rs.getBoolean(3)) continue;
            boolean moved = rs.getBoolean(4);
            if (moved) transferred++;
            LocalDate day = LocalDate.ofEpochDay(rs.getInt(1));
            Instant when = epoch(rs, 2);
            items.add(new Ordered<>(day, when, rs.getLong(8),
                new CpdQuarterly.Item(shown(day, when), moved, moved ? rs.getString(5) : null)));
          }
        }
      }
      return new CpdQuarterly(year, quarter, Ordered.sorted(items), items.size(), transferred, made, owed, at,
          synthetic);
    });
  }

  /**
   * The TRUST Act report reads two thirds of a busy register (CPD's detainers), so its rows come by
   * {@code COPY ... TO STDOUT (FORMAT binary)} rather than a result set: dates and times travel as
   * integers and the handful of distinct codes and citation lists are shared, not decoded per row.
   * COPY takes no parameters; every value spliced in is a number or an enum's name.
   */
  public TrustAct trustAct(int year, Body agency) {
    LocalDate from = LocalDate.of(year, 1, 1);
    LocalDate to = from.plusYears(1);
    return atCheckpoint((c, at) -> {
      // one pass over the agency's year: both lists of §25(a); citations only for (a)(1) rows
      List<Ordered<TrustAct.Assistance>> assistance = new ArrayList<>();
      List<Ordered<TrustAct.Detainer>> detainers = new ArrayList<>();
      boolean synthetic = false;
      String sql = "COPY (SELECT received, received_at, ag_assistance, ag_detainer, coalesce(requester_agency, 'UNKNOWN'),"
          + " outcome, CASE WHEN ag_assistance THEN decided_by END, bail_posted_at, disposition, disposition_at,"
          + " transferred_to, id, synthetic FROM federal_request WHERE receiving_agency = '" + agency.name() + "'"
          + " AND (ag_assistance OR ag_detainer) AND received >= DATE '" + from + "' AND received < DATE '" + to + "'"
          + " AND ledger_index < " + at.size() + ") TO STDOUT (FORMAT binary)";
      ChicagoTime.Shown times = new ChicagoTime.Shown();
      try (CopyRows rows = CopyRows.start(c, sql)) {
        while (rows.next()) {
          int day = rows.epochDay();
          long when = rows.epochSecond();
          boolean isAssistance = rows.bool();
          boolean isDetainer = rows.bool();
          String requester = rows.text();
          String outcome = rows.text();
          List<String> cited = rows.texts();
          long bail = rows.epochSecond();
          String disposition = rows.text();
          long dispositionAt = rows.epochSecond();
          String transferredTo = rows.text();
          long id = rows.int8();
          synthetic |= rows.bool();
          String received = when == Long.MIN_VALUE ? times.day(day) : times.show(when);
          if (isAssistance) {
            assistance.add(new Ordered<>(day, when, id,
                new TrustAct.Assistance(received, requester, outcome, cited == null ? List.of() : cited)));
          }
          if (isDetainer) {
            detainers.add(new Ordered<>(day, when, id, new TrustAct.Detainer(received,
                bail == Long.MIN_VALUE ? null : times.show(bail), disposition,
                dispositionAt == Long.MIN_VALUE ? null : times.show(dispositionAt), transferredTo)));
          }
        }
      }
      return new TrustAct(year, agency, Ordered.sorted(assistance), Ordered.sorted(detainers), at, synthetic);
    });
  }

  /**
   * A report item with its place in the order received (day, then time with unknown times first,
   * then the order recorded). The reports sort here rather than in SQL, which leaves PostgreSQL
   * free to scan in parallel.
   */
  private record Ordered<T>(long day, long at, long id, T item) {
    // unknown times (Long.MIN_VALUE) sort first within their day
    private static final java.util.Comparator<Ordered<?>> ORDER = (x, y) -> {
      int c = Long.compare(x.day, y.day);
      if (c == 0) c = Long.compare(x.at, y.at);
      return c != 0 ? c : Long.compare(x.id, y.id);
    };

    Ordered(LocalDate day, Instant at, long id, T item) {
      this(day.toEpochDay(), at == null ? Long.MIN_VALUE : at.getEpochSecond(), id, item);
    }

    static <T> List<T> sorted(List<Ordered<T>> rows) {
      rows.sort(ORDER);
      List<T> out = new ArrayList<>(rows.size());
      for (Ordered<T> o : rows) out.add(o.item);
      return out;
    }
  }

  // ---- replay ----

  /** What a replay needs of one recorded request: the shape the engine saw, and what it answered. */
  public record Decided(UUID publicId, LocalDate received, Body body, String requesterText, String requester,
      String kind, String basis, String purpose, int subjectBits, String outcome, List<String> reasons) {}

  /** Streams the year's recorded requests (those with a ledger entry), oldest first. */
  public void decided(int year, java.util.function.Consumer<Decided> each) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT public_id, received, receiving_agency, requester_text, requester_agency, kind, basis, purpose,"
              + " subject_bits, outcome,"
              + " ARRAY(SELECT (x->>'pack') || ':' || (x->>'rule') FROM jsonb_array_elements(decision->'reasons') x"
              + "       WHERE x->>'effect' = outcome)"
              + " FROM federal_request WHERE received >= ? AND received < ? AND ledger_index IS NOT NULL"
              + " ORDER BY received, id")) {
        ps.setFetchSize(10_000);
        ps.setObject(1, LocalDate.of(year, 1, 1));
        ps.setObject(2, LocalDate.of(year + 1, 1, 1));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            each.accept(new Decided(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class),
                Body.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getInt(9), rs.getString(10), List.of((String[]) rs.getArray(11).getArray())));
          }
        }
      }
      return null;
    });
  }

  static String shown(LocalDate day, Instant at) {
    return at == null ? day.toString() : ChicagoTime.show(at);
  }

  // Reports read instants as whole epoch seconds: a number parses faster than a timestamp, and a
  // report shows minutes
  static Instant epoch(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochSecond(v);
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }
}
