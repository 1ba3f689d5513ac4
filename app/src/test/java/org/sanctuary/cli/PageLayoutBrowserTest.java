package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.browser.Browser;
import org.sanctuary.browser.Layout;
import org.sanctuary.config.Config;
import org.sanctuary.demo.DemoData;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.staff.Role;

/**
 * Every page a person sees, in headless Chromium at a 390-pixel phone width and at 1280 pixels, on
 * the whole system with a small demonstration year (so tables, cases and the access log have rows):
 * no page scrolls sideways, no element reaches past the window's edge, and the stylesheet's rules
 * apply (a rule after a syntax error is silently dead in a browser). One browser serves the class.
 *
 * <p>Screenshots of the report form in several languages and of the main staff pages go to
 * target/screenshots, and also to the folder named by {@code -Dsanctuary.screenshots} (docs/screenshots,
 * see docs/screenshots/README.md).
 */
class PageLayoutBrowserTest {
  private static final int PHONE = 390;
  private static final int DESKTOP = 1280;
  private static final int HEIGHT = 900;
  private static final int YEAR = 2025;
  private static final String ERROR_RED = "rgb(177, 14, 30)";
  /** The languages whose report form is pictured in docs/screenshots (every one is checked). */
  private static final Set<String> PICTURED = Set.of("en", "es", "ar", "zh", "ko");
  private static final int WHOLE_PAGE = 6000;
  private static final int FIRST_SCREENS = 1400;

  private static Browser b;
  private static FullApp app;
  /** What each test found reaching past the window, every page and width, reported at its end. */
  private final List<String> problems = new ArrayList<>();

  @BeforeAll
  static void start() {
    b = Browser.start();
    app = new FullApp();
    Config config = new Config(0, app.data.toAbsolutePath(), Optional.empty(), "127.0.0.1");
    DemoData.generate(app.database, PolicySetup.engine(null, Set.of()), app.ledger, app.clock,
        IncidentKey.loadOrCreate(app.data.resolve("incidents.key")), Parts.staffKey(config), YEAR, 7,
        new DemoData.Scale(120, 80, 400, 4), new PrintWriter(new StringWriter()));
  }

  @AfterAll
  static void stop() {
    if (b != null) b.close();
    if (app != null) app.close();
  }

  @AfterEach
  void everyPageVisitedFits() {
    assertThat(problems).as("pages wider than the window").isEmpty();
  }

  @Test
  void publicPages_fitAPhoneAndADesktop() {
    for (String page : List.of("/", "/policies", "/policies/chicago-2021", "/policies/try",
        "/policies/diff?from=chicago-wco-2012&to=chicago-2021", "/ledger", "/ledger/entries",
        "/ledger/entries?type=decision&start=0", "/reports", "/reports/" + YEAR)) {
      fitsBothWidths(page);
    }
    b.open(uri("/reports/" + YEAR));
    assertThat(Layout.computed(b, ".synthetic-banner", "border-top-width"))
        .as("a rule near the stylesheet's end applies").isEqualTo("3px");
    String entries = b.attribute("a[href^='/reports/" + YEAR + "/entries?']", "href");
    fitsBothWidths(URI.create(entries).getRawPath() + "?" + URI.create(entries).getRawQuery());
  }

  @Test
  void tryForm_answer_fits() {
    b.size(DESKTOP, HEIGHT);
    b.open(uri("/policies/try"));
    b.type("#requester", "U.S. Immigration and Customs Enforcement");
    b.select("#kind", "DETAINER");
    b.select("#purpose", "CIVIL_IMMIGRATION");
    b.click("#subject-felonyConviction");
    b.submit("form.stack button[type=submit]");
    assertThat(b.text("#decision h2")).contains("DENY");
    fitsBothWidthsHere("the try form's answer");
  }

  @Test
  void reportForm_inEveryLanguage_fits_andIsStyled() {
    b.size(DESKTOP, HEIGHT);
    b.open(uri("/report?lang=en"));
    List<String> languages = new ArrayList<>();
    b.script("return [...document.querySelectorAll('.languages a')].map(a => a.getAttribute('hreflang'))")
        .forEach(l -> languages.add(l.asText()));
    assertThat(languages).contains("en", "es", "ar", "zh", "ko");
    for (String lang : languages) {
      String page = "/report?lang=" + lang;
      b.size(DESKTOP, HEIGHT);
      b.open(uri(page));
      assertThat(b.attribute("html", "dir")).isEqualTo(lang.equals("ar") ? "rtl" : "ltr");
      // the language menu is a row, the notice a box: rules well inside the stylesheet apply
      assertThat(Layout.computed(b, ".languages ul", "display")).as(page).isEqualTo("flex");
      assertThat(Layout.tops(b, ".languages li")).as("%s: the language menu is one row", page).hasSize(1);
      assertThat(Layout.computed(b, ".notice", "background-color")).as(page).isNotEqualTo("rgba(0, 0, 0, 0)");
      assertThat(Layout.computed(b, ".notice", "border-inline-start-width")).as(page).isNotEqualTo("0px");
      fits(page, DESKTOP);
      if (PICTURED.contains(lang)) shoot("report-" + lang + "-desktop.png", DESKTOP, WHOLE_PAGE);
      b.size(PHONE, HEIGHT);
      fits(page, PHONE);
      if (PICTURED.contains(lang)) shoot("report-" + lang + "-phone.png", PHONE, WHOLE_PAGE);
    }
  }

