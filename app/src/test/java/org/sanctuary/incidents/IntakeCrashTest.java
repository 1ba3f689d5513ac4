package org.sanctuary.incidents;

import org.sanctuary.incidents.web.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuary.store.TestDatabases;

/**
 * Acknowledged means durable: runs {@code sanctuary serve} as a child process, files reports,
 * kills the process with SIGKILL, starts it again on the same data folder and finds every report
 * that got a receipt, readable with the same key.
 */
class IntakeCrashTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path folder;

  @Test
  void receiptedReports_surviveSigkillOfTheServer() throws Exception {
    TestDatabases.sharePostgresBinaries(folder);
    Map<String, String> receipts = new LinkedHashMap<>();
    Process first = serve("first.log");
    try {
      URI base = listening(first);
      for (int i = 0; i < Incidents.SUBMIT_BURST; i++) {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/incidents"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(IncidentApiTest.report("POLICE", "")
                .replace("2026-03-01", "2024-03-01")))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode b = JSON.readTree(r.body());
        receipts.put(b.get("receipt").asText(), b.get("secret").asText());
      }
    } finally {
      first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean stop of anything
      first.waitFor(30, TimeUnit.SECONDS);
    }

    Process second = serve("second.log");
    try {
      URI base = listening(second);
      for (var e : receipts.entrySet()) {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/incidents/" + e.getKey()))
            .header("X-Receipt-Secret", e.getValue()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("status").asText()).isEqualTo("RECEIVED");
      }
    } finally {
      second.destroy(); // SIGTERM: a clean stop, which also stops the embedded database
      if (!second.waitFor(60, TimeUnit.SECONDS)) second.destroyForcibly();
      TestDatabases.unsharePostgresBinaries(folder);
    }
    assertThat(receipts).hasSize(Incidents.SUBMIT_BURST);
  }

  private Process serve(String log) throws Exception {
    return new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-cp", System.getProperty("java.class.path"),
        "org.sanctuary.cli.Main", "serve", "--port", "0", "--data", folder.toString()))
        .redirectError(folder.resolve(log).toFile())
        .start();
  }

  private static URI listening(Process p) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("start-up line").startsWith("Sanctuary listening on ");
    return URI.create(line.substring("Sanctuary listening on ".length()));
  }
}
