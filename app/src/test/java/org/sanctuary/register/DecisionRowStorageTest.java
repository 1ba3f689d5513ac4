package org.sanctuary.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A recorded decision's row is stored as it is, not compressed (migration V922): the write path
 * spends no CPU compressing rows that are a little over PostgreSQL's 2 kB threshold, and a row too
 * large for a page is still stored.
 */
class DecisionRowStorageTest {
  private static TestRegister fixture;

  @BeforeAll
  static void start() {
    fixture = new TestRegister();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static Register.Item item(String day, String kind, String basis) {
    Map<String, String> form = Map.of("received_at", day, "receiving_agency", "CPD", "requester", "ICE",
        "kind", kind, "basis", basis, "purpose", "CIVIL_IMMIGRATION");
    return Register.read(form::get).item();
  }

  @Test
  void aDecisionsRow_overTheDefaultThreshold_isStoredUncompressed() {
    fixture.register.record(List.of(item("2024-03-01T10:00", "DETAINER", "NONE"),
        item("2024-03-02T10:00", "NOTIFICATION", "ADMINISTRATIVE_WARRANT")), Recorder.staff(1));
    fixture.database.inTransaction(c -> {
      try (ResultSet rs = c.createStatement().executeQuery("SELECT pg_column_size(r.*), pg_column_compression(decision),"
          + " pg_column_size(decision), octet_length(decision::text) FROM federal_request r"
          + " WHERE received IN ('2024-03-01', '2024-03-02')")) {
        int rows = 0;
        while (rs.next()) {
          rows++;
          // over the 2 kB at which PostgreSQL would compress it by default, so the check below means something
          assertThat(rs.getInt(1)).as("row size").isGreaterThan(2032);
          assertThat(rs.getString(2)).as("compression method of the decision").isNull();
          assertThat(rs.getInt(3)).as("stored size of the decision").isGreaterThanOrEqualTo(rs.getInt(4) / 2);
        }
        assertThat(rows).isEqualTo(2);
      }
      return null;
    });
  }

  @Test
  void aRowTooLargeForAPage_isStillStored() {
    fixture.register.record(List.of(item("2024-04-01T10:00", "DETAINER", "NONE")), Recorder.staff(1));
    fixture.database.inTransaction(c -> {
      // the decision as the register writes it, padded far past a page: stored by the usual means
      // (compressed or moved out of line) and read back whole
      try (var ps = c.prepareStatement("INSERT INTO federal_request (public_id, received, receiving_agency,"
          + " requester_text, kind, basis, purpose, subject_bits, outcome, packs, decision, decided_at)"
          + " SELECT gen_random_uuid(), received, receiving_agency, requester_text, kind, basis, purpose,"
          + " subject_bits, outcome, packs, jsonb_set(decision, '{padding}', to_jsonb(repeat('x', 20000))),"
          + " decided_at FROM federal_request WHERE received = '2024-04-01' RETURNING length(decision->>'padding')")) {
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(20000);
        }
      }
      return null;
    });
  }
}