  @Test
  void reportForm_withErrors_fits_andItsErrorsAreRed() {
    for (String lang : List.of("es", "en")) {
      b.size(PHONE, HEIGHT);
      b.open(uri("/report?lang=" + lang));
      b.submit("form.report-form button[type=submit]");
      assertThat(b.find(".error-summary")).isNotEmpty();
      assertThat(Layout.computed(b, ".field-error", "color")).isEqualTo(ERROR_RED);
      assertThat(Layout.computed(b, ".error-summary", "border-top-color")).isEqualTo(ERROR_RED);
      // "Error:" is for screen readers only
      assertThat(b.script("return document.querySelector('.field-error .visually-hidden').getBoundingClientRect().width")
          .asDouble()).isLessThanOrEqualTo(1);
      fitsBothWidthsHere("/report?lang=" + lang + " with errors");
    }
  }

  @Test
  void receiptAndStatus_fit() {
    b.size(PHONE, HEIGHT);
    b.open(uri("/report?lang=ar"));
    b.click("#f-category-STATUS_QUESTION");
    b.click("#f-employeeType-POLICE");
    b.select("#f-department", "CPD");
    b.type("#f-occurredOn", "02202026");
    b.select("#f-location", "PD010");
    b.type("#f-description", "سألني ضابط عن أوراقي.");
    b.submit("form.report-form button[type=submit]");
    String receipt = b.text("#receipt");
    String secret = b.text("#secret");
    fitsBothWidthsHere("the receipt page");
    b.size(PHONE, HEIGHT);
    b.open(uri("/report/status"));
    fitsBothWidthsHere("/report/status");
    b.type("#f-receipt", receipt);
    b.type("#f-secret", secret);
    b.submit("main form button[type=submit]");
    assertThat(b.find("#status")).isNotEmpty();
    fitsBothWidthsHere("a report's status");
  }

  @Test
  void investigatorPages_fit() {
    b.size(DESKTOP, HEIGHT);
    b.open(uri("/staff/login"));
    fits("/staff/login", DESKTOP);
    b.size(PHONE, HEIGHT);
    fits("/staff/login", PHONE);
    signIn(Role.COPA_INVESTIGATOR);
    fitsBothWidths("/staff");
    assertThat(Layout.computed(b, ".staff-bar", "display")).isEqualTo("flex");
    fitsBothWidths("/staff/cases");
    shoot("staff-cases-desktop.png", DESKTOP, FIRST_SCREENS);
    b.size(PHONE, HEIGHT);
    shoot("staff-cases-phone.png", PHONE, FIRST_SCREENS);
    String firstCase = b.attribute("table.cases a[href^='/staff/cases/']", "href");
    fitsBothWidths(URI.create(firstCase).getPath());
    shoot("staff-case-desktop.png", DESKTOP, FIRST_SCREENS);
  }

  @Test
  void registerPages_fit() {
    signIn(Role.RECORDS_CLERK);
    // the demonstration year, so the lists and reports have rows
    for (String page : List.of("/staff/register?year=" + YEAR, "/staff/register/new",
        "/staff/register/reports/cpd-quarterly?year=" + YEAR + "&quarter=3",
        "/staff/register/reports/trust-act?year=" + YEAR, "/staff/register/replay",
        "/staff/register/replay?year=" + YEAR + "&pack=chicago-wco-2012", "/staff/register/import")) {
      fitsBothWidths(page);
    }
    assertThat(Layout.computed(b, ".register-nav ul", "display")).isEqualTo("flex");
    b.size(DESKTOP, HEIGHT);
    b.open(uri("/staff/register/new"));
    b.type("#requester", "ICE");
    b.select("#kind", "DETAINER");
    b.select("#document", "I-247A");
    b.select("#purpose", "CIVIL_IMMIGRATION");
    b.submit("form[action='/staff/register/preview'] button[type=submit]");
    assertThat(b.text("#answer")).isEqualTo("DENY");
    fitsBothWidthsHere("the register's preview of an answer");
    b.size(DESKTOP, HEIGHT);
    b.open(uri("/staff/register?year=" + YEAR));
    shoot("staff-register-desktop.png", DESKTOP, FIRST_SCREENS);
    String entry = b.attribute("main table a[href^='/staff/register/']", "href");
    fitsBothWidths(URI.create(entry).getPath());
    signIn(Role.ADMINISTRATOR);
    fitsBothWidths("/staff/register/tokens");
  }

