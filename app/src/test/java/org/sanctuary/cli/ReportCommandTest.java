package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuary.config.DatabaseServer;
import org.sanctuary.store.TestDatabases;

/** {@code demo-data} and {@code report annual} from the command line, on one database. */
class ReportCommandTest {
  @TempDir static Path folder;
  private static DatabaseServer server;

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(status, out.toString(), err.toString());
  }

  @BeforeAll
  static void demoYear() {
    server = TestDatabases.freshServer();
    Run demo = run("demo-data", "--year", "2025", "--requests", "60", "--reports", "40", "--lookups", "200",
        "--threads", "4", "--db", server.url(), "--data", folder.toString());
    assertThat(demo.status()).as(demo.err()).isZero();
    assertThat(demo.out()).contains("2025 synthetic: 60 requests, 40 reports");
  }

  @Test
  void annual_json_countsTheDemoYear() throws Exception {
    Run r = run("report", "annual", "--year", "2025", "--db", server.url());
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("synthetic").asBoolean()).isTrue();
    assertThat(json.get("tables")).hasSize(15);
    JsonNode cells = json.get("tables").get(0).get("cells");
    assertThat(cells.get(cells.size() - 1).get("count").asLong()).isEqualTo(60);
  }

  @Test
  void annual_csvAndHtml_printTheOtherFormats() {
    Run csv = run("report", "annual", "--year", "2025", "--format", "csv", "--db", server.url());
    assertThat(csv.out()).startsWith("table,dimension_1,value_1,dimension_2,value_2,count,suppressed,synthetic\r\n");
    Run html = run("report", "annual", "--year", "2025", "--format", "html", "--db", server.url());
    assertThat(html.out()).contains("<svg class=\"chart\"").contains("<style>").doesNotContain("/assets/style.css");
  }

  @Test
  void annual_badFormatOrYear_exits2NamingTheOption() {
    Run pdf = run("report", "annual", "--year", "2025", "--format", "pdf", "--db", server.url());
    assertThat(pdf.status()).isEqualTo(2);
    assertThat(pdf.err()).contains("format").contains("pdf").contains("json, csv or html");
    Run year = run("report", "annual", "--year", "twenty", "--db", server.url());
    assertThat(year.status()).isEqualTo(2);
    assertThat(year.err()).contains("year").contains("twenty");
    assertThat(run("report").status()).isEqualTo(2);
  }

  @Test
  void demoData_sameYearAgain_isRefusedWithExit2() {
    Run again = run("demo-data", "--year", "2025", "--requests", "1", "--reports", "0", "--lookups", "0",
        "--db", server.url(), "--data", folder.toString());
    assertThat(again.status()).isEqualTo(2);
    assertThat(again.err()).contains("already has demonstration data");
  }
}
