package org.sanctuary.requests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes decisions a crash interrupted. A request is stored before its ledger entry is appended;
 * if the process died in between, the row has no ledger index. At start-up, before the server
 * takes requests, each such row gets its entry (built as {@link DecisionService} builds it) and
 * its index. An entry that did reach the ledger but whose index was never written back is found
 * and linked, not appended twice.
 */
public final class DecisionRecovery {
  private static final Logger log = LoggerFactory.getLogger(DecisionRecovery.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  // Far more entries than can be in flight when a process dies.
  private static final long TAIL = 100_000;

  private DecisionRecovery() {}

  /** Links or appends every unlogged decision; returns how many it fixed. */
  public static int recover(Database database, Ledger ledger) {
    List<DecisionEntry> pending = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, public_id, decided_at, received, receiving_agency, requester_agency, kind, basis, purpose,"
              + " subject_bits, outcome, packs, decision::text FROM federal_request"
              + " WHERE ledger_index IS NULL ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
          pending.add(entry(rs));
        }
      }
      return null;
    });
    if (pending.isEmpty()) return 0;
    Map<String, Long> logged = database.inTransaction(c -> logged(c, pending));
    for (int i = 0; i < pending.size(); i++) {
      DecisionEntry e = pending.get(i);
      long id = ids.get(i);
      Long found = logged.get(e.request());
      long index = found != null ? found : ledger.append(e.toLedgerEntry()).index();
      database.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("UPDATE federal_request SET ledger_index = ? WHERE id = ?")) {
          ps.setLong(1, index);
          ps.setLong(2, id);
          ps.executeUpdate();
        }
        return null;
      });
      log.info("recovered decision {}: ledger index {} ({})", e.request(), index,
          found != null ? "was logged, now linked" : "appended now");
    }
    return pending.size();
  }

  private static DecisionEntry entry(ResultSet rs) throws SQLException {
    Array packs = rs.getArray(12);
    List<String> reasons = new ArrayList<>();
    try {
      for (JsonNode r : JSON.readTree(rs.getString(13)).path("reasons")) {
        reasons.add(r.path("pack").asText() + ":" + r.path("rule").asText() + ":" + r.path("effect").asText());
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new SQLException("federal_request " + rs.getLong(1) + ": decision is not JSON", ex);
    }
    return new DecisionEntry(rs.getObject(2).toString(), rs.getTimestamp(3).toInstant(),
        rs.getObject(4, java.time.LocalDate.class), rs.getString(5), rs.getString(6), rs.getString(7),
        rs.getString(8), rs.getString(9), rs.getShort(10), rs.getString(11),
        Arrays.asList((String[]) packs.getArray()), reasons);
  }

  /**
   * Entries already logged for the given requests. A request's entry is appended just before its
   * index is written back, so an unlinked one can only be among the last entries before the crash:
   * the search looks at that tail only.
   */
  private static Map<String, Long> logged(Connection c, List<DecisionEntry> pending) throws SQLException {
    Map<String, Long> found = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT idx, convert_from(data, 'UTF8')::jsonb ->> 'request' FROM ledger_entry"
            + " WHERE idx > (SELECT coalesce(max(idx), 0) FROM ledger_entry) - ?"
            + " AND convert_from(data, 'UTF8')::jsonb ->> 'type' = 'decision'"
            + " AND convert_from(data, 'UTF8')::jsonb ->> 'request' = ANY (?)")) {
      ps.setLong(1, TAIL);
      ps.setArray(2, c.createArrayOf("text", pending.stream().map(DecisionEntry::request).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) found.putIfAbsent(rs.getString(2), rs.getLong(1));
      }
    }
    return found;
  }
}
