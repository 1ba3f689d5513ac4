package org.sanctuary.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.ledger.store.TestLedgers;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.MutableClock;

/** A year of an existing log imported from CSV, and what the reports then say. */
class RegisterImportTest {
  static final String HEADER = "received_at,receiving_agency,requester,kind,basis,purpose,bail_posted_at,disposition,"
      + "disposition_at,transferred_to,document,reference,oemc_notified_at\n";
  static final String YEAR_2024 = HEADER
      + "2024-01-10T09:30,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,2024-01-11T10:00,RELEASED,2024-01-11T12:00,,I-247A,CB-1001,\n"
      + "2024-02-03,CPD,U.S. Immigration and Customs Enforcement,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,TRANSFERRED,2024-02-04T08:15,ICE,I-247A,,\n"
      + "2024-02-20T16:00,CPD,ICE,ASSISTANCE,NONE,CIVIL_IMMIGRATION,,,,,NONE,,2024-02-20T16:30\n"
      + "2024-02-21,COOK_COUNTY_SHERIFF,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,2024-02-22T09:00,RELEASED,2024-02-22T11:00,,I-247D,,\n"
      + "2024-03-05,CPD,FBI,DATABASE_ACCESS,NONE,CRIMINAL,,,,,,,\n"
      + "\"2024-07-15T14:20\",CPD,\"ICE ERO\",DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,REMAINS_IN_CUSTODY,,,I-200,,\n";

