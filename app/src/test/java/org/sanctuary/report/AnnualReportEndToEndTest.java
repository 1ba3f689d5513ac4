package org.sanctuary.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.ConfigException;
import org.sanctuary.demo.DemoData;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.ledger.store.TestLedgers;
import org.sanctuary.ledger.web.LedgerController;
import org.sanctuary.ledger.web.LedgerRoutes;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.report.store.FigureEntries;
import org.sanctuary.report.store.ReportStore;
import org.sanctuary.report.web.ReportController;
import org.sanctuary.report.web.ReportRoutes;
import org.sanctuary.staff.SecretBox;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.web.TestServer;

/**
 * A synthetic year written through the real services and ledger, then its annual report read over
 * HTTP: the JSON shape, no shown count from 1 to 10, no hidden cell an attacker can work out, and
 * every figure recomputed from the public ledger by scripts/recompute-report.py.
 */
class AnnualReportEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int YEAR = 2025;
  private static Database database;
  private static PostgresLedger ledger;
  private static TestServer server;
  private static DemoData.Summary summary;

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    Clock clock = Clock.systemUTC();
    ledger = TestLedgers.start(database, clock);
    Engine engine = PolicySetup.engine(null, Set.of());
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    summary = DemoData.generate(database, engine, ledger, clock, IncidentKey.of(master), SecretBox.of(new byte[32]),
        YEAR, 7, new DemoData.Scale(400, 260, 3000, 16), new PrintWriter(new StringWriter()));
    server = serve(clock);
  }

  private static TestServer serve(Clock clock) {
    LedgerReader reader = new LedgerReader(database);
    return TestServer.start(database, new LedgerRoutes(new LedgerController(reader)),
        new ReportRoutes(new ReportController(new ReportStore(database), new FigureEntries(database), reader, clock)));
  }

  @AfterAll
  static void stop() {
    server.close();
    ledger.close();
    database.close();
  }

  @Test
  void json_demoYear_followsTheContractAndCountsEveryRecord() throws Exception {
    JsonNode report = json(server.get("/reports/" + YEAR + ".json"));
    assertThat(report.get("report").asText()).isEqualTo("annual");
    assertThat(report.get("year").asInt()).isEqualTo(YEAR);
    assertThat(report.get("suppression").get("minimum").asInt()).isEqualTo(11);
    assertThat(report.get("synthetic").asBoolean()).isTrue();
    assertThat(report.get("checkpoint").get("size").asLong()).isEqualTo(new LedgerReader(database).size());
    assertThat(grandTotal(report, "requests-by-agency-and-outcome")).isEqualTo(summary.requests());
    assertThat(grandTotal(report, "reports-by-category-and-office")).isEqualTo(summary.reports());
    assertThat(grandTotal(report, "gateway-by-requester-and-outcome")).isEqualTo(summary.lookups());
    JsonNode byAgency = table(report, "requests-by-agency-and-outcome");
    assertThat(byAgency.get("dimensions").toString()).isEqualTo("[\"receivingAgency\",\"outcome\"]");
    assertThat(table(report, "reports-by-category-and-office").get("dimensions").toString())
        .isEqualTo("[\"category\",\"routedTo\"]");
    assertThat(table(report, "gateway-by-requester-and-outcome").get("dimensions").toString())
        .isEqualTo("[\"requester\",\"outcome\"]");
    assertThat(byAgency.get("packs")).isNotEmpty();
    assertThat(byAgency.get("notes")).isNotEmpty();
  }

  @Test
  void json_everyTable_showsNoSmallCountAndNoHiddenCellCanBeWorkedOut() throws Exception {
    JsonNode report = json(server.get("/reports/" + YEAR + ".json"));
    int hidden = 0;
    for (JsonNode t : report.get("tables")) {
      for (JsonNode c : t.get("cells")) {
        if (c.get("suppressed").asBoolean()) {
          hidden++;
          assertThat(c.get("count").isNull()).isTrue();
        } else if (!t.get("id").asText().equals("reports-time-to-finding")) {
          long n = c.get("count").asLong();
          assertThat(n == 0 || n >= 11).as("%s %s", t.get("id"), c).isTrue();
        }
      }
      if (!t.get("margins").asBoolean() || t.get("id").asText().equals("reports-time-to-finding")) continue;
      // The attacker needs the true values to grade itself; the store has them.
      Table truth = AnnualReports.build(new ReportStore(database).figures(YEAR)).table(t.get("id").asText()).orElseThrow();
      String rowDim = truth.dimensions().get(0);
      String colDim = truth.dimensions().get(1);
      List<String> rows = truth.values(rowDim);
      List<String> cols = truth.values(colDim);
      long[][] y = new long[rows.size()][cols.size()];
      boolean[][] h = new boolean[rows.size()][cols.size()];
      Map<List<String>, Long> raw = new ReportStore(database).figures(YEAR).counts().getOrDefault(truth.id(), Map.of());
      for (Map.Entry<List<String>, Long> e : raw.entrySet()) {
        int r = rows.indexOf(e.getKey().get(0));
        int c = cols.indexOf(e.getKey().get(1));
        int lr = rows.size() - 1;
        int lc = cols.size() - 1;
        y[r][c] += e.getValue();
        y[r][lc] += e.getValue();
        y[lr][c] += e.getValue();
        y[lr][lc] += e.getValue();
      }
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < cols.size(); c++) {
          h[r][c] = truth.cell(Map.of(rowDim, rows.get(r), colDim, cols.get(c))).orElseThrow().suppressed();
        }
      }
      Attacker attacker = Attacker.ofGrid(y, h);
      assertThat(attacker.byLines()).as(truth.id()).isEmpty();
      assertThat(attacker.byAlgebra()).as(truth.id()).isEmpty();
      assertThat(attacker.byBounds()).as(truth.id()).isEmpty();
    }
    assertThat(hidden).as("a small demo year has small cells to hide").isPositive();
  }

  @Test
  void recomputeScript_demoYear_matchesEveryFigureFromThePublicLedger() throws Exception {
    Script run = script(server);
    assertThat(run.output()).contains("OK: every figure matches the ledger").doesNotContain("MISMATCH");
    assertThat(run.exit()).isZero();
  }

  @Test
  void recomputeScript_rowWithoutLedgerEntry_reportsTheMismatch() throws Exception {
    // A request stored without its ledger entry (here: a copied row) changes the published figure,
    // but not the ledger: the script must say which figure no longer matches.
    long size = TestDatabases.ledgerEntries(database);
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO federal_request (public_id, caller_ref, received, receiving_agency, requester_text,"
                + " requester_agency, kind, basis, purpose, subject_bits, outcome, packs, decision, decided_at,"
                + " ledger_index) SELECT gen_random_uuid(), caller_ref, received, receiving_agency, requester_text,"
                + " requester_agency, kind, basis, purpose, subject_bits, outcome, packs, decision, decided_at, 0"
                + " FROM federal_request WHERE receiving_agency = 'CPD' ORDER BY id LIMIT 1")) {
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    TestServer tampered = serve(Clock.systemUTC());
    try {
      Script run = script(tampered);
      assertThat(run.exit()).as(run.output()).isEqualTo(1);
      assertThat(run.output()).contains("MISMATCH").contains("requests-by-agency-and-outcome");
    } finally {
      tampered.close();
      try (Connection c = database.dataSource().getConnection();
          PreparedStatement ps = c.prepareStatement("DELETE FROM federal_request WHERE ledger_index = 0 AND id ="
              + " (SELECT max(id) FROM federal_request)")) {
        ps.executeUpdate();
      }
    }
    assertThat(TestDatabases.ledgerEntries(database)).isEqualTo(size);
  }

  @Test
  void html_demoYear_showsChartsTablesSyntheticBannerAndFigureLinks() {
    HttpResponse<String> page = server.get("/reports/" + YEAR, "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<svg class=\"chart\"").contains("id=\"synthetic\"")
        .contains("id=\"requests-by-agency-and-outcome\"").contains("<th scope=\"row\">")
        .contains("/reports/2025/entries?table=requests-by-agency-and-outcome").doesNotContain("<script");
    assertThat(server.get("/reports").body()).contains("href=\"/reports/2025\"");
  }

  @Test
  void csv_demoYear_oneRowPerPublishedCell() throws Exception {
    JsonNode report = json(server.get("/reports/" + YEAR + ".json"));
    int cells = 0;
    for (JsonNode t : report.get("tables")) cells += t.get("cells").size();
    HttpResponse<String> csv = server.get("/reports/" + YEAR + ".csv");
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).isEqualTo(ReportCsv.HEADER);
    assertThat(lines).hasSize(cells + 1);
    // demonstration data: every row says so, so a row copied out alone still does
    assertThat(java.util.Arrays.stream(lines).skip(1)).allSatisfy(l -> assertThat(l).endsWith(",true"));
  }

  @Test
  void entries_shownFigure_listsTheLedgerEntriesBehindIt() throws Exception {
    JsonNode report = json(server.get("/reports/" + YEAR + ".json"));
    JsonNode cpdDeny = null;
    for (JsonNode c : table(report, "requests-by-agency-and-outcome").get("cells")) {
      if (c.get("key").get("receivingAgency").asText().equals("CPD") && c.get("key").get("outcome").asText().equals("DENY")) {
        cpdDeny = c;
      }
    }
    assertThat(cpdDeny.get("suppressed").asBoolean()).isFalse();
    HttpResponse<String> page = server.get(
        "/reports/2025/entries?table=requests-by-agency-and-outcome&receivingAgency=CPD&outcome=DENY");
    assertThat(page.statusCode()).isEqualTo(200);
    int rows = page.body().split("<tr><td>").length - 1;
    assertThat(rows).isEqualTo((int) Math.min(FigureEntries.PAGE, cpdDeny.get("count").asLong()));
    assertThat(page.body()).contains("<b>body</b> CPD").contains("<b>outcome</b> DENY").contains("synthetic");
  }

  @Test
  void entries_badParameters_answer400NamingTheField() {
    HttpResponse<String> wrongValue = server.get("/reports/2025/entries?table=requests-by-agency-and-outcome&receivingAgency=NYPD");
    assertThat(wrongValue.statusCode()).isEqualTo(400);
    assertThat(wrongValue.body()).contains("receivingAgency").contains("NYPD");
    HttpResponse<String> noTable = server.get("/reports/2025/entries?table=nothing");
    assertThat(noTable.statusCode()).isEqualTo(400);
    assertThat(noTable.body()).contains("\"field\":\"table\"");
    assertThat(server.get("/reports/2025/entries?table=reports-by-status-and-office").statusCode()).isEqualTo(400);
    assertThat(server.get("/reports/1900").statusCode()).isEqualTo(404);
    assertThat(server.get("/reports/2025.xml").statusCode()).isEqualTo(404);
  }

  @Test
  void demoRows_areMarkedSyntheticFromTheirLedgerEntries() throws Exception {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT (SELECT count(*) FILTER (WHERE NOT synthetic) FROM federal_request),"
                + " (SELECT count(*) FILTER (WHERE NOT synthetic) FROM incident),"
                + " (SELECT count(*) FILTER (WHERE NOT synthetic) FROM gateway_access),"
                + " (SELECT count(*) FROM ledger_entry WHERE position(convert_to('\"synthetic\":true', 'UTF8') IN data) = 0)");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).containsOnly(0L);
      assertThat(rs.getLong(4)).as("entries without the mark: none but those before the demo").isZero();
    }
  }

  @Test
  void decodedLedger_demoYear_showsTypesCodesAndTheSyntheticMark() throws Exception {
    JsonNode decoded = json(server.get("/api/v1/ledger/decoded?start=0&end=50"));
    assertThat(decoded.get("entries")).hasSize(50);
    JsonNode first = decoded.get("entries").get(0);
    assertThat(first.get("index").asLong()).isZero();
    assertThat(first.get("synthetic").asBoolean()).isTrue();
    assertThat(first.get("type").asText()).matches("[a-z]+(\\.[a-z_]+)*");
    String page = server.get("/ledger/entries?type=decision&start=0", "Accept", "text/html").body();
    assertThat(page).contains("<th scope=\"row\"><a href=\"/ledger/entries?type=decision&amp;start=0\">decision</a></th><td class=\"num\">"
        + summary.requests() + "</td>");
    assertThat(page).contains("<a href=\"/ledger/entries?type=gateway.access&amp;start=0\">gateway.access</a></th><td class=\"num\">"
        + summary.lookups() + "</td>");
    assertThat(page).contains("<b>outcome</b>").contains("synthetic (demo data)").doesNotContain("<b>type</b>");
    assertThat(server.get("/api/v1/ledger/decoded?start=0&end=5000").statusCode()).isEqualTo(400);
    assertThat(server.get("/ledger/entries?type=DROP%20TABLE").statusCode()).isEqualTo(400);
    // one type without a start: its newest entries, though the log's last page holds only look-ups
    String newest = server.get("/ledger/entries?type=decision", "Accept", "text/html").body();
    assertThat(newest).doesNotContain("No entries here.").contains("<td>decision v");
  }

  @Test
  void generate_databaseWithDemoYearAlready_isRefused() {
    assertThatThrownBy(() -> DemoData.generate(database, PolicySetup.engine(null, Set.of()), ledger, Clock.systemUTC(),
        IncidentKey.of(new byte[32]), SecretBox.of(new byte[32]), YEAR, 7, new DemoData.Scale(1, 1, 1, 1),
        new PrintWriter(new StringWriter())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("already has demonstration data");
  }

  private record Script(int exit, String output) {}

  private static Script script(TestServer target) throws IOException, InterruptedException {
    Path script = Path.of("..", "scripts", "recompute-report.py").toAbsolutePath().normalize();
    Process p = new ProcessBuilder("python3", script.toString(), target.uri("/").toString(), String.valueOf(YEAR))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Script(p.exitValue(), out);
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static JsonNode table(JsonNode report, String id) {
    for (JsonNode t : report.get("tables")) if (t.get("id").asText().equals(id)) return t;
    throw new AssertionError("no table " + id);
  }

  private static long grandTotal(JsonNode report, String id) {
    List<Long> totals = new ArrayList<>();
    for (JsonNode c : table(report, id).get("cells")) {
      boolean all = true;
      for (JsonNode v : c.get("key")) all &= v.asText().equals("ALL");
      if (all) totals.add(c.get("count").asLong());
    }
    assertThat(totals).hasSize(1);
    return totals.get(0);
  }
}
