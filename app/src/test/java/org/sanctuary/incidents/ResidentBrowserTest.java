package org.sanctuary.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.browser.Browser;

/**
 * A resident files a report in a real browser, then follows it with the receipt. The form's
 * screenshots in each language are taken by {@code PageLayoutBrowserTest}.
 */
class ResidentBrowserTest {
  private static IncidentFixture f;

  @BeforeAll
  static void start() {
    f = new IncidentFixture(100, 100);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void resident_filesAReportInSpanish_andChecksItWithTheReceipt() {
    try (Browser b = Browser.start()) {
      b.size(420, 900); // a phone
      b.open(f.server.uri("/report?lang=es"));
      assertThat(b.attribute("html", "lang")).isEqualTo("es");
      b.click("#f-category-THREAT_OF_DEPORTATION");
      b.click("#f-employeeType-POLICE");
      b.select("#f-department", "CPD");
      b.type("#f-occurredOn", "02202026"); // typed into the date picker as month, day, year
      b.select("#f-location", "PD010");
      b.type("#f-description", "Un policía me dijo que me iba a deportar.");
      b.submit("form.report-form button[type=submit]");

      assertThat(b.text("h1")).isEqualTo("Recibimos su denuncia");
      String receipt = b.text("#receipt");
      String secret = b.text("#secret");
      assertThat(receipt).matches("([0-9A-Z]{4}-){4}[0-9A-Z]{4}");
      assertThat(b.source()).contains("Oficina Civil de Rendición de Cuentas Policial");

      b.click("a[href='/report/status']");
      assertThat(b.attribute("html", "lang")).isEqualTo("es"); // remembered by cookie
      b.type("#f-receipt", receipt.toLowerCase());
      b.type("#f-secret", secret);
      b.submit("main form button[type=submit]");
      assertThat(b.text("#status")).isEqualTo("Recibida");
      assertThat(b.text("#description")).isEqualTo("Un policía me dijo que me iba a deportar.");
    }
    assertThat(f.count("SELECT count(*) FROM incident WHERE language = 'es' AND occurred_on = '2026-02-20'"))
        .isEqualTo(1);
  }
}
