package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: the first {@code serve} on a fresh data folder spent its long start (unpacking
 * PostgreSQL, initialising its cluster, migrating) without a word. Runs {@code serve} as a child
 * process, standard error and standard output in one stream as a terminal shows them: each step is
 * said before it runs, in order, and the line saying where to open the browser comes last.
 */
class ServeStartupOutputTest {
  private static final String LISTENING = "Sanctuary listening on ";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path folder;

  @Test
  void serve_onAFreshFolder_saysEachStartUpStepInOrder_andTheBrowserLineComesLast() throws Exception {
    Output first = serveAndStop();
    assertThat(first.before()).as(String.join("\n", first.before())).isNotEmpty();
    assertInOrder(first.before(),
        "start-up - checking the policy packs",
        "start-up - first start: unpacking the PostgreSQL programs into " + folder.resolve("postgres-binaries"),
        "start-up - first start: initialising the database in " + folder.resolve("postgres"),
        "start-up - starting the database in " + folder.resolve("postgres"),
        "start-up - migrating the database schema: ",
        "start-up - starting the ledger",
        "start-up - starting the web server");
    assertThat(first.listening()).matches(LISTENING + "http://127\\.0\\.0\\.1:\\d+");
    // nothing after it but the stop the test asked for
    assertThat(first.after()).as(String.join("\n", first.after())).singleElement().asString()
        .endsWith("[INFO] Service - Sanctuary stopped");

    Output again = serveAndStop();
    assertThat(again.before()).noneMatch(line -> line.contains("first start"));
    assertInOrder(again.before(),
        "start-up - starting the database in " + folder.resolve("postgres"),
        "start-up - checking the database schema: nothing to migrate",
        "start-up - starting the web server");
    assertThat(again.after()).singleElement().asString().endsWith("[INFO] Service - Sanctuary stopped");
  }

  /** The lines before the browser line, that line, and the lines after it until the process ended. */
  private record Output(List<String> before, String listening, List<String> after) {}

  private Output serveAndStop() throws Exception {
    Process p = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        // the server's own class path: without the tests' classes and their quiet logging levels
        "-cp", serverClassPath(),
        "org.sanctuary.cli.Main", "serve", "--port", "0", "--data", folder.toString()))
        .redirectErrorStream(true)
        .start();
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    String listening = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(LISTENING)) {
          listening = line;
          break;
        }
        before.add(line);
      }
      assertThat(listening).as("the server stopped before listening:\n" + String.join("\n", before)).isNotNull();
      URI base = URI.create(listening.substring(LISTENING.length()));
      HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(base.resolve("/healthz")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      p.toHandle().destroy(); // SIGTERM: a clean stop (Process.destroy would close the stream read here)
      while ((line = out.readLine()) != null) {
        after.add(line);
      }
    } finally {
      if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
    }
    return new Output(before, listening, after);
  }

  private static String serverClassPath() {
    String separator = java.io.File.pathSeparator;
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(separator))
        .filter(entry -> !Path.of(entry).endsWith("test-classes"))
        .collect(java.util.stream.Collectors.joining(separator));
  }

  private static void assertInOrder(List<String> lines, String... steps) {
    int from = 0;
    for (String step : steps) {
      int found = -1;
      for (int i = from; i < lines.size(); i++) {
        if (lines.get(i).contains(step)) {
          found = i;
          break;
        }
      }
      assertThat(found).as("\"%s\" after line %d of:\n%s", step, from, String.join("\n", lines)).isGreaterThanOrEqualTo(0);
      from = found + 1;
    }
  }
}