  @Test
  void gatewayPages_fit() {
    signIn(Role.ADMINISTRATOR);
    fitsBothWidths("/staff");
    for (String page : List.of("/staff/gateway", "/staff/gateway/partners", "/staff/gateway/datasets",
        "/staff/gateway/alerts", "/staff/gateway/access")) {
      fitsBothWidths(page);
      assertThat(Layout.computed(b, ".gateway-nav ul", "display")).as(page).isEqualTo("flex");
    }
    shoot("staff-gateway-access-desktop.png", DESKTOP, FIRST_SCREENS);
    b.size(PHONE, HEIGHT);
    shoot("staff-gateway-access-phone.png", PHONE, FIRST_SCREENS);
    b.open(uri("/staff/gateway/partners"));
    String partner = b.attribute("main a[href^='/staff/gateway/partners/']", "href");
    fitsBothWidths(URI.create(partner).getPath());
  }

  @Test
  void administratorPages_fit() {
    signIn(Role.ADMINISTRATOR);
    fitsBothWidths("/staff/accounts");
    String account = b.attribute("#accounts a[href^='/staff/accounts/']", "href");
    fitsBothWidths(URI.create(account).getPath());
    b.open(uri("/staff/accounts"));
    b.type("#username", "layout.check");
    b.click("input[name=role][value=AUDITOR]");
    b.submit("form[action='/staff/accounts'] button[type=submit]");
    fitsBothWidthsHere("the new account's sign-in details");

    b.open(uri("/staff/gateway/partners"));
    String partner = URI.create(b.attribute("main a[href^='/staff/gateway/partners/']", "href")).getPath();
    b.open(uri(partner));
    for (String action : List.of("rotate", "revoke")) {
      String question = b.attribute("a[href$='/" + action + "'][href^='/staff/gateway/keys/']", "href");
      fitsBothWidths(URI.create(question).getPath());
      b.open(uri(partner));
    }
    fitsBothWidths("/staff/gateway/trace");
    b.type("#text", "Ash;Ada;r0123456789abcdef01234567;1971-09-07");
    b.submit("form[action='/staff/gateway/trace'] button[type=submit]");
    fitsBothWidthsHere("a traced paste");

    b.open(uri("/staff/register/tokens"));
    b.type("#name", "layout-check-system");
    b.submit("form[action='/staff/register/tokens'] button[type=submit]");
    fitsBothWidths("/staff/register/tokens/layout-check-system/revoke");
  }

  @Test
  void auditorPages_fit() {
    signIn(Role.AUDITOR);
    for (String page : List.of("/staff", "/staff/cases", "/staff/register?year=" + YEAR, "/staff/gateway",
        "/staff/gateway/access")) {
      fitsBothWidths(page);
    }
  }

  /** Signs in through the staff page as the account of {@code role}, after forgetting any other. */
  private static void signIn(Role role) {
    b.size(DESKTOP, HEIGHT);
    b.open(uri("/staff/login"));
    b.clearCookies();
    b.open(uri("/staff/login"));
    b.type("#username", FullApp.username(role));
    b.type("#password", FullApp.PASSWORD);
    b.type("#code", app.code(role));
    b.submit("form.staff-form button[type=submit]");
    assertThat(b.text("h1")).as("signed in as %s", role).isEqualTo("Staff");
  }

  private void fitsBothWidths(String page) {
    b.size(PHONE, HEIGHT);
    b.open(uri(page));
    fitsBothWidthsHere(page);
  }

  /** The open page at a phone's width and at a desktop's, in that order. */
  private void fitsBothWidthsHere(String what) {
    b.size(PHONE, HEIGHT);
    fits(what, PHONE);
    b.size(DESKTOP, HEIGHT);
    fits(what, DESKTOP);
    List<String> hiding = Layout.scrollingBoxes(b);
    if (!hiding.isEmpty()) problems.add(what + " at " + DESKTOP + "px hides columns: " + hiding);
  }

  private void fits(String what, int width) {
    boolean sideways = !b.script("return document.documentElement.scrollWidth <= window.innerWidth").asBoolean();
    List<String> out = Layout.stickingOut(b);
    if (sideways || !out.isEmpty()) problems.add(what + " at " + width + "px: " + out);
  }

  /**
   * A screenshot of the open page at {@code width}, as tall as the page up to {@code maxHeight}
   * (the top of a long list is enough); the window is left at that width.
   */
  private static void shoot(String name, int width, int maxHeight) {
    b.size(width, HEIGHT);
    // the window's height is the page's plus whatever the window itself takes, so nothing scrolls
    int chrome = b.script("return window.outerHeight - window.innerHeight").asInt();
    int height = b.script("return document.documentElement.scrollHeight").asInt();
    b.size(width, Math.max(HEIGHT, Math.min(maxHeight, height + chrome)));
    assertThat(b.keepScreenshot(name)).isNotEmptyFile();
    b.size(width, HEIGHT);
  }

  private static URI uri(String path) {
    return app.server.uri(path);
  }
}
