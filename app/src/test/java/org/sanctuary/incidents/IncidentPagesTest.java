package org.sanctuary.incidents;

import org.sanctuary.incidents.web.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IncidentPagesTest {
  private static final String FORM = "application/x-www-form-urlencoded";
  private static IncidentFixture f;

  @BeforeAll
  static void start() {
    f = new IncidentFixture(1000, 1000);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** A CSRF token and the cookie that goes with it, from a fresh visit to the form. */
  static String[] token(IncidentFixture f) {
    HttpResponse<String> page = f.server.get("/report");
    String cookie = page.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(IncidentPages.CSRF_COOKIE + "=")).findFirst().orElseThrow();
    String value = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    return new String[] {value, IncidentPages.CSRF_COOKIE + "=" + value};
  }

  static Map<String, String> filled() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("category", "STATUS_QUESTION");
    m.put("employeeType", "POLICE");
    m.put("department", "CPD");
    m.put("occurredOn", "2026-02-20");
    m.put("location", "PD010");
    m.put("description", "The officer asked for my papers.");
    m.put("language", "es");
    return m;
  }

  static String encode(Map<String, String> m) {
    return m.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  private HttpResponse<String> post(String path, Map<String, String> fields, String... cookies) {
    String[] t = token(f);
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("csrf", t[0]);
    String cookie = t[1] + (cookies.length > 0 ? "; " + String.join("; ", cookies) : "");
    return f.server.post(path, FORM, encode(all), "Cookie", cookie);
  }

  private static String find(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    assertThat(m.find()).as(regex).isTrue();
    return m.group(1);
  }

  @Test
  void form_saysItNeverAsksAboutStatus_andHasNoSuchField() {
    String html = f.server.get("/report").body();
    assertThat(html).contains("We never ask about your immigration status, citizenship or place of birth");
    assertThat(html.toLowerCase()).doesNotContain("name=\"citizenship").doesNotContain("name=\"status")
        .doesNotContain("birthplace");
    assertThat(html).contains("<option value=\"CA77\">Edgewater</option>").contains("value=\"PD025\"");
  }

  /**
   * Issue 14: the date picker shows the day in the browser's own order (mm/dd/yyyy in American
   * English), so the hint gives an example in words instead of naming an order that may contradict it.
   */
  @Test
  void form_dateHint_agreesWithTheDatePicker() {
    String en = f.server.get("/report?lang=en").body();
    assertThat(en).contains("type=\"date\" id=\"f-occurredOn\"")
        .contains("id=\"h-occurredOn\">For example May 31, 2024. Type it in the order the box shows")
        .doesNotContain("Year, month, day").doesNotContain("year-month-day");
    assertThat(f.server.get("/report?lang=es").body()).contains("Por ejemplo, 31 de mayo de 2024")
        .doesNotContain("Año, mes, día");
  }

  @Test
  void form_inArabic_isRightToLeft_andTheChoiceIsRemembered() {
    HttpResponse<String> r = f.server.get("/report?lang=ar");
    assertThat(r.body()).contains("<html lang=\"ar\" dir=\"rtl\">").contains("الإبلاغ عن مخالفة");
    String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("lang=")).findFirst()
        .orElseThrow();
    assertThat(cookie).startsWith("lang=ar;");
    assertThat(f.server.get("/report", "Cookie", "lang=ar").body()).contains("dir=\"rtl\"");
    assertThat(f.server.get("/report", "Accept-Language", "ko-KR,ko;q=0.9").body()).contains("lang=\"ko\"");
  }

  @Test
  void submit_inSpanish_showsReceiptSecretRightsAndLegalHelp() {
    HttpResponse<String> r = post("/report", filled(), "lang=es");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Recibimos su denuncia").contains("Oficina Civil de Rendición de Cuentas Policial")
        .contains("Ayuda legal gratis").contains("immigrantjustice.org").contains("Sus derechos");
    assertThat(find(r.body(), "id=\"receipt\">([0-9A-Z-]+)<")).matches("([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}");
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
  }

  /** Issue 14: the routing rule on the receipt is in the reporter's language, not English. */
  @Test
  void submit_inSpanishOrArabic_showsTheRoutingRuleInThatLanguage() {
    String es = post("/report", filled(), "lang=es").body();
    assertThat(find(es, "(?s)id=\"route-rule\">(.*?)</p>"))
        .contains("Norma: MCC 2-78-120(a)", "recibe y registra todas las quejas contra miembros del Departamento de Policía")
        .doesNotContain("receives", "lang=\"en\"");
    String ar = post("/report", filled(), "lang=ar").body();
    assertThat(ar).contains("<html lang=\"ar\" dir=\"rtl\">");
    assertThat(find(ar, "(?s)id=\"route-rule\">(.*?)</p>"))
        .contains("القاعدة: MCC 2-78-120(a)", "يتلقى المكتب المدني لمساءلة الشرطة")
        .doesNotContain("receives", "lang=\"en\"");
  }

  @Test
  void submit_missingFields_showsErrorsInTheLanguageNextToTheFields_andKeepsWhatWasTyped() {
    Map<String, String> m = filled();
    m.remove("category");
    m.put("occurredOn", "ayer");
    m.put("description", "Lo que pasó <b>de verdad</b>");
    HttpResponse<String> r = post("/report", m, "lang=es");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Hay un problema")
        .contains("href=\"#f-category-THREAT_OF_DEPORTATION\">¿Qué pasó?: Este campo es obligatorio.")
        .contains("href=\"#f-occurredOn\">Fecha en que pasó: ")
        .contains("id=\"e-occurredOn\"").contains("aria-describedby=\"h-occurredOn e-occurredOn\"")
        .contains("value=\"ayer\"").contains("Lo que pasó &lt;b&gt;de verdad&lt;/b&gt;</textarea>")
        .contains("<option value=\"PD010\" selected>");
    assertThat(f.count("SELECT count(*) FROM incident WHERE occurred_on = '2026-02-20' AND location = 'PD010'"
        + " AND category = 'HELD_FOR_ICE'")).isZero();
  }

  @Test
  void submit_withoutTheCsrfToken_isRefused_andKeepsWhatWasTyped() {
    HttpResponse<String> r = f.server.post("/report", FORM, encode(filled()), "Cookie", "lang=en");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("This form has expired").contains("The officer asked for my papers.");
  }

  @Test
  void submit_withAFieldNamedLikeCitizenship_isRefusedWithAnExplanation() {
    long before = f.count("SELECT count(*) FROM incident");
    Map<String, String> m = filled();
    m.put("countryOfBirth", "somewhere");
    HttpResponse<String> r = post("/report", m, "lang=en");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("We never collect immigration status, citizenship or place of birth")
        .contains("countryOfBirth").doesNotContain("somewhere");
    assertThat(f.count("SELECT count(*) FROM incident")).isEqualTo(before);
  }

  @Test
  void submit_unknownFormFields_areIgnored() {
    Map<String, String> m = filled();
    m.put("favouriteColour", "green");
    assertThat(post("/report", m).statusCode()).isEqualTo(200);
  }

  @Test
  void status_scriptInTheDescription_comesBackEscaped_andAFollowupCanBeAdded() {
    Map<String, String> m = filled();
    m.put("description", "<script>alert('x')</script> he said");
    String received = post("/report", m, "lang=en").body();
    String receipt = find(received, "id=\"receipt\">([0-9A-Z-]+)<");
    String secret = find(received, "id=\"secret\">([0-9A-Z-]+)<");

    HttpResponse<String> r = post("/report/status", Map.of("receipt", receipt, "secret", secret), "lang=en");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("&lt;script&gt;alert('x')&lt;/script&gt; he said")
        .doesNotContain("<script>alert");
    assertThat(find(r.body(), "id=\"status\">([^<]+)<")).isEqualTo("Received");

    HttpResponse<String> added = post("/report/followup",
        Map.of("receipt", receipt, "secret", secret, "note", "<img src=x onerror=alert(1)>"), "lang=en");
    assertThat(added.statusCode()).isEqualTo(200);
    assertThat(added.body()).contains("Your information was added.").contains("&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<img src=x");
  }

  @Test
  void status_wrongSecret_saysSoWithoutEchoingTheSecret() {
    String received = post("/report", filled(), "lang=en").body();
    String receipt = find(received, "id=\"receipt\">([0-9A-Z-]+)<");
    String guess = Receipts.newSecret();
    HttpResponse<String> r = post("/report/status", Map.of("receipt", receipt, "secret", guess), "lang=en");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("No report matches this receipt code and secret").doesNotContain(guess);
  }
}
