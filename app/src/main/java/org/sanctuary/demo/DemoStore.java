package org.sanctuary.demo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.sanctuary.store.Database;

/** The few reads demo-data needs beyond the services: safety checks and ids to act on. */
final class DemoStore {
  private final Database database;

  DemoStore(Database database) {
    this.database = database;
  }

  /** How many real (not synthetic) requests, reports and look-ups the database holds. */
  long realRecords() {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT (SELECT count(*) FROM federal_request WHERE NOT synthetic)"
              + " + (SELECT count(*) FROM incident WHERE NOT synthetic)"
              + " + (SELECT count(*) FROM gateway_access WHERE NOT synthetic)");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** Whether demonstration requests, reports or look-ups dated in this year (city time) exist. */
  boolean syntheticYear(int year) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT EXISTS (SELECT 1 FROM federal_request WHERE synthetic AND extract(year FROM received) = ?)"
              + " OR EXISTS (SELECT 1 FROM incident WHERE synthetic"
              + "   AND extract(year FROM created_at AT TIME ZONE 'America/Chicago') = ?)"
              + " OR EXISTS (SELECT 1 FROM gateway_access WHERE synthetic"
              + "   AND extract(year FROM at AT TIME ZONE 'America/Chicago') = ?)")) {
        for (int i = 1; i <= 3; i++) ps.setInt(i, year);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getBoolean(1);
        }
      }
    });
  }

  /** The row id of the report with this receipt. */
  long incidentId(String receipt) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM incident WHERE receipt = ?")) {
        ps.setString(1, receipt);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw new IllegalStateException("report " + receipt + " was not stored");
          return rs.getLong(1);
        }
      }
    });
  }

  /** The id of a staff account, if it exists. */
  Optional<Long> staffId(String username) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM staff_account WHERE username = ?")) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
      }
    });
  }
}
