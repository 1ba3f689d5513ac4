package org.sanctuary.web;

import org.sanctuary.errors.NotFound;
import org.sanctuary.errors.InvalidInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gg.jte.Content;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.Config;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;

class ServerTest {
  private static final ObjectMapper JSON = Json.newMapper();
  // several times the buffer a response is copied through, not a multiple of it
  private static final String LARGE = largeText(Server.RESPONSE_COPY_BYTES * 5 + 123);
  private static Database database;
  private static TestServer server;

  /** A request shaped like the real ones: a date, an enum, a nested object, a checked field. */
  record Sample(LocalDate received, Kind kind, Subject subject) {
    enum Kind {
      DETAINER,
      NOTIFICATION
    }

    record Subject(boolean felonyConviction) {}

    Sample {
      if (received != null && received.getYear() < 1900) {
        throw InvalidInput.of("received", received.toString(), "is too early", "a date after 1900");
      }
    }
  }

  static final class SampleRoutes implements Routes {
    @Override
    public void register(RoutesConfig routes) {
      routes.post("/api/v1/samples", this::create);
      routes.get(
          "/api/v1/bad",
          ctx -> {
            throw new InvalidInput("kind", "kind: \"X\" is not a kind (want DETAINER)");
          });
      routes.get(
          "/api/v1/missing",
          ctx -> {
            throw new NotFound("no such sample: 42");
          });
      routes.get(
          "/api/v1/years/{year}",
          ctx -> ctx.json(Map.of("year", ctx.pathParamAsClass("year", Integer.class).get())));
      routes.get("/api/v1/large", ctx -> ctx.result(LARGE));
      routes.get(
          "/api/v1/bug",
          ctx -> {
            throw new IllegalStateException("secret internals");
          });
    }

