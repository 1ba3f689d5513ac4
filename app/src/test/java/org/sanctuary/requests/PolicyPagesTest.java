package org.sanctuary.requests;

import org.sanctuary.requests.web.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.web.TestServer;

class PolicyPagesTest {
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
  void list_byDefault_showsThePacksInForceToday() {
    HttpResponse<String> r = server.get("/policies");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("In force on 2019-07-15")
        .contains("Chicago Welcoming City Ordinance of 2012")
        .contains("proposed, never decides")
        .contains("local policy, off");
  }

  @Test
  void list_onADateWithNoCountyLaw_saysSo() {
    assertThat(server.get("/policies?date=2010-01-01").body()).contains("No law that Sanctuary holds binds it");
  }

  @Test
  void show_pack_listsItsRulesWithCitations() {
    HttpResponse<String> r = server.get("/policies/chicago-wco-2012");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("MCC 2-173-042(c)(2)").contains("carve-out-felony-conviction").contains("(not verified)");
  }

  @Test
  void show_unknownPack_is404() {
    assertThat(server.get("/policies/no-such-law", "Accept", "text/html").statusCode()).isEqualTo(404);
  }

  @Test
  void try_aRequest_explainsTheDecision() {
    HttpResponse<String> r = server.get("/policies/try?received=2016-05-01&receivingAgency=CPD&requester=ICE"
        + "&kind=DETAINER&basis=NONE&purpose=CIVIL_IMMIGRATION&subject=felonyConviction");
    assertThat(r.body()).contains("Answer: PERMIT").contains("carve-out-felony-conviction").contains("MCC 2-173-042(c)(2)");
    assertThat(r.body()).contains("PERMIT means the law allows this; it does not mean it must be done.");
  }

  @Test
  void try_unknownRequester_citesSanctuarysOwnRuleWithoutDeadLinks() {
    HttpResponse<String> r = server.get("/policies/try?received=2019-05-01&receivingAgency=CPD"
        + "&requester=Nobody+Known&kind=DETAINER&basis=NONE&purpose=CRIMINAL");
    assertThat(r.body()).contains("Answer: DENY").contains("DENY means the law does not allow this.")
        .contains("Sanctuary's own rule")
        .contains("unidentified requester is refused")
        .doesNotContain("href=\"/policies/sanctuary").doesNotContain("docs/decisions.md");
  }

  @Test
  void list_badDate_showsTheFormWithTheErrorBesideTheField() {
    HttpResponse<String> r = server.get("/policies?date=2016-13-01");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<h1>The law in force</h1>").contains("id=\"date-error\"")
        .contains("is not a day on the calendar").contains("value=\"2016-13-01\"").contains("aria-invalid=\"true\"")
        .contains("In force on ");
    // next to the field: the label, then the error, then the field itself
    String page = r.body();
    assertThat(page.indexOf("for=\"date\"")).isLessThan(page.indexOf("id=\"date-error\""));
    assertThat(page.indexOf("id=\"date-error\"")).isLessThan(page.indexOf("id=\"date\""));
  }

  /** Issue 14: the policies page speaks the browser's language; a chosen language wins; English otherwise. */
  @Test
  void list_followsAcceptLanguage_afterTheChosenLanguage_andSaysItVaries() {
    HttpResponse<String> es = server.get("/policies", "Accept-Language", "es-MX,es;q=0.9,en;q=0.5");
    assertThat(es.body()).contains("<html lang=\"es\" dir=\"ltr\">", "<h1>Las leyes vigentes</h1>",
        "Departamento de Policía de Chicago", "lang=\"en\" dir=\"ltr\"");
    assertThat(es.headers().allValues("Vary").toString()).contains("Accept-Language");
    HttpResponse<String> ar = server.get("/policies?date=2016-13-01", "Accept-Language", "ar");
    assertThat(ar.body()).contains("<html lang=\"ar\" dir=\"rtl\">", "id=\"date-error\"", "ليس يومًا في التقويم");
    // ?lang= beats the browser, and is remembered; the remembered choice beats the browser too
    HttpResponse<String> chosen = server.get("/policies?lang=ko", "Accept-Language", "es");
    assertThat(chosen.body()).contains("<html lang=\"ko\"");
    assertThat(chosen.headers().allValues("Set-Cookie").toString()).contains("lang=ko");
    assertThat(server.get("/policies", "Accept-Language", "es", "Cookie", "lang=pl").body()).contains("<html lang=\"pl\"");
    assertThat(server.get("/policies", "Accept-Language", "de-DE,fr;q=0.8").body()).contains("<html lang=\"en\" dir=\"ltr\">",
        "<h1>The law in force</h1>");
  }

  @Test
  void try_badDate_showsTheErrorAndKeepsWhatWasTyped() {
    HttpResponse<String> r = server.get("/policies/try?received=2016-13-01&receivingAgency=CPD&requester=Border+Patrol"
        + "&kind=DETAINER&basis=NONE&purpose=CIVIL_IMMIGRATION");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("error-summary").contains("is not a date").contains("value=\"Border Patrol\"")
        .doesNotContain("Answer:");
  }

  @Test
  void try_scriptInTheRequester_isEscaped() {
    HttpResponse<String> r = server.get("/policies/try?received=2016-05-01&receivingAgency=CPD"
        + "&requester=%3Cscript%3Ealert(1)%3C%2Fscript%3E&kind=DETAINER&basis=NONE&purpose=CRIMINAL");
    assertThat(r.body()).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
  }
}
