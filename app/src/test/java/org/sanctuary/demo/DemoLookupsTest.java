package org.sanctuary.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.ConfigException;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.LedgerAudit;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.staff.SecretBox;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;

/**
 * The demo year's look-ups written in batches through the ledger's bulk path store exactly what
 * the partners' query path stores one by one: the same entries in the same order, the same
 * access-log rows, the same marks; and the ledger still verifies.
 */
class DemoLookupsTest {
  private static final int YEAR = 2025;
  private static final long SEED = 11;
  private static final int LOOKUPS = 1_200;
  private static final Engine ENGINE = PolicySetup.engine(null, Set.of());
  private static Year oneByOne;
  private static Year batched;

  /** One database filled by demo-data, with the ledger's signer to verify it. */
  record Year(Database database, Signer signer, String printed) {}

  @BeforeAll
  static void fill() {
    // one thread: the query path then appends in look-up order, so the two logs can be compared entry by entry
    oneByOne = fill(new DemoData.Scale(0, 0, LOOKUPS, 1, 1));
    // batches that do not divide the count, so the last one is short
    batched = fill(new DemoData.Scale(0, 0, LOOKUPS, 8, 500));
  }

  private static Year fill(DemoData.Scale scale) {
    Database database = TestDatabases.fresh();
    // the same key for the look-ups' keyed hashes in both, as a copied data folder would have
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO gateway_secret (id, hash_key) VALUES (1, ?)")) {
        ps.setBytes(1, new byte[32]);
        ps.executeUpdate();
      }
      return null;
    });
    Signer signer = Signer.generate("city.example/ledger");
    Clock clock = Clock.systemUTC();
    StringWriter printed = new StringWriter();
    try (PostgresLedger ledger = PostgresLedger.start(database, clock, signer)) {
      DemoData.generate(database, ENGINE, ledger, clock, IncidentKey.of(new byte[32]), SecretBox.of(new byte[32]),
          YEAR, SEED, scale, new PrintWriter(printed));
    }
    return new Year(database, signer, printed.toString());
  }

  @AfterAll
  static void close() {
    oneByOne.database().close();
    batched.database().close();
  }

  @Test
  void generate_inBatches_appendsTheSameLookupEntriesInTheSameOrder() {
    String sql = "SELECT convert_from(data, 'UTF8') FROM ledger_entry"
        + " WHERE position(convert_to('\"type\":\"gateway.access\"', 'UTF8') IN data) > 0 ORDER BY idx";
    List<List<String>> expected = rows(oneByOne.database(), sql);
    assertThat(expected).hasSize(LOOKUPS);
    assertThat(expected.get(0).get(0)).contains("\"synthetic\":true");
    assertThat(rows(batched.database(), sql)).containsExactlyElementsOf(expected);
  }

  @Test
  void generate_inBatches_writesTheSameAccessLogRowsEachBesideItsEntry() {
    // every column but the serial id; the row's own entry instead of its index (the logs before
    // the look-ups need not be the same length)
    String sql = "SELECT a.at, a.partner_id, a.agency_id, a.dataset, a.purpose, a.outcome, a.reason, a.citation,"
        + " a.params_hash, a.case_hash, a.row_count, a.rules, a.packs, a.synthetic, convert_from(e.data, 'UTF8')"
        + " FROM gateway_access a JOIN ledger_entry e ON e.idx = a.ledger_index ORDER BY a.id";
    List<List<String>> expected = rows(oneByOne.database(), sql);
    assertThat(expected).hasSize(LOOKUPS);
    assertThat(expected).extracting(r -> r.get(5)).contains("PERMIT", "DENY");
    assertThat(expected).allSatisfy(r -> assertThat(r.get(13)).isEqualTo("t"));
    assertThat(rows(batched.database(), sql)).containsExactlyElementsOf(expected);
  }

  @Test
  void generate_inBatches_givesTheSameMarksFirstGivenAtTheSameTime() {
    // the mark itself is keyed with each partner's random secret; who got which record, and when first, is the same
    String sql = "SELECT p.agency_id, m.dataset, m.field, m.record_key, m.first_at FROM gateway_mark m"
        + " JOIN gateway_partner p ON p.id = m.partner_id ORDER BY 1, 2, 3, 4";
    List<List<String>> expected = rows(oneByOne.database(), sql);
    assertThat(expected).isNotEmpty();
    assertThat(rows(batched.database(), sql)).containsExactlyElementsOf(expected);
  }

  @Test
  void generate_inBatches_leavesALedgerThatVerifiesWithOneCheckpointPerBatch() {
    LedgerAudit.Result audit = LedgerAudit.verify(batched.database(), List.of(batched.signer().verifier()));
    assertThat(audit.problem()).isEmpty();
    assertThat(audit.latestSize()).isEqualTo(audit.entries());
    assertThat(LedgerAudit.verify(oneByOne.database(), List.of(oneByOne.signer().verifier())).problem()).isEmpty();
    // three batches of look-ups (500, 500, 200), each with a checkpoint of its own
    List<List<String>> sizes = rows(batched.database(),
        "SELECT size FROM ledger_checkpoint WHERE size > (SELECT min(ledger_index) FROM gateway_access) ORDER BY size");
    assertThat(sizes).hasSize(3);
  }

  @Test
  void generate_inBatches_printsProgressAfterEachBatch() {
    assertThat(batched.printed()).contains("look-ups 500 of 1,200 (41%)", "look-ups 1,000 of 1,200 (83%)",
        "look-ups 1,200 of 1,200 (100%)");
  }

  @Test
  void scale_batchOutOfRange_isRefusedNamingTheOption() {
    assertThatThrownBy(() -> new DemoData.Scale(0, 0, 10, 1, 0)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("batch").hasMessageContaining("1 to 100000");
    assertThatThrownBy(() -> new DemoData.Scale(0, 0, 10, 1, 100_001)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("100001");
  }

  private static List<List<String>> rows(Database database, String sql) {
    return database.inTransaction(c -> {
      List<List<String>> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= md.getColumnCount(); i++) row.add(rs.getString(i));
          out.add(row);
        }
      }
      return out;
    });
  }
}