    private void create(Context ctx) {
      Sample sample = JsonBody.read(ctx, Sample.class);
      ctx.status(201).json(sample);
    }
  }

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    server = TestServer.start(database, new SampleRoutes());
  }

  @AfterAll
  static void stop() {
    server.close();
    database.close();
  }

  @Test
  void healthz_databaseAnswers_isOk() throws Exception {
    HttpResponse<String> response = server.get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).isEqualTo(JSON.readTree("{\"status\":\"ok\"}"));
  }

  @Test
  void largeResponse_arrivesWholeThroughTheCopyBuffer() {
    HttpResponse<String> response = server.get("/api/v1/large");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).hasSize(LARGE.length()).isEqualTo(LARGE);
  }

  private static String largeText(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; out.length() < length; i++) out.append(i).append(i % 17 == 0 ? '\n' : ' ');
    return out.substring(0, length);
  }

  @Test
  void healthz_databaseGone_is503WithJsonError() throws Exception {
    Database closed = TestDatabases.fresh();
    closed.close();
    try (TestServer unhealthy = TestServer.start(closed)) {
      HttpResponse<String> response = unhealthy.get("/healthz");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(json(response).get("error").asText()).isEqualTo("database unavailable");
    }
  }

  @Test
  void home_rendersLayoutWithNavigation() {
    HttpResponse<String> response = server.get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(response.body())
        .contains("<html lang=\"en\" dir=\"ltr\">")
        .contains("href=\"/policies\"", "href=\"/report\"", "href=\"/reports\"", "href=\"/ledger\"")
        .contains("<footer");
    assertThat(response.body().split("<p>", -1)).hasSizeGreaterThanOrEqualTo(3);
  }

  /** Issue 14: the home page speaks the browser's language (after ?lang= and the cookie), else English. */
  @Test
  void home_followsAcceptLanguage_withLangAndDirOnTheDocument() {
    HttpResponse<String> ar = server.get("/", "Accept-Language", "ar-EG,ar;q=0.9,en;q=0.1");
    assertThat(ar.body()).contains("<html lang=\"ar\" dir=\"rtl\">", "المدينة المرحِّبة تفي بوعودها")
        .doesNotContain("A welcoming city keeps its promises");
    assertThat(ar.headers().allValues("Vary").toString()).contains("Accept-Language");
    // the highest quality wins, whatever the order
    assertThat(server.get("/", "Accept-Language", "en;q=0.2, es;q=0.8").body()).contains("<html lang=\"es\" dir=\"ltr\">",
        "Una ciudad acogedora cumple sus promesas");
    assertThat(server.get("/?lang=zh", "Accept-Language", "ar").body()).contains("<html lang=\"zh\" dir=\"ltr\">");
    assertThat(server.get("/", "Accept-Language", "ar", "Cookie", "lang=tl").body()).contains("<html lang=\"tl\"");
    assertThat(server.get("/", "Accept-Language", "xx, *;q=0.5").body()).contains("<html lang=\"en\" dir=\"ltr\">",
        "A welcoming city keeps its promises");
    assertThat(server.get("/?lang=xx", "Accept-Language", "fil-PH").body()).contains("<html lang=\"tl\"");
  }

  @Test
  void stylesheet_isServedFromClasspath() {
    HttpResponse<String> response = server.get("/assets/style.css");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(":focus-visible");
  }

  @Test
  void everyAnswer_carriesSecurityHeaders() {
    HttpResponse<String> response = server.get("/healthz");

    assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  @Test
  void unknownPath_is404Json() throws Exception {
    HttpResponse<String> response = server.get("/no/such/page");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("error").asText()).isEqualTo("not found: /no/such/page");
  }

  @Test
  void unknownPath_fromBrowser_isHtmlPage() {
    HttpResponse<String> response = server.get("/no/such/page", "Accept", "text/html,*/*");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("<h1>Page not found</h1>", "<html lang=\"en\"");
  }

  @Test
  void badRequest_is400NamingTheField() throws Exception {
    HttpResponse<String> response = server.get("/api/v1/bad");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response))
        .isEqualTo(
            JSON.readTree(
                "{\"error\":\"kind: \\\"X\\\" is not a kind (want"
                    + " DETAINER)\",\"field\":\"kind\"}"));
  }

  @Test
  void badPathParameter_is400NamingIt() throws Exception {
    HttpResponse<String> response = server.get("/api/v1/years/twenty");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo("year");
    assertThat(json(response).get("error").asText()).startsWith("year: \"twenty\" is not valid");
  }

  @Test
  void notFound_is404WithMessage() throws Exception {
    HttpResponse<String> response = server.get("/api/v1/missing");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("error").asText()).isEqualTo("no such sample: 42");
  }

  @Test
  void unexpectedException_is500WithoutDetails() throws Exception {
    HttpResponse<String> response = server.get("/api/v1/bug");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json(response)).isEqualTo(JSON.readTree("{\"error\":\"internal error\"}"));
    assertThat(response.body()).doesNotContain("secret", "Exception", "at org.");
  }

  @Test
  void validBody_isReadWithDatesAndEnums() throws Exception {
    HttpResponse<String> response =
        server.post(
            "/api/v1/samples",
            "application/json",
            "{\"received\":\"2019-07-15\",\"kind\":\"DETAINER\",\"subject\":{\"felonyConviction\":true}}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(json(response).get("received").asText()).isEqualTo("2019-07-15");
  }

  @Test
  void malformedJson_is400NamingBody() throws Exception {
    HttpResponse<String> response =
        server.post("/api/v1/samples", "application/json", "{\"received\": ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo("body");
    assertThat(json(response).get("error").asText()).startsWith("body: malformed JSON");
  }

  @Test
  void unknownField_is400NamingIt() throws Exception {
    HttpResponse<String> response =
        server.post(
            "/api/v1/samples",
            "application/json",
            "{\"kind\":\"DETAINER\",\"subject\":{\"immigrationStatus\":\"x\"}}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo("subject.immigrationStatus");
  }

  @Test
  void badDate_is400NamingTheField() throws Exception {
    HttpResponse<String> response =
        server.post("/api/v1/samples", "application/json", "{\"received\":\"2019-13-01\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo("received");
    assertThat(json(response).get("error").asText()).startsWith("received: \"2019-13-01\"");
  }

  @Test
  void unknownEnumValue_is400ListingTheChoices() throws Exception {
    HttpResponse<String> response =
        server.post("/api/v1/samples", "application/json", "{\"kind\":\"RAID\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText())
        .isEqualTo("kind: \"RAID\" is not valid (want one of: DETAINER, NOTIFICATION)");
  }

  @Test
  void valueRefusedByRecord_is400WithItsMessage() throws Exception {
    HttpResponse<String> response =
        server.post("/api/v1/samples", "application/json", "{\"received\":\"1850-01-01\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response))
        .isEqualTo(
            JSON.readTree(
                "{\"error\":\"received: \\\"1850-01-01\\\" is too early (want a date after 1900)\","
                    + "\"field\":\"received\"}"));
  }

  @Test
  void duplicateKey_is400() {
    HttpResponse<String> response =
        server.post(
            "/api/v1/samples",
            "application/json",
            "{\"kind\":\"DETAINER\",\"kind\":\"NOTIFICATION\"}");

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void wrongMediaType_is415Json() throws Exception {
    HttpResponse<String> response = server.post("/api/v1/samples", "text/plain", "{}");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(json(response).get("field").asText()).isEqualTo("Content-Type");
  }

  @Test
  void oversizedBody_is413Json() throws Exception {
    byte[] body = new byte[(int) Server.MAX_REQUEST_BYTES + 1];
    Arrays.fill(body, (byte) ' ');

    HttpResponse<String> response = server.post("/api/v1/samples", "application/json", body);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).get("field").asText()).isEqualTo("body");
  }

  @Test
  void start_portTaken_failsWithOneClearMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Config config =
          new Config(
              taken.getLocalPort(), Path.of("target", "test-data"), Optional.empty(), "127.0.0.1");

      assertThatThrownBy(() -> Server.start(config, database, List.of()))
          .isInstanceOf(ServerException.class)
          .hasMessage(
              "port: " + taken.getLocalPort() + " on 127.0.0.1 is in use (want a free port)");
    }
  }

  @Test
  void close_requestInFlight_letsItFinish() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Routes slow =
        routes ->
            routes.get(
                "/slow",
                ctx -> {
                  started.countDown();
                  Thread.sleep(1_000);
                  ctx.result("finished");
                });
    TestServer stopping = TestServer.start(database, slow);
    CompletableFuture<HttpResponse<String>> inFlight =
        CompletableFuture.supplyAsync(() -> stopping.get("/slow"));
    started.await();

    stopping.close();

    assertThat(inFlight.get().statusCode()).isEqualTo(200);
    assertThat(inFlight.get().body()).isEqualTo("finished");
  }

  @Test
  void layout_rightToLeftLanguage_setsLangAndDir() {
    String page =
        new JteRenderer()
            .render(
                "layout.jte",
                Map.of(
                    "title", "تقرير",
                    "content", (Content) output -> output.writeContent("<p>نص</p>"),
                    "lang", "ar",
                    "dir", "rtl"),
                null);

    assertThat(page)
        .contains(
            "<html lang=\"ar\" dir=\"rtl\">", "<p>نص</p>", "<title>تقرير · Sanctuary</title>");
  }

  @Test
  void templates_arePrecompiledClasses() throws Exception {
    assertThat(Class.forName("gg.jte.generated.precompiled.JtelayoutGenerated")).isNotNull();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return JSON.readTree(response.body());
  }
}
