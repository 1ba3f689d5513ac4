package org.sanctuary.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.web.TestServer;

/** The version comparison on the web, read as a lawyer would: rules, citations, requests in words. */
class PolicyDiffPageTest {
  private static PolicySite site;
  private static TestServer server;

  @BeforeAll
  static void start() {
    site = new PolicySite(Instant.parse("2025-07-15T12:00:00Z"));
    server = site.server();
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @Test
  void diff_carveOutsRemovedIn2021_namesEachCarveOutWithCitationAndRequestsInWords() {
    HttpResponse<String> page = server.get("/policies/diff?from=chicago-wco-2012&to=chicago-2021", "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    String html = page.body();
    var engine = PolicySetup.engine(null, Set.of());
    var expected = org.sanctuary.policy.diff.PackDiff.compare(engine.pack("chicago-wco-2012").orElseThrow(),
        engine.pack("chicago-2021").orElseThrow(), engine.registry());
    assertThat(expected.shapesDiffering()).isPositive();
    assertThat(html).contains(expected.shapesDiffering() + " of the " + expected.shapesCompared() + " request situations")
        .contains("carve-out-felony-conviction").contains("MCC 2-173-042(c)(2)")
        .contains("A detainer (a request to hold a person for immigration agents)")
        .contains("about a person who has been convicted of a felony")
        .contains("for civil immigration enforcement")
        .contains("received by the Chicago Police Department")
        .doesNotContain("CIVIL_IMMIGRATION;").doesNotContain("subject felonyConviction").doesNotContain("null");
  }

  @Test
  void diff_samePack_saysNothingChanges() {
    String html = server.get("/policies/diff?from=chicago-2021&to=chicago-2021", "Accept", "text/html").body();
    assertThat(html).contains("No request is answered differently.");
  }

  @Test
  void diff_withoutPacks_showsTheForm() {
    String html = server.get("/policies/diff", "Accept", "text/html").body();
    assertThat(html).contains("<select id=\"from\" name=\"from\">").doesNotContain("request situations");
  }

  @Test
  void diff_unknownPack_answers400NamingTheField() {
    HttpResponse<String> r = server.get("/policies/diff?from=chicago-2021&to=nope");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"field\":\"to\"").contains("nope");
  }
}
