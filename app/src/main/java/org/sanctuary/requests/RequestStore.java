package org.sanctuary.requests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.Obligation;
import org.sanctuary.policy.json.DecisionJson;

/**
 * Keeps every federal request with its decision and the duties that came with it, so the city can
 * say how often it hears from each agency and what it answered.
 */
public final class RequestStore {
  private final DataSource dataSource;
  private final Clock clock;

  public RequestStore(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** A stored request: its row id and public id. */
  public record Stored(long id, UUID publicId, Instant decidedAt) {}

  /** The time a decision is stamped with. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Writes a request, its decision and its obligations on the caller's connection (inside the
   * caller's transaction, e.g. the ledger batch that records it); returns the row id.
   */
  public long insert(Connection c, FederalRequest r, Decision d, List<String> packVersions, UUID publicId,
      Instant at, Long ledgerIndex) throws SQLException {
    // One statement, one round trip: the request row and its duties. Inside the ledger's batch
    // this runs once per decision, so round trips are what bound the batch's time.
    int n = d.obligations().size();
    String[] packs = new String[n];
    String[] rules = new String[n];
    String[] citations = new String[n];
    String[] texts = new String[n];
    java.sql.Date[] due = new java.sql.Date[n];
    for (int i = 0; i < n; i++) {
      Obligation o = d.obligations().get(i);
      packs[i] = o.pack();
      rules[i] = o.rule();
      citations[i] = o.citation();
      texts[i] = o.text();
      due[i] = o.dueDays() == null ? null : java.sql.Date.valueOf(r.received().plusDays(o.dueDays()));
    }
    try (PreparedStatement ps = c.prepareStatement(
        "WITH r AS (INSERT INTO federal_request (public_id, caller_ref, received, receiving_agency, requester_text,"
            + " requester_agency, kind, basis, purpose, subject_bits, outcome, packs, decision, decided_at,"
            + " ledger_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) RETURNING id),"
            + " o AS (INSERT INTO obligation_task (request_id, pack, rule, citation, text, due_on)"
            + " SELECT r.id, t.pack, t.rule, t.citation, t.text, t.due_on FROM r,"
            + " unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::date[]) AS t(pack, rule, citation, text, due_on))"
            + " SELECT id FROM r")) {
      ps.setObject(1, publicId);
      ps.setString(2, r.id());
      ps.setObject(3, r.received());
      ps.setString(4, r.receivingAgency().name());
      ps.setString(5, r.requester());
      ps.setString(6, d.requester());
      ps.setString(7, r.kind().name());
      ps.setString(8, r.basis().name());
      ps.setString(9, r.purpose().name());
      ps.setShort(10, (short) r.subject().bits());
      ps.setString(11, d.outcome().name());
      ps.setArray(12, c.createArrayOf("text", packVersions.toArray()));
      ps.setString(13, DecisionJson.write(d).toString());
      ps.setTimestamp(14, Timestamp.from(at));
      ps.setObject(15, ledgerIndex);
      ps.setArray(16, c.createArrayOf("text", packs));
      ps.setArray(17, c.createArrayOf("text", rules));
      ps.setArray(18, c.createArrayOf("text", citations));
      ps.setArray(19, c.createArrayOf("text", texts));
      ps.setArray(20, c.createArrayOf("date", due));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Counts by requester agency and outcome for a period: "how often do we hear from ICE". */
  public record Count(String agency, String kind, String outcome, long requests) {}

  public List<Count> counts(java.time.LocalDate from, java.time.LocalDate to) throws SQLException {
    List<Count> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT coalesce(requester_agency, 'UNKNOWN'), kind, outcome, count(*) FROM federal_request"
                + " WHERE received >= ? AND received < ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")) {
      ps.setObject(1, from);
      ps.setObject(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(new Count(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
      }
    }
    return out;
  }
}
