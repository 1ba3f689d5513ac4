package org.sanctuary.gateway;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sanctuary.policy.Purpose;
import org.sanctuary.store.Copy;
import org.sanctuary.store.Database;

/** The gateway's tables: partners, agreements, keys, the access log and the marks. */
public final class GatewayStore {
  private final Database database;

  GatewayStore(Database database) {
    this.database = database;
  }

  Database database() {
    return database;
  }

  // ---- partners

  /** A fresh id from the table's own sequence, so a ledger entry can name a row before it is written. */
  long nextId(String table) {
    if (!Set.of("gateway_partner", "gateway_agreement", "gateway_key").contains(table)) throw new IllegalArgumentException(table);
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT nextval(pg_get_serial_sequence(?, 'id'))")) {
        ps.setString(1, table);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /** Stores the partner with its id; null when its agency is already a partner. */
  Partner addPartner(Connection c, long id, String agencyId, String name, int rate, int burst, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO gateway_partner (id, agency_id, name, rate_per_sec, burst, mark_secret, admitted_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agency_id) DO NOTHING")) {
      byte[] secret = ApiKeys.secret();
      ps.setLong(1, id);
      ps.setString(2, agencyId);
      ps.setString(3, name);
      ps.setInt(4, rate);
      ps.setInt(5, burst);
      ps.setBytes(6, secret);
      ps.setTimestamp(7, Timestamp.from(at));
      return ps.executeUpdate() == 1 ? new Partner(id, agencyId, name, rate, burst, secret, at) : null;
    }
  }

