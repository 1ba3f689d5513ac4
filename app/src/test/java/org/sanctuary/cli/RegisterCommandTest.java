package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuary.store.TestDatabases;

/**
 * The register, report and replay commands against one database: tokens shown once, a bad CSV that
 * imports nothing, a good year, and the reports in their three formats.
 */
class RegisterCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADER = "received_at,receiving_agency,requester,kind,basis,purpose,bail_posted_at,"
      + "disposition,disposition_at,transferred_to,subject\n";
  private static String db;
  @TempDir static Path data;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void database() {
    db = TestDatabases.freshServer().url();
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--data", data.toString(), "--db", db));
    return Main.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private static Path csv(String name, String text) throws Exception {
    Path file = data.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void importAndReports_aBadFileImportsNothing_thenAGoodYearCountsRightInBothReports() throws Exception {
    Path bad = csv("bad.csv", HEADER
        + "2023-03-01T08:00,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,,,,\n"
        + "2023-03-02T08:00,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,RELEASED,2023-02-01T09:00,,\n"
        + "2023-03-03,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVL_IMMIGRATION,,,,,felony\n");
    assertThat(run("register", "import", bad.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("bad.csv: line 3: disposition_at:", "is before the request was received",
        "bad.csv: line 4: purpose: \"CIVL_IMMIGRATION\"", "bad.csv: line 4: subject: \"felony\"",
        "3 problem(s); nothing was imported");
    assertThat(out.toString()).isEmpty();
    assertThat(run("report", "cpd-quarterly", "--year", "2023", "--quarter", "1")).isEqualTo(0);
    assertThat(JSON.readTree(out.toString()).get("totals").get("received").asLong()).isZero();

    Path good = csv("good.csv", HEADER
        + "2023-01-05T08:00,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,TRANSFERRED,2023-01-06T10:00,ICE,\n"
        + "2023-02-05,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,2023-02-05T12:00,RELEASED,2023-02-05T13:00,,felonyConviction\n"
        + "2023-02-06,CPD,ICE,ASSISTANCE,NONE,CIVIL_IMMIGRATION,,,,,\n"
        + "2023-05-05,COOK_COUNTY_SHERIFF,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,NOT_IN_CUSTODY,,,\n");
    assertThat(run("register", "import", good.toString())).as(err.toString()).isEqualTo(0);
    assertThat(out.toString()).startsWith("Imported 4 requests (ledger entries ");

    assertThat(run("report", "cpd-quarterly", "--year", "2023", "--quarter", "1")).isEqualTo(0);
    JsonNode q = JSON.readTree(out.toString());
    assertThat(fieldNames(q)).containsExactly("report", "year", "quarter", "items", "totals", "oemcNotifications",
        "checkpoint");
    assertThat(q.get("report").asText()).isEqualTo("cpd-quarterly");
    assertThat(q.get("totals").get("received").asLong()).isEqualTo(2);
    assertThat(q.get("totals").get("transferred").asLong()).isEqualTo(1);
    assertThat(fieldNames(q.get("items").get(0))).containsExactly("received", "transferred", "agency");
    assertThat(q.get("items").get(0).get("agency").asText()).isEqualTo("ICE");
    assertThat(q.get("oemcNotifications").asLong()).isZero();
    assertThat(fieldNames(q.get("checkpoint"))).containsExactly("size", "root");

    assertThat(run("report", "trust-act", "--year", "2023", "--agency", "CPD")).isEqualTo(0);
    JsonNode t = JSON.readTree(out.toString());
    assertThat(fieldNames(t)).containsExactly("report", "year", "agency", "assistanceRequests", "detainersAndWarrants",
        "checkpoint");
    assertThat(t.get("assistanceRequests").get("items")).hasSize(1);
    assertThat(t.get("assistanceRequests").get("certifiedNone").asBoolean()).isFalse();
    assertThat(t.get("detainersAndWarrants").get("items")).hasSize(2);
    assertThat(fieldNames(t.get("detainersAndWarrants").get("items").get(1)))
        .containsExactly("received", "bailPostedAt", "disposition", "dispositionAt", "receivingAgency");
    assertThat(t.get("detainersAndWarrants").get("items").get(1).get("bailPostedAt").asText()).isEqualTo("2023-02-05T12:00");

    assertThat(run("report", "trust-act", "--year", "2023", "--agency", "COOK_COUNTY_SHERIFF", "--format", "csv"))
        .isEqualTo(0);
    assertThat(out.toString()).contains("report,trust-act\r\n", "assistance_requests\r\ncertified_none,true\r\n",
        "2023-05-05,,NOT_IN_CUSTODY,,\r\n");

    assertThat(run("report", "trust-act", "--year", "2022", "--agency", "CPD", "--format", "html")).isEqualTo(0);
    assertThat(out.toString()).contains("certifies that in 2022 it received no request", "certifies that in 2022 it"
        + " received no immigration detainer").doesNotContain("Sign out");
  }

  @Test
  void replay_underThe2012Ordinance_countsTheCarveOutsThatWouldHavePermitted() throws Exception {
    Path year = csv("year2019.csv", HEADER
        + "2019-07-15,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,,,,felonyConviction\n"
        + "2019-07-16,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,,,,\n"
        + "2019-07-17,COOK_COUNTY_SHERIFF,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,,,,\n");
    assertThat(run("register", "import", year.toString())).as(err.toString()).isEqualTo(0);
    assertThat(run("replay", "--year", "2019", "--pack", "chicago-wco-2012")).as(err.toString()).isEqualTo(0);
    assertThat(out.toString()).contains("Replayed 2 of 3 requests recorded in 2019 under chicago-wco-2012 (1 received",
        "1 answers change:", "chicago-wco-2012:carve-out-felony-conviction: DENY -> PERMIT, 1 requests");
    assertThat(run("replay", "--year", "2019", "--pack", "no-such-pack")).isEqualTo(2);
    assertThat(err.toString()).contains("pack: no policy pack \"no-such-pack\"");
  }

  @Test
  void tokens_areShownOnceListedWithoutThemAndRevoked() {
    assertThat(run("register", "token-add", "cpd-records")).isEqualTo(0);
    Matcher token = Pattern.compile("(srt_[A-Za-z0-9_-]{43})").matcher(out.toString());
    assertThat(token.find()).isTrue();
    assertThat(run("register", "token-list")).isEqualTo(0);
    assertThat(out.toString()).contains("cpd-records", "live").doesNotContain(token.group(1));
    assertThat(run("register", "token-add", "cpd-records")).isEqualTo(2);
    assertThat(err.toString()).contains("name: \"cpd-records\" is taken");
    assertThat(run("register", "token-revoke", "cpd-records")).isEqualTo(0);
    assertThat(run("register", "token-list")).isEqualTo(0);
    assertThat(out.toString()).contains("revoked");
    assertThat(run("register", "token-revoke", "cpd-records")).isEqualTo(2);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void import_whileAServerAppendsToTheSameDatabase_bothWriteOneUnbrokenLog() throws Exception {
    Path good = csv("while-serving.csv", HEADER
        + "2022-01-05T08:00,CPD,ICE,DETAINER,ADMINISTRATIVE_WARRANT,CIVIL_IMMIGRATION,,,,,\n");
    try (org.sanctuary.store.Database database = org.sanctuary.store.Database.connect(
            org.sanctuary.config.DatabaseServer.of(db));
        var ledger = org.sanctuary.ledger.store.TestLedgers.start(database, java.time.Clock.systemUTC())) {
      long before = ledger.append(org.sanctuary.ledger.store.LedgerEntry.of("test.entry", java.util.Map.of("n", 1))).index();
      assertThat(run("register", "import", good.toString())).as(err.toString()).isEqualTo(0);
      long after = ledger.append(org.sanctuary.ledger.store.LedgerEntry.of("test.entry", java.util.Map.of("n", 2))).index();
      assertThat(after).as("the server's next entry follows the import's").isGreaterThan(before + 1);
    }
    assertThat(run("report", "cpd-quarterly", "--year", "2022", "--quarter", "1")).isEqualTo(0);
    assertThat(JSON.readTree(out.toString()).get("totals").get("received").asLong()).isEqualTo(1);
  }
}
