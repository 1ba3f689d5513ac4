package org.sanctuary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.sanctuary.requests.PolicySite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.browser.Browser;

/**
 * Issue 14: a resident whose browser speaks Arabic, or Spanish, gets the home page and the
 * policies page in that language, right to left where the script is, in a real browser; choosing
 * another language in the menu wins over the browser's and stays chosen.
 */
class LanguageBrowserTest {
  private static PolicySite site;
  private static TestServer server;

  @BeforeAll
  static void start() {
    site = new PolicySite(Instant.parse("2026-03-02T15:00:00Z"));
    server = site.server();
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @Test
  void arabicBrowser_readsHomeAndPoliciesInArabic_rightToLeft_untilItChoosesEnglish() {
    try (Browser b = Browser.start("ar")) {
      b.open(server.uri("/"));
      assertThat(b.attribute("html", "lang")).isEqualTo("ar");
      assertThat(b.script("return getComputedStyle(document.body).direction").asText()).isEqualTo("rtl");
      assertThat(b.text("h1")).isEqualTo("المدينة المرحِّبة تفي بوعودها");

      b.click("main a[href='/policies']");
      assertThat(b.text("h1")).isEqualTo("القانون الساري");
      assertThat(b.attribute("html", "dir")).isEqualTo("rtl");
      // the laws themselves are quoted in English, and marked so
      assertThat(b.attribute(".in-force a", "lang")).isEqualTo("en");

      b.click("nav.languages a[hreflang='en']");
      assertThat(b.text("h1")).isEqualTo("The law in force");
      b.open(server.uri("/"));
      assertThat(b.attribute("html", "lang")).isEqualTo("en"); // the choice is remembered over the browser's
      assertThat(b.attribute("html", "dir")).isEqualTo("ltr");
    }
  }

  @Test
  void spanishBrowser_readsTheHomePageInSpanish() {
    try (Browser b = Browser.start("es-MX")) {
      b.open(server.uri("/"));
      assertThat(b.attribute("html", "lang")).isEqualTo("es");
      assertThat(b.text("h1")).isEqualTo("Una ciudad acogedora cumple sus promesas");
      assertThat(b.text("header nav")).contains("Denunciar");
    }
  }
}