  Optional<Partner> partnerOfAgency(String agencyId) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(PARTNER_SELECT + " WHERE agency_id = ?")) {
        ps.setString(1, agencyId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(partner(rs, 1)) : Optional.<Partner>empty();
        }
      }
    });
  }

  List<Partner> partners() {
    return database.inTransaction(c -> {
      List<Partner> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(PARTNER_SELECT + " ORDER BY id"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(partner(rs, 1));
      }
      return out;
    });
  }

  Optional<Partner> partner(long id) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(PARTNER_SELECT + " WHERE id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(partner(rs, 1)) : Optional.<Partner>empty();
        }
      }
    });
  }

  private static final String PARTNER_SELECT =
      "SELECT id, agency_id, name, rate_per_sec, burst, mark_secret, admitted_at FROM gateway_partner";

  private static Partner partner(ResultSet rs, int i) throws SQLException {
    return new Partner(rs.getLong(i), rs.getString(i + 1), rs.getString(i + 2), rs.getInt(i + 3), rs.getInt(i + 4),
        rs.getBytes(i + 5), rs.getTimestamp(i + 6).toInstant());
  }

  // ---- agreements

  void addAgreement(Connection c, Agreement a, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO gateway_agreement (id, partner_id, datasets, purposes, starts_on, ends_on, no_onward_disclosure,"
            + " signed_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, a.id());
      ps.setLong(2, a.partnerId());
      ps.setArray(3, c.createArrayOf("text", a.datasets().toArray()));
      ps.setArray(4, c.createArrayOf("text", a.purposes().stream().map(Enum::name).sorted().toArray()));
      ps.setObject(5, a.startsOn());
      ps.setObject(6, a.endsOn());
      ps.setBoolean(7, a.noOnwardDisclosure());
      ps.setString(8, a.signedBy());
      ps.setTimestamp(9, Timestamp.from(at));
      ps.executeUpdate();
    }
  }

  List<Agreement> agreements(long partnerId) {
    return database.inTransaction(c -> {
      List<Agreement> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(AGREEMENT_SELECT + " WHERE partner_id = ? ORDER BY id")) {
        ps.setLong(1, partnerId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(agreement(rs));
        }
      }
      return out;
    });
  }

  private static final String AGREEMENT_SELECT =
      "SELECT id, partner_id, datasets, purposes, starts_on, ends_on, no_onward_disclosure, signed_by FROM gateway_agreement";

  private static Agreement agreement(ResultSet rs) throws SQLException {
    Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
    for (String p : texts(rs.getArray(4))) purposes.add(Purpose.valueOf(p));
    return new Agreement(rs.getLong(1), rs.getLong(2), texts(rs.getArray(3)), purposes,
        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getBoolean(7), rs.getString(8));
  }

  private static List<String> texts(Array a) throws SQLException {
    return List.of((String[]) a.getArray());
  }

  // ---- keys

  /** Stores a new key's hash for the partner under the given id. */
  void addKey(Connection c, long id, long partnerId, String key, Instant at, Instant expiresAt) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO gateway_key (id, partner_id, key_hash, prefix, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setLong(2, partnerId);
      ps.setBytes(3, ApiKeys.hash(key));
      ps.setString(4, ApiKeys.shown(key));
      ps.setTimestamp(5, Timestamp.from(at));
      if (expiresAt == null) ps.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
      else ps.setTimestamp(6, Timestamp.from(expiresAt));
      ps.executeUpdate();
    }
  }

  Optional<KeyInfo> key(long keyId) {
    return database.inTransaction(c -> key(c, keyId));
  }

  /** Marks a key revoked; false when there is no such live key. */
  boolean revokeKey(Connection c, long keyId, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE gateway_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setLong(2, keyId);
      return ps.executeUpdate() == 1;
    }
  }

  Optional<KeyInfo> key(Connection c, long keyId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(KEY_SELECT + " WHERE id = ?")) {
      ps.setLong(1, keyId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(keyInfo(rs)) : Optional.empty();
      }
    }
  }

  List<KeyInfo> keys(long partnerId) {
    return database.inTransaction(c -> {
      List<KeyInfo> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(KEY_SELECT + " WHERE partner_id = ? ORDER BY id")) {
        ps.setLong(1, partnerId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(keyInfo(rs));
        }
      }
      return out;
    });
  }

  private static final String KEY_SELECT =
      "SELECT id, partner_id, prefix, created_at, expires_at, revoked_at FROM gateway_key";

  private static KeyInfo keyInfo(ResultSet rs) throws SQLException {
    return new KeyInfo(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
        instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /** A stored key: never the key itself. */
  public record KeyInfo(long id, long partnerId, String prefix, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    boolean liveAt(Instant now) {
      return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
  }

  // ---- the directory every node keeps in memory (PartnerDirectory)

  /** The directory's version, as text: one value, one row (none when the row is missing). */
  static final String DIRECTORY_VERSION = "SELECT version::text FROM gateway_directory_version WHERE id = 1";

  /**
   * The whole directory with its version, from one snapshot: the partners, their keys that are
   * not revoked (expired ones too: whether a key has expired depends on when it is used) and every
   * agreement.
   */
  PartnerDirectory.Copy directory() {
    long readFrom = System.nanoTime();
    return database.inTransaction(c -> {
      try (java.sql.Statement s = c.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"); // one snapshot for all four
      }
      String version;
      try (PreparedStatement ps = c.prepareStatement(DIRECTORY_VERSION); ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw new org.sanctuary.errors.Unavailable("the gateway's directory version is missing; nothing was returned", null);
        version = rs.getString(1);
      }
      java.util.Map<Long, Partner> partners = new java.util.HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(PARTNER_SELECT); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Partner p = partner(rs, 1);
          partners.put(p.id(), p);
        }
      }
      java.util.Map<String, PartnerDirectory.Key> keys = new java.util.HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT key_hash, partner_id, expires_at FROM gateway_key WHERE revoked_at IS NULL");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.put(java.util.HexFormat.of().formatHex(rs.getBytes(1)),
              new PartnerDirectory.Key(rs.getLong(2), instant(rs.getTimestamp(3))));
        }
      }
      java.util.Map<Long, List<Agreement>> agreements = new java.util.HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(AGREEMENT_SELECT); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Agreement a = agreement(rs);
          agreements.computeIfAbsent(a.partnerId(), k -> new ArrayList<>()).add(a);
        }
      }
      return new PartnerDirectory.Copy(version, readFrom, keys, partners, agreements);
    });
  }

  // ---- access log and marks

  /** One look-up's access-log row and the marks given with it, for {@link #ACCESS}. */
  record Logged(Access access, List<String> rules, List<String> packs, List<String[]> marks) {}

  /**
   * Look-ups' access-log rows and marks, any number in one statement (each column an array, the
   * rules and packs as array literals); a mark given twice keeps its first time. The ledger's
   * batch gathers every look-up it commits into one such statement.
   */
  static final org.sanctuary.ledger.store.Ledger.Table<Logged> ACCESS = new org.sanctuary.ledger.store.Ledger.Table<>() {
    @Override
    public String insert() {
      return "WITH a AS (INSERT INTO gateway_access (at, partner_id, agency_id, dataset, purpose, outcome, reason,"
          + " citation, params_hash, case_hash, row_count, ledger_index, rules, packs)"
          + " SELECT at, p, ag, ds, pu, o, r, ci, ph, ch, rc, li, ru::text[], pk::text[] FROM unnest(?::timestamptz[],"
          + " ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::int4[], ?::bigint[], ?::text[], ?::text[])"
          + " AS t (at, p, ag, ds, pu, o, r, ci, ph, ch, rc, li, ru, pk) RETURNING 1)"
          + " INSERT INTO gateway_mark (mark, partner_id, dataset, field, record_key, first_at)"
          + " SELECT m, p, d, f, k, a FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[],"
          + " ?::timestamptz[]) WITH ORDINALITY AS t (m, p, d, f, k, a, n) ORDER BY n ON CONFLICT DO NOTHING";
    }

    // Typed arrays: the driver sends String[], Long[] and Integer[] in binary, with no escaping
    // (an Object[] goes as text, escaped character by character). This runs on the ledger's
    // sequencer thread, which every batch waits for.
    @Override
    public int bind(PreparedStatement ps, int from, List<Logged> rows) throws SQLException {
      Connection c = ps.getConnection();
      int n = rows.size();
      String[] at = new String[n];
      Long[] partner = new Long[n];
      String[][] text = new String[8][n]; // agency, dataset, purpose, outcome, reason, citation, params, case
      Integer[] rowCount = new Integer[n];
      Long[] ledgerIndex = new Long[n];
      String[] rules = new String[n];
      String[] packs = new String[n];
      int marks = 0;
      for (Logged l : rows) marks += l.marks().size();
      String[] mark = new String[marks];
      Long[] markPartner = new Long[marks];
      String[] markDataset = new String[marks];
      String[] markField = new String[marks];
      String[] markKey = new String[marks];
      String[] markAt = new String[marks];
      for (int i = 0, m = 0; i < n; i++) {
        Logged l = rows.get(i);
        Access a = l.access();
        at[i] = a.at().toString();
        partner[i] = a.partnerId();
        text[0][i] = a.agencyId();
        text[1][i] = a.dataset();
        text[2][i] = a.purpose();
        text[3][i] = a.outcome();
        text[4][i] = a.reason();
        text[5][i] = a.citation();
        text[6][i] = a.paramsHash();
        text[7][i] = a.caseHash();
        rowCount[i] = a.rows();
        ledgerIndex[i] = a.ledgerIndex();
        rules[i] = Copy.array(l.rules());
        packs[i] = Copy.array(l.packs());
        for (String[] given : l.marks()) {
          mark[m] = given[0];
          markPartner[m] = a.partnerId();
          markDataset[m] = a.dataset();
          markField[m] = given[1];
          markKey[m] = given[2];
          markAt[m++] = at[i];
        }
      }
      int p = from;
      ps.setArray(p++, c.createArrayOf("timestamptz", at));
      ps.setArray(p++, c.createArrayOf("bigint", partner));
      for (String[] column : text) ps.setArray(p++, c.createArrayOf("text", column));
      ps.setArray(p++, c.createArrayOf("int4", rowCount));
      ps.setArray(p++, c.createArrayOf("bigint", ledgerIndex));
      ps.setArray(p++, c.createArrayOf("text", rules));
      ps.setArray(p++, c.createArrayOf("text", packs));
      ps.setArray(p++, c.createArrayOf("text", mark));
      ps.setArray(p++, c.createArrayOf("bigint", markPartner));
      ps.setArray(p++, c.createArrayOf("text", markDataset));
      ps.setArray(p++, c.createArrayOf("text", markField));
      ps.setArray(p++, c.createArrayOf("text", markKey));
      ps.setArray(p++, c.createArrayOf("timestamptz", markAt));
      return p;
    }
  };

  /**
   * Writes many look-ups' access-log rows and marks, as {@link #logAccess} does one by one, on the
   * caller's connection (a bulk ledger transaction): the rows by {@code COPY}, in order, and the
   * marks in one statement, the first look-up to be given a mark naming when.
   */
  void logAccessAll(Connection c, List<GatewayService.Decided> all, long[] index) throws SQLException {
    StringBuilder rows = new StringBuilder(all.size() * 400);
    List<Object> markPartner = new ArrayList<>();
    List<Object> markDataset = new ArrayList<>();
    List<Object> markAt = new ArrayList<>();
    List<Object> markText = new ArrayList<>();
    List<Object> markField = new ArrayList<>();
    List<Object> markKey = new ArrayList<>();
    java.util.Set<String> firstGiven = new java.util.HashSet<>();
    for (int i = 0; i < all.size(); i++) {
      GatewayService.Decided d = all.get(i);
      Access a = d.row(index[i]);
      Copy.row(rows, a.at().toString(), Long.toString(a.partnerId()), a.agencyId(), a.dataset(), a.purpose(),
          a.outcome(), a.reason(), a.citation(), a.paramsHash(), a.caseHash(), Integer.toString(a.rows()),
          Long.toString(a.ledgerIndex()), Copy.array(d.verdict.rules()), Copy.array(d.decision.inForce()));
      for (String[] m : d.marks) {
        // a partner is given the same record's mark again and again: only its first time is kept
        if (!firstGiven.add(a.partnerId() + ":" + m[0])) continue;
        markPartner.add(a.partnerId());
        markDataset.add(a.dataset());
        markAt.add(a.at().toString());
        markText.add(m[0]);
        markField.add(m[1]);
        markKey.add(m[2]);
      }
    }
    Copy.in(c, "COPY gateway_access (at, partner_id, agency_id, dataset, purpose, outcome, reason, citation,"
        + " params_hash, case_hash, row_count, ledger_index, rules, packs) FROM STDIN", rows, all.size() + " look-ups");
    if (markText.isEmpty()) return;
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO gateway_mark (mark, partner_id, dataset, field, record_key, first_at)"
            + " SELECT m, p, d, f, k, a::timestamptz FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[]) WITH ORDINALITY AS t(m, p, d, f, k, a, n) ORDER BY n ON CONFLICT DO NOTHING")) {
      ps.setArray(1, c.createArrayOf("text", markText.toArray()));
      ps.setArray(2, c.createArrayOf("bigint", markPartner.toArray()));
      ps.setArray(3, c.createArrayOf("text", markDataset.toArray()));
      ps.setArray(4, c.createArrayOf("text", markField.toArray()));
      ps.setArray(5, c.createArrayOf("text", markKey.toArray()));
      ps.setArray(6, c.createArrayOf("text", markAt.toArray()));
      ps.executeUpdate();
    }
  }

  /** Who was given this mark, for which record. */
  List<Trace> trace(String mark) {
    return database.inTransaction(c -> {
      List<Trace> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT m.partner_id, p.agency_id, m.dataset, m.field, m.record_key, m.first_at FROM gateway_mark m"
              + " JOIN gateway_partner p ON p.id = m.partner_id WHERE m.mark = ?")) {
        ps.setString(1, mark);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Trace(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant()));
          }
        }
      }
      return out;
    });
  }

  record Trace(long partnerId, String agencyId, String dataset, String field, String recordKey, Instant firstGiven) {}

  /**
   * The permitted look-ups of {@code partnerId} on {@code dataset} logged at {@code at}: a mark's
   * first giving is logged with its look-up's time, so these are the look-ups that first gave it.
   * A millisecond either side allows for the rounding of the two writes.
   */
  List<Access> accessesAt(long partnerId, String dataset, Instant at) {
    return database.inTransaction(c -> {
      List<Access> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(ACCESS_SELECT
          + " WHERE partner_id = ? AND dataset = ? AND outcome = 'PERMIT'"
          + " AND at BETWEEN ?::timestamptz - interval '1 millisecond' AND ?::timestamptz + interval '1 millisecond'"
          + " ORDER BY id")) {
        ps.setLong(1, partnerId);
        ps.setString(2, dataset);
        ps.setTimestamp(3, Timestamp.from(at));
        ps.setTimestamp(4, Timestamp.from(at));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(access(rs));
        }
      }
      return out;
    });
  }

  /** The partner's keys that were live at {@code at}: one of them asked for the look-up. */
  List<KeyInfo> keysLiveAt(long partnerId, Instant at) {
    return database.inTransaction(c -> {
      List<KeyInfo> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(KEY_SELECT + " WHERE partner_id = ? AND created_at <= ?"
          + " AND (revoked_at IS NULL OR revoked_at > ?) AND (expires_at IS NULL OR expires_at > ?) ORDER BY id")) {
        ps.setLong(1, partnerId);
        for (int i = 2; i <= 4; i++) ps.setTimestamp(i, Timestamp.from(at));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(keyInfo(rs));
        }
      }
      return out;
    });
  }

  /**
   * One line of the access log. {@code synthetic} is read back only: the database sets it from the
   * line's ledger entry (demonstration data).
   */
  public record Access(
      long id, Instant at, long partnerId, String agencyId, String dataset, String purpose, String outcome,
      String reason, String citation, String paramsHash, String caseHash, int rows, long ledgerIndex,
      boolean synthetic) {}

  /**
   * Filters for the access log; null means any. {@code before} and {@code after} are the page's
   * cursor (at most one): lines older than line {@code before}, or newer than line {@code after}.
   */
  public record AccessFilter(Long partnerId, String dataset, String outcome, LocalDate from, LocalDate to, int limit,
      Long before, Long after) {
    public AccessFilter(Long partnerId, String dataset, String outcome, LocalDate from, LocalDate to, int limit) {
      this(partnerId, dataset, outcome, from, to, limit, null, null);
    }
  }

  /**
   * One page of the access log, newest first: its lines, how many lines match in all, and how many
   * matching lines are newer than its first.
   */
  public record AccessPage(List<Access> rows, long total, long newer) {
    public AccessPage {
      rows = List.copyOf(rows);
    }

    /** The position of the first line shown, counting from 1 (0 when none is). */
    public long from() {
      return rows.isEmpty() ? 0 : newer + 1;
    }

    public long to() {
      return newer + rows.size();
    }

    /** The id to ask for newer lines after, or null when this page is the newest. */
    public Long newerCursor() {
      return rows.isEmpty() || newer == 0 ? null : rows.get(0).id();
    }

    /** The id to ask for older lines before, or null when this page holds the oldest. */
    public Long olderCursor() {
      return rows.isEmpty() || to() >= total ? null : rows.get(rows.size() - 1).id();
    }
  }

  private static final String ACCESS_SELECT =
      "SELECT id, at, partner_id, agency_id, dataset, purpose, outcome, reason, citation, params_hash, case_hash,"
          + " row_count, ledger_index, synthetic FROM gateway_access";

  private static Access access(ResultSet rs) throws SQLException {
    return new Access(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
        rs.getString(11), rs.getInt(12), rs.getLong(13), rs.getBoolean(14));
  }

  List<Access> accesses(AccessFilter f) {
    return accessPage(f).rows();
  }

  /** A page of the log by key (the line's id), read from one snapshot so the counts agree with it. */
  AccessPage accessPage(AccessFilter f) {
    StringBuilder where = new StringBuilder(" WHERE true");
    List<Object> args = new ArrayList<>();
    if (f.partnerId() != null) { where.append(" AND partner_id = ?"); args.add(f.partnerId()); }
    if (f.dataset() != null) { where.append(" AND dataset = ?"); args.add(f.dataset()); }
    if (f.outcome() != null) { where.append(" AND outcome = ?"); args.add(f.outcome()); }
    if (f.from() != null) { where.append(" AND at >= ?"); args.add(Timestamp.from(f.from().atStartOfDay(java.time.ZoneOffset.UTC).toInstant())); }
    if (f.to() != null) { where.append(" AND at < ?"); args.add(Timestamp.from(f.to().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant())); }
    List<Object> pageArgs = new ArrayList<>(args);
    String order;
    if (f.after() != null) {
      order = " AND id > ? ORDER BY id ASC LIMIT ?";
      pageArgs.add(f.after());
    } else if (f.before() != null) {
      order = " AND id < ? ORDER BY id DESC LIMIT ?";
      pageArgs.add(f.before());
    } else {
      order = " ORDER BY id DESC LIMIT ?";
    }
    pageArgs.add(f.limit());
    return database.inTransaction(c -> {
      try (java.sql.Statement s = c.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
      }
      List<Access> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(ACCESS_SELECT + where + order)) {
        for (int i = 0; i < pageArgs.size(); i++) ps.setObject(i + 1, pageArgs.get(i));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(access(rs));
        }
      }
      if (f.after() != null) java.util.Collections.reverse(out);
      List<Object> countArgs = new ArrayList<>(args);
      countArgs.add(0, out.isEmpty() ? Long.MAX_VALUE : out.get(0).id());
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT count(*), count(*) FILTER (WHERE id > ?) FROM gateway_access" + where)) {
        for (int i = 0; i < countArgs.size(); i++) ps.setObject(i + 1, countArgs.get(i));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new AccessPage(out, rs.getLong(1), rs.getLong(2));
        }
      }
    });
  }

  /**
   * The city's secret for keyed hashes of look-up parameters: made once, the first time any node
   * asks ({@code fresh} is kept only if none was stored yet), then read by every node.
   */
  byte[] hashKey(byte[] fresh) {
    return database.inTransaction(c -> {
      try (PreparedStatement ins = c.prepareStatement(
          "INSERT INTO gateway_secret (id, hash_key) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
        ins.setBytes(1, fresh);
        ins.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT hash_key FROM gateway_secret WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBytes(1);
      }
    });
  }

  /** A partner's look-ups in the last hour and in the baseline's whole hours (distinct by parameters, per hour). */
  record AccessCounts(long partnerId, String agencyId, long lastHour, long before,
      long distinctLastHour, long distinctHourlyBefore) {}

  /**
   * Counts for every partner (or one): look-ups and distinct parameter sets in [{@code hourAgo},
   * {@code until}), read from the access log; and, summed over the whole UTC hours [{@code
   * baseStart}, {@code baseEnd}), each hour's look-ups and distinct parameter sets, read from
   * {@code gateway_access_hour} (migration V921) once every hour in it is counted there. The hours
   * not counted yet are counted first, in the same transaction; the counts of hours before {@code
   * baseStart} by more than a day are removed.
   */
  List<AccessCounts> accessCounts(Instant baseStart, Instant baseEnd, Instant hourAgo, Instant until, Long partnerId) {
    String onePartner = partnerId == null ? "" : " AND p.id = ?";
    String count = "INSERT INTO gateway_access_hour (partner_id, hour, lookups, subjects)"
        + " SELECT w.partner_id, w.hour, k.n, k.d"
        + " FROM (SELECT p.id AS partner_id, h AS hour FROM gateway_partner p,"
        + " generate_series(?::timestamptz, ?::timestamptz - interval '1 hour', interval '1 hour') AS h"
        + " WHERE NOT EXISTS (SELECT 1 FROM gateway_access_hour c WHERE c.partner_id = p.id AND c.hour = h)"
        + onePartner + ") w"
        + " CROSS JOIN LATERAL (SELECT count(*) AS n, count(DISTINCT a.params_hash) AS d FROM gateway_access a"
        + " WHERE a.partner_id = w.partner_id AND a.at >= w.hour AND a.at < w.hour + interval '1 hour') k"
        + " ON CONFLICT DO NOTHING";
    String read = "SELECT p.id, p.agency_id, l.n, coalesce(b.n, 0), l.d, coalesce(b.d, 0) FROM gateway_partner p"
        + " CROSS JOIN LATERAL (SELECT count(*) AS n, count(DISTINCT params_hash) AS d FROM gateway_access a"
        + " WHERE a.partner_id = p.id AND a.at >= ? AND a.at < ?) l"
        + " LEFT JOIN LATERAL (SELECT sum(lookups) AS n, sum(subjects) AS d FROM gateway_access_hour c"
        + " WHERE c.partner_id = p.id AND c.hour >= ? AND c.hour < ?) b ON true"
        + " WHERE true" + onePartner + " ORDER BY p.id";
    return database.inTransaction(c -> {
      // the planner's guess for a week of the log would have these compiled (a tenth of a second and
      // more each) though a check usually counts one hour or none
      try (PreparedStatement ps = c.prepareStatement("SET LOCAL jit = off")) {
        ps.execute();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM gateway_access_hour WHERE hour < ?::timestamptz"
          + " - interval '1 day'")) {
        ps.setTimestamp(1, Timestamp.from(baseStart));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(count)) {
        ps.setTimestamp(1, Timestamp.from(baseStart));
        ps.setTimestamp(2, Timestamp.from(baseEnd));
        if (partnerId != null) ps.setLong(3, partnerId);
        ps.executeUpdate();
      }
      List<AccessCounts> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(read)) {
        ps.setTimestamp(1, Timestamp.from(hourAgo));
        ps.setTimestamp(2, Timestamp.from(until));
        ps.setTimestamp(3, Timestamp.from(baseStart));
        ps.setTimestamp(4, Timestamp.from(baseEnd));
        if (partnerId != null) ps.setLong(5, partnerId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new AccessCounts(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5), rs.getLong(6)));
          }
        }
      }
      return out;
    });
  }
}
