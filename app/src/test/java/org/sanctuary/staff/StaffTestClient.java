package org.sanctuary.staff;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanctuary.web.TestServer;

/**
 * A browser-like client for staff pages in tests: keeps cookies, reads the CSRF token out of
 * forms, and signs in with a password and the TOTP code for the test clock's time.
 */
public final class StaffTestClient {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final String FORM = "application/x-www-form-urlencoded";

  private final TestServer server;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private String csrf;

  public StaffTestClient(TestServer server) {
    this.server = server;
  }

  /** The TOTP code an authenticator app would show at {@code time}. */
  public static String code(String secretBase32, Instant time) {
    return Totp.code(Base32.decode(secretBase32), time);
  }

  public HttpResponse<String> signIn(String username, String password, String code) {
    get("/staff/login");
    return postForm("/staff/login", "username", username, "password", password, "code", code);
  }

  public HttpResponse<String> get(String path, String... headers) {
    List<String> all = new ArrayList<>(List.of(headers));
    cookieHeader().ifPresent(c -> {
      all.add("Cookie");
      all.add(c);
    });
    HttpResponse<String> response = server.get(path, all.toArray(String[]::new));
    remember(response);
    return response;
  }

  /** Posts a form with this session's CSRF token added. */
  public HttpResponse<String> postForm(String path, String... fields) {
    List<String> pairs = new ArrayList<>(List.of(fields));
    if (csrf != null) {
      pairs.add("csrf");
      pairs.add(csrf);
    }
    return postRaw(path, FORM, encode(pairs.toArray(String[]::new)));
  }

  /** Posts exactly this body, with no token added. */
  public HttpResponse<String> postRaw(String path, String contentType, String body,
      String... headers) {
    List<String> all = new ArrayList<>(List.of(headers));
    cookieHeader().ifPresent(c -> {
      all.add("Cookie");
      all.add(c);
    });
    HttpResponse<String> response = server.post(path, contentType, body,
        all.toArray(String[]::new));
    remember(response);
    return response;
  }

  public static String encode(String... pairs) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  public String csrf() {
    return csrf;
  }

  public Optional<String> cookie(String name) {
    return Optional.ofNullable(cookies.get(name));
  }

  public void setCookie(String name, String value) {
    cookies.put(name, value);
  }

  private Optional<String> cookieHeader() {
    if (cookies.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder header = new StringBuilder();
    cookies.forEach((k, v) -> {
      if (header.length() > 0) {
        header.append("; ");
      }
      header.append(k).append('=').append(v);
    });
    return Optional.of(header.toString());
  }

  private void remember(HttpResponse<String> response) {
    for (String set : response.headers().allValues("Set-Cookie")) {
      String pair = set.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq);
      String value = pair.substring(eq + 1);
      if (value.isEmpty() || set.contains("Max-Age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    Matcher m = CSRF.matcher(response.body());
    if (m.find()) {
      csrf = m.group(1);
    }
  }
}
