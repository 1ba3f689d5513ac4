package org.sanctuary.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.browser.Browser;
import org.sanctuary.demo.DemoData;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.ledger.store.TestLedgers;
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
 * A reader opens the annual report in headless Chromium: on a desktop, on a 390-pixel phone (no
 * sideways scrolling) and as printed. Screenshots go to target/screenshots, and to the folder
 * named by {@code -Dsanctuary.screenshots} (docs/screenshots) when given.
 */
class AnnualReportBrowserTest {
  private static final String NO_SIDEWAYS_SCROLL = "return document.documentElement.scrollWidth <= window.innerWidth";
  private static Database database;
  private static PostgresLedger ledger;
  private static TestServer server;

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    Clock clock = Clock.systemUTC();
    ledger = TestLedgers.start(database, clock);
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    DemoData.generate(database, PolicySetup.engine(null, Set.of()), ledger, clock, IncidentKey.of(master),
        SecretBox.of(new byte[32]), 2025, 3, new DemoData.Scale(600, 300, 2000, 16), new PrintWriter(new StringWriter()));
    LedgerReader reader = new LedgerReader(database);
    server = TestServer.start(database,
        new ReportRoutes(new ReportController(new ReportStore(database), new FigureEntries(database), reader, clock)));
  }

  @AfterAll
  static void stop() {
    server.close();
    ledger.close();
    database.close();
  }

  @Test
  void report_desktop_showsChartsBesideTables() {
    try (Browser b = Browser.start()) {
      b.size(1280, 2200);
      b.open(server.uri("/reports/2025"));
      assertThat(b.text("h1")).isEqualTo("Annual report 2025");
      assertThat(b.text("#synthetic")).contains("Demonstration data");
      assertThat(b.script("return document.querySelectorAll('svg.chart').length").asInt()).isGreaterThanOrEqualTo(13);
      assertThat(b.script("return document.querySelectorAll('script').length").asInt()).isZero();
      // each chart is followed by its table, which names every figure for screen readers
      assertThat(b.script("return [...document.querySelectorAll('.chart-wrap')]"
          + ".every(c => c.nextElementSibling && c.nextElementSibling.querySelector('table'))").asBoolean()).isTrue();
      assertThat(b.text("#requests-by-agency-and-outcome table")).contains("Receiving agency").contains("Chicago Police Department");
      assertThat(b.script(NO_SIDEWAYS_SCROLL).asBoolean()).isTrue();
      shoot(b, "report-annual-desktop.png");
    }
  }

  @Test
  void report_phoneOf390Pixels_needsNoSidewaysScrolling() {
    try (Browser b = Browser.start()) {
      b.size(390, 1600);
      b.open(server.uri("/reports/2025"));
      double inner = b.script("return window.innerWidth").asDouble();
      assertThat(inner).isLessThanOrEqualTo(390);
      assertThat(b.script(NO_SIDEWAYS_SCROLL).asBoolean())
          .as("scrollWidth %s, innerWidth %s", b.script("return document.documentElement.scrollWidth"), inner).isTrue();
      // the chart fits the column
      assertThat(b.script("return document.querySelector('svg.chart').getBoundingClientRect().width").asDouble())
          .isLessThanOrEqualTo(inner);
      b.open(server.uri("/reports/2025#gateway"));
      assertThat(b.script(NO_SIDEWAYS_SCROLL).asBoolean()).isTrue();
      b.open(server.uri("/reports/2025#requests"));
      shoot(b, "report-annual-phone.png");
    }
  }

  @Test
  void report_printed_dropsNavigationAndKeepsFigures() {
    try (Browser b = Browser.start()) {
      b.size(900, 2200);
      b.open(server.uri("/reports/2025"));
      b.media("print");
      assertThat(b.script("return getComputedStyle(document.querySelector('.site-header nav')).display").asText())
          .isEqualTo("none");
      assertThat(b.script("return getComputedStyle(document.querySelector('.report-toc')).display").asText())
          .isEqualTo("none");
      assertThat(b.script("return getComputedStyle(document.querySelector('.report-table')).breakInside").asText())
          .isEqualTo("avoid");
      assertThat(b.script(NO_SIDEWAYS_SCROLL).asBoolean()).isTrue();
      shoot(b, "report-annual-print.png");
      b.media("");
      assertThat(b.script("return getComputedStyle(document.querySelector('.site-header nav')).display").asText())
          .isNotEqualTo("none");
    }
  }

  private static void shoot(Browser b, String name) {
    Path shot = Path.of("target", "screenshots", name);
    b.screenshot(shot);
    assertThat(shot).isNotEmptyFile();
    String copyTo = System.getProperty("sanctuary.screenshots");
    if (copyTo != null) b.screenshot(Path.of(copyTo, name));
  }
}