  private static Database database;
  private static PostgresLedger ledger;
  private static Register register;
  private static MutableClock clock;

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    clock = new MutableClock(Instant.parse("2025-01-20T15:00:00Z"));
    ledger = TestLedgers.start(database, clock);
    byte[] master = new byte[32];
    new java.security.SecureRandom().nextBytes(master);
    register = new Register(PolicySetup.engine(null, Set.of()), database, ledger, IncidentKey.of(master), clock);
  }

  @AfterAll
  static void stop() {
    ledger.close();
    database.close();
  }

  @BeforeEach
  void empty() {
    database.inTransaction(c -> c.createStatement().executeUpdate("TRUNCATE obligation_task, federal_request"));
  }

  static long count(String sql) {
    return database.inTransaction(c -> {
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static Register.ImportResult importText(String csv) {
    return register.importCsv(() -> new StringReader(csv));
  }

  @Test
  void importCsv_goodYear_storesEveryRowWithItsLedgerEntry() {
    long before = TestDatabases.ledgerEntries(database);
    Register.Imported done = (Register.Imported) importText(YEAR_2024);
    assertThat(done.rows()).isEqualTo(6);
    assertThat(done.firstIndex()).isEqualTo(before);
    assertThat(done.lastIndex()).isEqualTo(before + 5);
    assertThat(TestDatabases.ledgerEntries(database)).isEqualTo(before + 6);
    assertThat(count("SELECT count(*) FROM federal_request WHERE recorded_by = 'import' AND ledger_index IS NOT NULL"))
        .isEqualTo(6);
    // the person reference is sealed: its text is nowhere in the row or the ledger
    assertThat(count("SELECT count(*) FROM federal_request WHERE person_ref IS NOT NULL")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM federal_request WHERE position('CB-1001'::bytea IN person_ref) > 0")).isZero();
    assertThat(count("SELECT count(*) FROM ledger_entry WHERE convert_from(data, 'UTF8') LIKE '%CB-1001%'")).isZero();
    java.util.UUID sealed = database.inTransaction(c -> {
      try (ResultSet rs = c.createStatement().executeQuery("SELECT public_id FROM federal_request WHERE person_ref IS NOT NULL")) {
        rs.next();
        return rs.getObject(1, java.util.UUID.class);
      }
    });
    assertThat(register.reference(register.entry(sealed).orElseThrow())).isEqualTo("CB-1001");
    assertThat(count("SELECT count(*) FROM ledger_entry WHERE idx >= " + before
        + " AND convert_from(data, 'UTF8') LIKE '%\"by\":\"import\"%'")).isEqualTo(6);
  }

  @Test
  void reports_yearImportedFromCsv_giveTheRightCounts() {
    importText(YEAR_2024);
    CpdQuarterly q1 = register.cpdQuarterly(2024, 1);
    assertThat(q1.received()).isEqualTo(2);
    assertThat(q1.transferred()).isEqualTo(1);
    assertThat(q1.items()).extracting(CpdQuarterly.Item::received).containsExactly("2024-01-10T09:30", "2024-02-03");
    assertThat(q1.items().get(1).agency()).isEqualTo("ICE");
    assertThat(q1.items().get(0).agency()).isNull();
    assertThat(q1.oemcNotifications()).isEqualTo(1);
    assertThat(q1.checkpoint().size()).isEqualTo(new LedgerReader(database).size());
    assertThat(register.cpdQuarterly(2024, 2).received()).isZero();
    assertThat(register.cpdQuarterly(2024, 3).received()).isEqualTo(1);

    TrustAct cpd = register.trustAct(2024, Body.CPD);
    assertThat(cpd.assistanceRequests()).hasSize(1);
    assertThat(cpd.assistanceRequests().get(0).outcome()).isEqualTo("DENY");
    assertThat(cpd.assistanceRequests().get(0).citations()).contains("5 ILCS 805/15(h)(1)");
    assertThat(cpd.detainers()).extracting(TrustAct.Detainer::disposition)
        .containsExactly("RELEASED", "TRANSFERRED", "REMAINS_IN_CUSTODY");
    assertThat(cpd.detainers().get(0).bailPostedAt()).isEqualTo("2024-01-11T10:00");
    assertThat(cpd.detainers().get(1).receivingAgency()).isEqualTo("ICE");
    assertThat(cpd.detainers().get(1).dispositionAt()).isEqualTo("2024-02-04T08:15");

    TrustAct sheriff = register.trustAct(2024, Body.COOK_COUNTY_SHERIFF);
    assertThat(sheriff.assistanceCertifiedNone()).isTrue();
    assertThat(sheriff.detainers()).hasSize(1);
  }

  @Test
  void trustAct_yearWithNoRequests_certifiesBothLists() {
    importText(YEAR_2024);
    TrustAct empty = register.trustAct(2023, Body.CPD);
    assertThat(empty.assistanceCertifiedNone()).isTrue();
    assertThat(empty.detainersCertifiedNone()).isTrue();
    assertThat(empty.assistanceCertification()).contains("certifies", "2023", "805/25(a)(1)");
    assertThat(empty.detainerCertification()).contains("certifies", "2023", "805/25(a)(2)");
  }

  @Test
  void importCsv_badRows_namesEveryBadLineAndFieldAndStoresNothing() {
    long before = TestDatabases.ledgerEntries(database);
    String bad = HEADER
        + "2024-01-10T09:30,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,,,,I-247A,,\n"
        + "2024-13-01,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,,,,,,\n"
        + "2024-02-01,POLICE,ICE,DETAINER,WARRANT,CIVIL_IMMIGRATION,,,,,,,\n"
        + "2024-02-02,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,TRANSFERRED,,,,,\n"
        + "1980-02-02,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,,,,,,\n"
        + "2024-02-03,CPD,ICE,DETAINER,JUDICIAL_WARRANT,CRIMINAL,,,,,I-247A,,\n";
    Register.ImportProblems refused = (Register.ImportProblems) importText(bad);
    assertThat(refused.lines()).hasSize(6);
    assertThat(refused.lines().get(0)).startsWith("line 3: received_at:").contains("2024-13-01");
    assertThat(refused.lines().get(1)).startsWith("line 4: receiving_agency:").contains("POLICE");
    assertThat(refused.lines().get(2)).startsWith("line 4: basis:").contains("WARRANT");
    assertThat(refused.lines().get(3)).startsWith("line 5: transferred_to:");
    assertThat(refused.lines().get(4)).startsWith("line 6: received_at:").contains("no law in force");
    assertThat(refused.lines().get(5)).startsWith("line 7: document:").contains("I-247A");
    assertThat(count("SELECT count(*) FROM federal_request")).isZero();
    assertThat(TestDatabases.ledgerEntries(database)).isEqualTo(before);
  }

  @Test
  void importCsv_missingAndUnknownColumns_areNamedInTheHeader() {
    Register.ImportProblems refused = (Register.ImportProblems) importText(
        "received_at,receiving_agency,requester,kind,basis,purpose,citizenship,colour\n");
    assertThat(refused.lines()).anySatisfy(l -> assertThat(l).contains("citizenship").contains("never collects"));
    assertThat(refused.lines()).anySatisfy(l -> assertThat(l).contains("unknown column \"colour\""));
    assertThat(refused.lines()).anySatisfy(l -> assertThat(l).contains("column \"disposition\" is missing"));
  }

  @Test
  void tasks_fromTheDecisionsDuties_haveDeadlines() {
    importText(YEAR_2024);
    List<Long> due = database.inTransaction(c -> {
      List<Long> out = new java.util.ArrayList<>();
      try (ResultSet rs = c.createStatement().executeQuery(
          "SELECT count(*) FILTER (WHERE due_on = DATE '2025-03-01'), count(*) FILTER (WHERE done_at IS NOT NULL)"
              + " FROM obligation_task")) {
        rs.next();
        out.add(rs.getLong(1));
        out.add(rs.getLong(2));
      }
      return out;
    });
    assertThat(due.get(0)).isEqualTo(5); // four CPD and sheriff detainers, one assistance request, for the AG
    assertThat(due.get(1)).isEqualTo(1); // the OEMC notification the file says was made
  }

  @Test
  void importCsv_storeFailsOnTheLastRow_keepsNoRowAndNoEntry_andTheLedgerGoesOn() {
    // the store refuses one row only after the others were written in the same transaction
    database.inTransaction(c -> c.createStatement().execute(
        "CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF NEW.received = DATE '2024-07-15' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$;"
            + " CREATE TRIGGER poison BEFORE INSERT ON federal_request FOR EACH ROW EXECUTE FUNCTION poison()"));
    long before = TestDatabases.ledgerEntries(database);
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> importText(YEAR_2024))
          .isInstanceOf(org.sanctuary.ledger.store.LedgerUnavailableException.class);
    } finally {
      database.inTransaction(c -> c.createStatement().execute(
          "DROP TRIGGER poison ON federal_request; DROP FUNCTION poison()"));
    }
    assertThat(count("SELECT count(*) FROM federal_request")).isZero();
    assertThat(count("SELECT count(*) FROM obligation_task")).isZero();
    assertThat(TestDatabases.ledgerEntries(database)).isEqualTo(before);
    assertThat(((Register.Imported) importText(YEAR_2024)).firstIndex()).isEqualTo(before);
  }

  @Test
  void importAndRecord_writeTheSameRow_whicheverPathStoresIt() {
    String row = "2024-02-20T16:00,CPD,ICE,ASSISTANCE,NONE,CIVIL_IMMIGRATION,2024-02-20T17:00,TRANSFERRED,"
        + "2024-02-21T08:00,\"ICE, \"\"Chicago\"\" field office\",NONE,ref\\with\ttab,2024-02-20T16:30\n";
    importText(HEADER + row);
    String[] pairs = {"received_at", "2024-02-20T16:00", "receiving_agency", "CPD",
        "requester", "ICE", "kind", "ASSISTANCE", "basis", "NONE", "purpose", "CIVIL_IMMIGRATION",
        "bail_posted_at", "2024-02-20T17:00", "disposition", "TRANSFERRED", "disposition_at", "2024-02-21T08:00",
        "transferred_to", "ICE, \"Chicago\" field office", "document", "NONE", "reference", "ref\\with\ttab",
        "oemc_notified_at", "2024-02-20T16:30"};
    java.util.Map<String, String> form = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) form.put(pairs[i], pairs[i + 1]);
    Register.Read read = Register.read(form::get);
    register.record(List.of(read.item()), Recorder.staff(1));
    List<String> columns = List.of("received", "received_at", "receiving_agency", "requester_text", "requester_agency",
        "kind", "basis", "purpose", "subject_bits", "outcome", "packs", "decision", "document", "court", "bail_posted_at",
        "disposition", "disposition_at", "transferred_to", "cpd_log", "oemc_notice", "ag_detainer", "ag_assistance",
        "decided_by", "(SELECT array_agg(pack || rule || citation || text || coalesce(due_on::text, '')"
            + " ORDER BY pack, rule) FROM obligation_task t WHERE t.request_id = r.id)");
    assertThat(count("SELECT count(*) FROM federal_request")).isEqualTo(2);
    for (String column : columns) {
      assertThat(count("SELECT count(DISTINCT coalesce((" + column + ")::text, '-')) FROM federal_request r")).as(column)
          .isEqualTo(1);
    }
    assertThat(count("SELECT count(*) FROM federal_request WHERE oemc_notified_index IS NOT NULL")).isEqualTo(2);
    for (RegisterStore.Line l : register.list(2024)) {
      assertThat(register.reference(register.entry(l.publicId()).orElseThrow())).isEqualTo("ref\\with\ttab");
    }
  }

  @Test
  void record_inSeparateCalls_storesEachRequestsOwnDecision() throws Exception {
    // the decision JSON of a verdict is kept across calls: a later request of the same shape on
    // another day, or naming the agency otherwise, must still store its own day and requester
    String[][] requests = {
        {"2024-02-20T16:00", "ICE"}, {"2024-02-21T09:00", "ICE"},
        {"2024-02-20T16:00", "U.S. Immigration and Customs Enforcement"}, {"2024-02-20T16:00", "ICE"}};
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (String[] r : requests) {
      java.util.Map<String, String> form = java.util.Map.of("received_at", r[0], "receiving_agency", "CPD",
          "requester", r[1], "kind", "DETAINER", "basis", "NONE", "purpose", "CIVIL_IMMIGRATION");
      Register.Item item = Register.read(form::get).item();
      Register.Recorded recorded = register.record(List.of(item), Recorder.staff(1)).get(0);
      String stored = register.entry(recorded.request()).orElseThrow().decisionJson();
      assertThat(json.readTree(stored)).as(r[0] + " " + r[1])
          .isEqualTo(json.readTree(org.sanctuary.policy.json.DecisionJson.write(
              register.engine().decide(item.received().request())).toString()));
      assertThat(json.readTree(stored).get("asOf").asText()).isEqualTo(r[0].substring(0, 10));
    }
  }
}
