package org.sanctuary.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.policy.Body;
import org.sanctuary.store.Database;

/**
 * The TRUST Act report reads its rows by binary COPY; here it is checked, item for item and in
 * order, against a plain SQL reference that formats and sorts in the database, over a seeded random
 * register with day-only dates, several requesters, fractions of a second and free-text agencies.
 */
class TrustActReadTest {
  private static final String HEADER = "received_at,receiving_agency,requester,kind,basis,purpose,bail_posted_at,"
      + "disposition,disposition_at,transferred_to,document\n";
  private static Database database;
  private static TestRegister fixture;
  private static Register register;

  @BeforeAll
  static void start() {
    fixture = new TestRegister();
    database = fixture.database;
    register = fixture.register;
    Register.ImportResult result = register.importCsv(() -> new StringReader(csv(new Random(20261202L), 600)));
    assertThat(result).isInstanceOf(Register.Imported.class);
    // times with fractions of a second (a record through the API may carry them): the report shows
    // the minute, rounded down
    database.inTransaction(c -> c.createStatement().executeUpdate(
        "UPDATE federal_request SET disposition_at = disposition_at + interval '59.7 seconds',"
            + " bail_posted_at = bail_posted_at + interval '0.25 seconds' WHERE id % 3 = 0"));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void trustAct_binaryCopyRead_isTheSameReportAsThePlainSqlReference() {
    for (Body agency : List.of(Body.CPD, Body.COOK_COUNTY_SHERIFF)) {
      for (int year : new int[] {2023, 2024, 2025}) {
        TrustAct report = register.trustAct(year, agency);
        long size = new LedgerReader(database).size();
        assertThat(report.checkpoint().size()).isEqualTo(size);
        assertThat(report.assistanceRequests()).as("%s %d (a)(1)", agency, year)
            .containsExactlyElementsOf(referenceAssistance(year, agency, size));
        assertThat(report.detainers()).as("%s %d (a)(2)", agency, year)
            .containsExactlyElementsOf(referenceDetainers(year, agency, size));
        assertThat(report).isEqualTo(new TrustAct(year, agency, referenceAssistance(year, agency, size),
            referenceDetainers(year, agency, size), report.checkpoint(), false));
      }
    }
    // the random register really has what the reference must agree on
    TrustAct cpd = register.trustAct(2024, Body.CPD);
    assertThat(cpd.detainers()).hasSizeGreaterThan(100);
    assertThat(cpd.assistanceRequests()).hasSizeGreaterThan(10);
    assertThat(cpd.detainers()).anySatisfy(d -> assertThat(d.received()).hasSize(10));
    assertThat(cpd.detainers()).anySatisfy(d -> assertThat(d.receivingAgency()).contains("Inmigración"));
    assertThat(cpd.assistanceRequests()).extracting(TrustAct.Assistance::requester).contains("ICE", "ERO");
    assertThat(cpd.assistanceRequests()).allSatisfy(a -> assertThat(a.citations()).isNotEmpty());
  }

  // the reference: formats in SQL (Chicago time, to the minute) and sorts in SQL
  private static final String RECEIVED = "CASE WHEN received_at IS NULL THEN received::text"
      + " ELSE to_char(received_at AT TIME ZONE 'America/Chicago', 'YYYY-MM-DD\"T\"HH24:MI') END";
  private static final String ORDER = " ORDER BY received, received_at NULLS FIRST, id";
  private static final String WHERE = " FROM federal_request WHERE receiving_agency = ? AND received >= ?"
      + " AND received < ? AND ledger_index < ?";

  private static String minute(String column) {
    return "to_char(date_trunc('second', " + column + ") AT TIME ZONE 'America/Chicago', 'YYYY-MM-DD\"T\"HH24:MI')";
  }

  private static List<TrustAct.Assistance> referenceAssistance(int year, Body agency, long size) {
    return database.inTransaction(c -> {
      List<TrustAct.Assistance> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + RECEIVED + ", coalesce(requester_agency, 'UNKNOWN'),"
          + " outcome, decided_by" + WHERE + " AND ag_assistance" + ORDER)) {
        bind(ps, year, agency, size);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Array cited = rs.getArray(4);
            out.add(new TrustAct.Assistance(rs.getString(1), rs.getString(2), rs.getString(3),
                cited == null ? List.of() : List.of((String[]) cited.getArray())));
          }
        }
      }
      return out;
    });
  }

  private static List<TrustAct.Detainer> referenceDetainers(int year, Body agency, long size) {
    return database.inTransaction(c -> {
      List<TrustAct.Detainer> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + RECEIVED + ", " + minute("bail_posted_at")
          + ", disposition, " + minute("disposition_at") + ", transferred_to" + WHERE + " AND ag_detainer" + ORDER)) {
        bind(ps, year, agency, size);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new TrustAct.Detainer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5)));
          }
        }
      }
      return out;
    });
  }

  private static void bind(PreparedStatement ps, int year, Body agency, long size) throws java.sql.SQLException {
    ps.setString(1, agency.name());
    ps.setObject(2, java.time.LocalDate.of(year, 1, 1));
    ps.setObject(3, java.time.LocalDate.of(year + 1, 1, 1));
    ps.setLong(4, size);
  }

  // a seeded year and a half of a log, with the awkward cases the reference must agree on
  private static String csv(Random random, int rows) {
    String[] requesters = {"ICE", "U.S. Immigration and Customs Enforcement", "ICE ERO", "FBI"};
    String[] receivers = {"ICE", "U.S. Marshals", "\"Oficina de Inmigración, \"\"Chicago\"\"\""};
    StringBuilder out = new StringBuilder(HEADER);
    LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
    for (int i = 0; i < rows; i++) {
      LocalDateTime at = start.plusMinutes(random.nextInt(540 * 24 * 60)).plusSeconds(random.nextInt(60));
      String received = random.nextInt(5) == 0 ? at.toLocalDate().toString() : at.toString();
      String body = random.nextInt(5) < 3 ? "CPD" : random.nextInt(4) < 3 ? "COOK_COUNTY_SHERIFF" : "CITY";
      boolean assistance = random.nextInt(5) == 0;
      String kind = assistance ? "ASSISTANCE" : random.nextInt(6) == 0 ? "INFORMATION" : "DETAINER";
      String document = assistance ? "NONE" : random.nextInt(8) == 0 ? "JUDICIAL_WARRANT" : "I-247A";
      String basis = document.equals("NONE") ? "NONE" : document.equals("JUDICIAL_WARRANT") ? "JUDICIAL_WARRANT"
          : "ADMINISTRATIVE_WARRANT";
      String purpose = random.nextInt(4) == 0 ? "CRIMINAL" : "CIVIL_IMMIGRATION";
      String bail = "";
      String disposition = "";
      String dispositionAt = "";
      String to = "";
      int d = random.nextInt(10);
      LocalDateTime later = at.plusHours(1 + random.nextInt(72)).withSecond(random.nextInt(60));
      if (d < 4) {
        disposition = "RELEASED";
        dispositionAt = later.toString();
        if (random.nextBoolean()) bail = at.plusMinutes(30 + random.nextInt(600)).toString();
      } else if (d < 7) {
        disposition = "TRANSFERRED";
        dispositionAt = later.toString();
        to = receivers[random.nextInt(receivers.length)];
      } else if (d < 8) {
        disposition = "REMAINS_IN_CUSTODY";
      }
      out.append(String.join(",", received, body, requesters[random.nextInt(requesters.length)], kind, basis, purpose,
          bail, disposition, dispositionAt, to, document)).append('\n');
    }
    return out.toString();
  }
}
