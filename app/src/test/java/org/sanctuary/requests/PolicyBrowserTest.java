package org.sanctuary.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.browser.Browser;
import org.sanctuary.web.TestServer;

/** A policy analyst browses the law in force and tries a request, in a real browser. */
class PolicyBrowserTest {
  private static PolicySite site;
  private static TestServer server;

  @BeforeAll
  static void start() {
    site = new PolicySite(Instant.parse("2019-07-15T12:00:00Z"));
    server = site.server();
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @Test
  void analyst_triesAnIceDetainerFor2016And2019_andReadsWhyTheAnswersDiffer() {
    try (Browser b = Browser.start()) {
      b.open(server.uri("/policies"));
      assertThat(b.text("h1")).isEqualTo("The law in force");
      assertThat(b.source()).contains("Illinois TRUST Act as enacted");

      b.click("a[href='/policies/try']");
      b.type("#requester", "U.S. Immigration and Customs Enforcement");
      b.select("#kind", "DETAINER");
      b.select("#purpose", "CIVIL_IMMIGRATION");
      b.click("#subject-felonyConviction");
      b.submit("form.stack button[type=submit]");
      assertThat(b.text("#decision h2")).isEqualTo("Answer: DENY"); // 2019: the TRUST Act overrides the carve-out
      assertThat(b.text("#decision")).contains("5 ILCS 805/15(a)").contains("MCC 2-173-042(c)(2)");

      b.open(server.uri(b.url().replace("received=2019-07-15", "received=2016-07-15")
          .replace(server.uri("/").toString(), "/")));
      assertThat(b.text("#decision h2")).isEqualTo("Answer: PERMIT"); // 2016: the carve-out decides
      assertThat(b.attribute("#subject-felonyConviction", "checked")).isNotNull();
    }
  }
}
