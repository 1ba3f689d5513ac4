package org.sanctuary.incidents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanctuary.store.Database;

/** The incident tables (V401): plain JDBC, encrypted values passed through as bytes. */
final class IncidentStore {
  private final Database database;

  IncidentStore(Database database) {
    this.database = database;
  }

  /** A new report as it goes into the table. */
  record NewIncident(String receipt, byte[] secretHash, Instant createdAt, Intake intake, byte[] employeeEnc,
      byte[] employeeHash, String routedTo, String routingPack, String routingRule, byte[] descriptionEnc,
      byte[] witnessesEnc, byte[] contactEnc) {}

  /** A report as stored, encrypted values still encrypted. */
  record Stored(long id, String receipt, byte[] secretHash, Instant createdAt, String category,
      String employeeType, String department, LocalDate occurredOn, String location, String routedTo,
      String routingPack, String routingRule, String status, String language, byte[] descriptionEnc,
      byte[] witnessesEnc, boolean hasContact, Long ledgerIndex, Instant closedAt, Instant contactDestroyedAt) {}

  /** A follow-up note as stored. */
  record Followup(Instant createdAt, byte[] bodyEnc) {}

  /** Writes a report on the caller's connection: inside the ledger batch that records it. */
  static void insert(java.sql.Connection c, NewIncident n, long ledgerIndex) throws java.sql.SQLException {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO incident (receipt, secret_hash, created_at,"
          + " category, employee_type, department, employee_enc, employee_hash, occurred_on, location, routed_to,"
          + " routing_pack, routing_rule, language, description_enc, witnesses_enc, contact_enc, ledger_index)"
          + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        Intake i = n.intake();
        s.setString(1, n.receipt());
        s.setBytes(2, n.secretHash());
        s.setTimestamp(3, Timestamp.from(n.createdAt()));
        s.setString(4, i.category().name());
        s.setString(5, i.employeeType().name());
        s.setString(6, i.department());
        bytes(s, 7, n.employeeEnc());
        bytes(s, 8, n.employeeHash());
        s.setObject(9, i.occurredOn());
        s.setString(10, i.location());
        s.setString(11, n.routedTo());
        s.setString(12, n.routingPack());
        s.setString(13, n.routingRule());
        s.setString(14, i.language());
        s.setBytes(15, n.descriptionEnc());
        bytes(s, 16, n.witnessesEnc());
        bytes(s, 17, n.contactEnc());
        s.setLong(18, ledgerIndex);
        s.executeUpdate();
      }
  }

  Optional<Stored> find(String receipt) {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT id, receipt, secret_hash, created_at, category,"
          + " employee_type, department, occurred_on, location, routed_to, routing_pack, routing_rule, status,"
          + " language, description_enc, witnesses_enc, contact_enc IS NOT NULL, ledger_index, closed_at,"
          + " contact_destroyed_at FROM incident WHERE receipt = ?")) {
        s.setString(1, receipt);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          return Optional.of(new Stored(rs.getLong(1), rs.getString(2), rs.getBytes(3), instant(rs, 4),
              rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, LocalDate.class),
              rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
              rs.getString(14), rs.getBytes(15), rs.getBytes(16), rs.getBoolean(17),
              (Long) rs.getObject(18), instant(rs, 19), instant(rs, 20)));
        }
      }
    });
  }

  /** Writes a reporter's note on the caller's connection: inside the ledger batch that records it. */
  static void insertFollowup(java.sql.Connection c, long incidentId, Instant at, byte[] bodyEnc, long ledgerIndex)
      throws java.sql.SQLException {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO incident_followup (incident_id, created_at, body_enc, ledger_index) VALUES (?,?,?,?)")) {
        s.setLong(1, incidentId);
        s.setTimestamp(2, Timestamp.from(at));
        s.setBytes(3, bodyEnc);
        s.setLong(4, ledgerIndex);
        s.executeUpdate();
      }
  }

  List<Followup> followups(long incidentId) {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT created_at, body_enc FROM incident_followup WHERE incident_id = ? ORDER BY created_at, id")) {
        s.setLong(1, incidentId);
        List<Followup> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) out.add(new Followup(instant(rs, 1), rs.getBytes(2)));
        }
        return out;
      }
    });
  }

  /** Closed reports whose retention period has ended and that still hold contact details. */
  List<String> expiredContacts(Instant closedBefore) {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT receipt FROM incident"
          + " WHERE contact_enc IS NOT NULL AND closed_at IS NOT NULL AND closed_at <= ? ORDER BY id")) {
        s.setTimestamp(1, Timestamp.from(closedBefore));
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) out.add(rs.getString(1));
        }
        return out;
      }
    });
  }

  /** Destroys one report's contact details; false when another run did it first. */
  /** Destroys a report's contact details on the caller's connection; false when already gone. */
  static boolean destroyContact(java.sql.Connection c, String receipt, Instant at) throws java.sql.SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE incident SET contact_enc = NULL,"
        + " contact_destroyed_at = ? WHERE receipt = ? AND contact_enc IS NOT NULL")) {
      s.setTimestamp(1, Timestamp.from(at));
      s.setString(2, receipt);
      return s.executeUpdate() == 1;
    }
  }

  /** Counts of reports received in {@code [from, to)} (the city's dates), grouped by one column. */
  Map<String, Long> countBy(String column, LocalDate from, LocalDate to, java.time.ZoneId city) {
    String expr = switch (column) {
      case "category", "employee_type", "department", "routed_to", "status" -> column;
      case "month" -> "to_char(created_at AT TIME ZONE ?, 'YYYY-MM')";
      default -> throw new IllegalArgumentException(column);
    };
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + expr + " AS k, count(*) FROM incident"
          + " WHERE (created_at AT TIME ZONE ?)::date >= ?"
          + " AND (created_at AT TIME ZONE ?)::date < ? GROUP BY k ORDER BY k")) {
        int i = 1;
        if (column.equals("month")) s.setString(i++, city.getId());
        s.setString(i++, city.getId());
        s.setObject(i++, from);
        s.setString(i++, city.getId());
        s.setObject(i, to);
        Map<String, Long> out = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
        }
        return out;
      }
    });
  }

  private static int update(Connection c, String sql, long... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) s.setLong(i + 1, args[i]);
      return s.executeUpdate();
    }
  }

  private static void bytes(PreparedStatement s, int i, byte[] b) throws SQLException {
    if (b == null) s.setNull(i, Types.BINARY);
    else s.setBytes(i, b);
  }

  private static Instant instant(ResultSet rs, int i) throws SQLException {
    Timestamp t = rs.getTimestamp(i);
    return t == null ? null : t.toInstant();
  }
}
