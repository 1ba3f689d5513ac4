package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanctuary.logging.LogCapture;
import org.sanctuary.logging.LogFormat;

/**
 * What residents give the intake never reaches the log: the whole system starts, takes reports by
 * the form and the API, answers status look-ups and follow-ups and stops, logging as JSON with every
 * Sanctuary logger at its most verbose and the libraries at their production levels. Each line is
 * one JSON object, and none holds a reporter's words, a name, a contact, a receipt, its secret or
 * the address the resident wrote from.
 */
class LogPrivacyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DESCRIPTION = "Deportation threat by Sergeant Zbigniewa Okonkwo-Faraday";
  private static final String EMPLOYEE = "Zbigniewa Okonkwo-Faraday badge 80417";
  private static final String CONTACT = "call 773-555-0177 ask for Ximena Thorvaldsen";
  private static final String WITNESSES = "neighbour Ignatius Pellegrino-Achebe";
  private static final String FOLLOWUP = "I remembered the car number QJ-55821";
  private static final String RESIDENT_ADDRESS = "203.0.113.77";
  private static final String[] PRODUCTION_LEVELS = {"level=info", "level.org.eclipse.jetty=warn",
      "level.io.javalin=warn", "level.com.zaxxer.hikari=warn", "level.io.zonky=warn", "level.org.flywaydb=error",
      "level.org.sanctuary=trace"};

  @Test
  void intake_logsNothingAResidentGave_andEveryLineIsJson() throws Exception {
    List<String> secrets = new java.util.ArrayList<>(List.of(DESCRIPTION, EMPLOYEE, CONTACT, WITNESSES, FOLLOWUP,
        RESIDENT_ADDRESS, "Okonkwo", "Thorvaldsen", "Pellegrino", "773-555-0177", "QJ-55821"));
    List<String> lines;
    try (LogCapture capture = new LogCapture(LogFormat.JSON, PRODUCTION_LEVELS)) {
      try (FullApp app = new FullApp()) {
        HttpResponse<String> api = app.server.post("/api/v1/incidents", "application/json", "{"
            + "\"category\":\"HELD_FOR_ICE\",\"employeeType\":\"POLICE\",\"department\":\"CPD\","
            + "\"occurredOn\":\"2026-03-01\",\"location\":\"CA22\",\"description\":\"" + DESCRIPTION + "\","
            + "\"employee\":\"" + EMPLOYEE + "\",\"contact\":\"" + CONTACT + "\",\"witnesses\":\"" + WITNESSES + "\"}",
            "X-Forwarded-For", RESIDENT_ADDRESS);
        assertThat(api.statusCode()).as(api.body()).isEqualTo(201);
        JsonNode made = JSON.readTree(api.body());
        String receipt = made.get("receipt").asText();
        String secret = made.get("secret").asText();
        secrets.add(receipt);
        secrets.add(secret);

        assertThat(app.server.get("/api/v1/incidents/" + receipt, "X-Receipt-Secret", secret,
            "X-Forwarded-For", RESIDENT_ADDRESS).statusCode()).isEqualTo(200);
        assertThat(app.server.get("/api/v1/incidents/" + receipt, "X-Receipt-Secret", secret + "X").statusCode())
            .isEqualTo(404);
        assertThat(app.server.post("/api/v1/incidents/" + receipt + "/followups", "application/json",
            "{\"note\":\"" + FOLLOWUP + "\"}", "X-Receipt-Secret", secret).statusCode()).isEqualTo(201);

        // the form, as a browser sends it
        HttpResponse<String> page = app.server.get("/report");
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("report_csrf="))
            .findFirst().orElseThrow();
        String token = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        HttpResponse<String> form = app.server.post("/report", "application/x-www-form-urlencoded",
            form("csrf", token, "category", "HELD_FOR_ICE", "employeeType", "POLICE", "department", "CPD",
                "occurredOn", "2026-03-01", "location", "CA22", "description", DESCRIPTION, "employee", EMPLOYEE,
                "contact", CONTACT, "language", "es"),
            "Cookie", "report_csrf=" + token, "X-Forwarded-For", RESIDENT_ADDRESS);
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        HttpResponse<String> status = app.server.post("/report/status", "application/x-www-form-urlencoded",
            form("csrf", token, "receipt", receipt, "secret", secret), "Cookie", "report_csrf=" + token);
        assertThat(status.statusCode()).isEqualTo(200);
      }
      lines = capture.lines();
    }
    assertThat(lines).as("the server logs its start and stop").isNotEmpty();
    for (String line : lines) {
      JsonNode event = JSON.readTree(line);
      assertThat(event.isObject()).as(line).isTrue();
      for (String field : List.of("time", "level", "logger", "message", "thread")) {
        assertThat(event.hasNonNull(field)).as("%s in %s", field, line).isTrue();
      }
      for (String secret : secrets) {
        assertThat(line).as("the log line").doesNotContain(secret);
      }
    }
  }

  private static String form(String... pairs) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (out.length() > 0) out.append('&');
      out.append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return out.toString();
  }
}
