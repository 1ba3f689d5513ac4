package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffTestClient;

/**
 * Issue 13, defect 7: what staff see stays in no cache; HSTS and {@code Secure} cookies when the
 * server is configured as reached over TLS (never on a header anyone can send); a charset on every
 * text answer; 405 with {@code Allow}; and the security headers also on Jetty's own refusals.
 */
class HeadersTest {
  private static final String HSTS = "Strict-Transport-Security";
  private static FullApp app;
  private static FullApp tlsApp;
  private static StaffTestClient admin;

  @BeforeAll
  static void start() {
    app = new FullApp();
    tlsApp = FullApp.behindTls();
    admin = app.signIn(Role.ADMINISTRATOR);
  }

  @AfterAll
  static void stop() {
    app.close();
    tlsApp.close();
  }

  @Test
  void staffPagesAndAdminApi_answered_noStore() {
    for (String path : new String[] {"/staff", "/staff/gateway/partners", "/api/v1/admin/gateway/partners",
        "/staff/login"}) {
      HttpResponse<String> r = admin.get(path);
      assertThat(r.statusCode()).as(path).isLessThan(400);
      assertThat(r.headers().firstValue("Cache-Control")).as(path).contains("no-store");
    }
  }

  @Test
  void staffPages_refusedOrRedirected_noStore() {
    HttpResponse<String> r = app.server.get("/api/v1/admin/gateway/partners");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void anyAnswer_behindTls_hsts() {
    for (String path : new String[] {"/", "/report", "/api/v1/ledger/checkpoint", "/no-such-page", "/staff/cases"}) {
      HttpResponse<String> r = tlsApp.server.get(path);
      assertThat(r.headers().firstValue(HSTS)).as(path).contains("max-age=31536000");
    }
  }

  @Test
  void anyAnswer_plainHttpWithForwardedProto_noHstsNorSecureCookie() {
    // anyone can send X-Forwarded-Proto; only the configuration says the server is behind TLS
    HttpResponse<String> r = app.server.get("/report", "X-Forwarded-Proto", "https");
    assertThat(r.headers().firstValue(HSTS)).isEmpty();
    assertThat(r.headers().allValues("Set-Cookie")).isNotEmpty().noneMatch(c -> c.contains("Secure"));
    HttpResponse<String> login = app.server.get("/staff/login", "X-Forwarded-Proto", "https");
    assertThat(login.headers().allValues("Set-Cookie")).isNotEmpty().noneMatch(c -> c.contains("Secure"));
  }

  @Test
  void reportFormAndSignInCookies_behindTls_secure() {
    HttpResponse<String> form = tlsApp.server.get("/report?lang=es");
    List<String> cookies = form.headers().allValues("Set-Cookie");
    assertThat(cookies).anyMatch(c -> c.startsWith("report_csrf=")).anyMatch(c -> c.startsWith("lang="));
    assertThat(cookies).allMatch(c -> c.contains("; Secure") || c.endsWith("Secure"), "every cookie Secure");
    HttpResponse<String> login = tlsApp.server.get("/staff/login");
    assertThat(login.headers().allValues("Set-Cookie")).isNotEmpty().allMatch(c -> c.contains("Secure"));
  }

  @Test
  void textAnswers_eachKind_charsetUtf8() {
    List<String> missing = new ArrayList<>();
    for (String path : new String[] {"/", "/report", "/healthz", "/api/v1/ledger/checkpoint", "/api/v1/ledger/key",
        "/api/v1/ledger/entries?start=0&end=0", "/tlog/checkpoint", "/reports/2025.csv", "/reports/2025.json",
        "/no-such-page", "/api/v1/no-such-thing", "/assets/style.css", "/policies"}) {
      HttpResponse<String> r = app.server.get(path);
      String type = r.headers().firstValue("Content-Type").orElse("");
      if (!type.toLowerCase(Locale.ROOT).replace(" ", "").contains(";charset=utf-8")) {
        missing.add(path + " (" + r.statusCode() + "): " + type);
      }
    }
    for (String path : new String[] {"/staff/register/reports/trust-act?year=2025&format=json",
        "/staff/register/reports/trust-act?year=2025&format=csv"}) {
      HttpResponse<String> r = admin.get(path);
      String type = r.headers().firstValue("Content-Type").orElse("");
      if (!type.toLowerCase(Locale.ROOT).replace(" ", "").contains(";charset=utf-8")) {
        missing.add(path + " (" + r.statusCode() + "): " + type);
      }
    }
    assertThat(missing).as("text answers without charset=utf-8").isEmpty();
  }

  @Test
  void wrongMethod_knownPath_405WithAllow() throws Exception {
    HttpResponse<String> put = send("PUT", "/staff/login");
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(allowed(put)).containsExactlyInAnyOrder("GET", "POST");
    HttpResponse<String> delete = send("DELETE", "/healthz");
    assertThat(delete.statusCode()).isEqualTo(405);
    assertThat(allowed(delete)).containsExactly("GET");
    assertThat(delete.headers().firstValue("X-Frame-Options")).contains("DENY");
    HttpResponse<String> post = send("POST", "/api/v1/ledger/checkpoint");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(allowed(post)).containsExactly("GET");
    assertThat(send("PUT", "/no-such-page").statusCode()).isEqualTo(404);
  }

  @Test
  void jettyRefusals_badUriLongUriHugeHeaders_carrySecurityHeaders() throws IOException {
    String longUri = "/" + "a".repeat(20_000);
    String[] requests = {
        "GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        "GET " + longUri + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(40_000) + "\r\nConnection: close\r\n\r\n"};
    int[] statuses = {400, 414, 431};
    for (int i = 0; i < requests.length; i++) {
      String answer = raw(tlsApp, requests[i]);
      String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n"))).toLowerCase(Locale.ROOT);
      assertThat(head).as("answer %d", i).startsWith("http/1.1 " + statuses[i]);
      assertThat(head).as("answer %d", i)
          .contains("x-content-type-options: nosniff")
          .contains("x-frame-options: deny")
          .contains("referrer-policy: no-referrer")
          .contains("content-security-policy: default-src 'self'")
          .contains("strict-transport-security: max-age=31536000");
    }
  }

  private static List<String> allowed(HttpResponse<String> r) {
    String allow = r.headers().firstValue("Allow").orElse("");
    List<String> methods = new ArrayList<>();
    for (String m : allow.split(",")) {
      if (!m.isBlank()) {
        methods.add(m.strip());
      }
    }
    return methods;
  }

  private static HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(app.server.uri(path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  // what a client that breaks the rules sends: bytes on a socket, read until the server closes
  private static String raw(FullApp target, String request) throws IOException {
    URI uri = target.server.uri("/");
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (java.net.SocketException e) {
      throw new IOException("the server closed the connection without an answer: " + e.getMessage(), e);
    }
  }
}
