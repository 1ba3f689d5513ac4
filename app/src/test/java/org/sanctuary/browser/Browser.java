package org.sanctuary.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real headless Chromium for tests, driven through chromedriver with the W3C WebDriver protocol
 * over plain HTTP (no Selenium). One instance is one browser session with a fresh profile.
 *
 * <pre>{@code
 * try (Browser b = Browser.start()) {          // fails under CI=true when Chromium is missing,
 *   b.open(server.uri("/report?lang=es"));     // skips with a message otherwise
 *   b.type("#f-description", "...");
 *   b.click("#f-category-HELD_FOR_ICE");
 *   b.select("#f-location", "CA22");
 *   b.submit("form.report-form button[type=submit]");
 *   String receipt = b.text("#receipt");
 *   b.screenshot(Path.of("target/screenshots/x.png"));
 * }
 * }</pre>
 *
 * The programs are {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian's {@code
 * chromium} and {@code chromium-driver}), or those named by {@code CHROME_BIN} and {@code
 * CHROMEDRIVER}.
 */
public final class Browser implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
      "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync");

  private final Process driver;
  private final Path profile;
  private final URI session;

  private Browser(Process driver, Path profile, URI session) {
    this.driver = driver;
    this.profile = profile;
    this.session = session;
  }

  /**
   * Starts chromedriver and a headless Chromium with a fresh profile. When either program is
   * missing the test fails under {@code CI=true} and is skipped, with the reason, otherwise.
   */
  public static Browser start() {
    return start("en-US");
  }

  /**
   * The same, with the browser's language set: Chromium asks for pages in {@code language} (its
   * {@code Accept-Language}), as a browser set up in that language does.
   */
  public static Browser start(String language) {
    Path chromium = Path.of(env("CHROME_BIN", "/usr/bin/chromium"));
    Path chromedriver = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));
    if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
      String why = "browser tests need " + chromium + " and " + chromedriver
          + " (Debian: apt-get install chromium chromium-driver)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(why);
      Assumptions.abort(why);
    }
    Process driver = null;
    Path profile = null;
    try {
      int port = freePort();
      driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      URI base = URI.create("http://127.0.0.1:" + port);
      awaitReady(base);
      profile = Files.createTempDirectory("sanctuary-chromium-");
      ObjectNode options = JSON.createObjectNode();
      options.put("binary", chromium.toString());
      ArrayNode args = options.putArray("args");
      FLAGS.forEach(args::add);
      args.add("--lang=" + language);
      args.add("--accept-lang=" + language);
      options.putObject("prefs").put("intl.accept_languages", language);
      args.add("--user-data-dir=" + profile);
      ObjectNode caps = JSON.createObjectNode();
      caps.putObject("capabilities").putObject("alwaysMatch").set("goog:chromeOptions", options);
      JsonNode created = call("POST", base.resolve("/session"), caps);
      URI session = base.resolve("/session/" + created.get("sessionId").asText() + "/");
      // Finding an element waits up to 5 s for it, so a step right after a navigation does not race
      // the next page.
      ObjectNode timeouts = JSON.createObjectNode();
      timeouts.put("implicit", 5000);
      call("POST", session.resolve("timeouts"), timeouts);
      return new Browser(driver, profile, session);
    } catch (IOException | RuntimeException e) {
      if (driver != null) driver.destroyForcibly();
      deleteQuietly(profile);
      throw new IllegalStateException("cannot start the browser: " + e.getMessage(), e);
    }
  }

  /** Sets the window's size in CSS pixels; screenshots show this much of the page. */
  public void size(int width, int height) {
    ObjectNode rect = JSON.createObjectNode();
    rect.put("width", width);
    rect.put("height", height);
    command("POST", "window/rect", rect);
  }

  /** Forgets every cookie of the open site: signs out a staff session without a form. */
  public void clearCookies() {
    command("DELETE", "cookie", null);
  }

  /** Navigates to a page and waits until its document has loaded. */
  public void open(URI url) {
    ObjectNode body = JSON.createObjectNode();
    body.put("url", url.toString());
    command("POST", "url", body);
    awaitLoaded();
  }

  /**
   * Waits until the current document has loaded. The driver's navigation usually does, but on a
   * busy machine it has been seen to return while the document was still empty.
   */
  private void awaitLoaded() {
    waitUntil(Duration.ofSeconds(15), "the page did not finish loading within 15 s", () -> {
      try {
        return script("return document.readyState === 'complete' && document.body !== null").asBoolean();
      } catch (IllegalStateException e) {
        return false; // the page is being replaced; ask again
      }
    });
  }

  /** Asks {@code done} every 50 ms until it is true; fails with {@code failure} after {@code limit}. */
  private static void waitUntil(Duration limit, String failure, java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) return;
      pause();
    }
    throw new IllegalStateException(failure);
  }

  public String url() {
    return command("GET", "url", null).asText();
  }

  /** The element matching a CSS selector; fails when there is none. */
  public String find(String css) {
    ObjectNode body = JSON.createObjectNode();
    body.put("using", "css selector");
    body.put("value", css);
    return command("POST", "element", body).get(ELEMENT).asText();
  }

  public void click(String css) {
    command("POST", "element/" + find(css) + "/click", JSON.createObjectNode());
  }

  /** Types text into a field, as a person would (key by key). */
  public void type(String css, String text) {
    ObjectNode body = JSON.createObjectNode();
    body.put("text", text);
    command("POST", "element/" + find(css) + "/value", body);
  }

  /** Chooses an option of a select by its value. */
  public void select(String css, String value) {
    click(css + " option[value='" + value + "']");
  }

  /** Clicks a submit button and waits until the next page has replaced this one. */
  public void submit(String css) {
    String before = find("html");
    click(css);
    waitUntil(Duration.ofSeconds(15), "the page did not change within 15 s of submitting " + css, () -> {
      try {
        command("GET", "element/" + before + "/name", null);
        return false;
      } catch (IllegalStateException e) {
        if (isStale(e)) return true; // the old document is gone: the next page is loading or loaded
        throw e;
      }
    });
  }

  /** The visible text of an element. */
  public String text(String css) {
    return fresh(() -> command("GET", "element/" + find(css) + "/text", null).asText());
  }

  /** An attribute (or property) of an element, or null. */
  public String attribute(String css, String name) {
    return fresh(() -> {
      JsonNode v = command("GET", "element/" + find(css) + "/attribute/" + name, null);
      return v.isNull() ? null : v.asText();
    });
  }

  /** Reads again when the page changed between finding an element and reading it. */
  private static String fresh(java.util.function.Supplier<String> read) {
    for (int attempt = 1; ; attempt++) {
      try {
        return read.get();
      } catch (IllegalStateException e) {
        if (!isStale(e) || attempt == 5) throw e;
        pause();
      }
    }
  }

  private static boolean isStale(IllegalStateException e) {
    String m = e.getMessage();
    return m != null && (m.contains("stale element") || m.contains("does not belong to the document"));
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a script in the page and returns its value as JSON (e.g. a layout measurement). */
  public JsonNode script(String javascript) {
    ObjectNode body = JSON.createObjectNode();
    body.put("script", javascript);
    body.putArray("args");
    return command("POST", "execute/sync", body);
  }

  /** Renders the page as for the given CSS media type ({@code "print"}), or as usual ({@code ""}). */
  public void media(String type) {
    ObjectNode body = JSON.createObjectNode();
    body.put("cmd", "Emulation.setEmulatedMedia");
    body.putObject("params").put("media", type);
    command("POST", "goog/cdp/execute", body);
  }

  /** The HTML of the current page, once it has loaded. */
  public String source() {
    awaitLoaded();
    return command("GET", "source", null).asText();
  }

  /** Saves a PNG of the window to {@code file}, creating its folder. */
  public void screenshot(Path file) {
    byte[] png = Base64.getDecoder().decode(command("GET", "screenshot", null).asText());
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Saves a PNG of the window as {@code target/screenshots/NAME} and, when the system property
   * {@code sanctuary.screenshots} names a folder (docs/screenshots, to refresh the pictures in the
   * documentation), there too. Returns the file under target.
   */
  public Path keepScreenshot(String name) {
    Path shot = Path.of("target", "screenshots", name);
    screenshot(shot);
    String copyTo = System.getProperty("sanctuary.screenshots");
    if (copyTo != null && !copyTo.isBlank()) {
      try {
        Files.createDirectories(Path.of(copyTo));
        Files.copy(shot, Path.of(copyTo, name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shot;
  }

  @Override
  public void close() {
    try {
      call("DELETE", session, null);
    } catch (RuntimeException e) {
      // the driver and its browser are stopped below either way
    } finally {
      // Chromium outlives chromedriver when only the driver is stopped: end the whole tree,
      // taken before the driver goes (its children are re-parented after that).
      java.util.List<ProcessHandle> tree = driver.descendants().toList();
      driver.destroy();
      tree.forEach(ProcessHandle::destroy);
      try {
        if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) driver.destroyForcibly();
        for (ProcessHandle p : tree) {
          p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        driver.destroyForcibly();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        tree.forEach(ProcessHandle::destroyForcibly);
      }
      deleteQuietly(profile);
    }
  }

  private JsonNode command(String method, String path, JsonNode body) {
    return call(method, session.resolve(path), body);
  }

  private static JsonNode call(String method, URI uri, JsonNode body) {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body.toString());
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").method(method, publisher).build();
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode value = JSON.readTree(r.body()).get("value");
      if (r.statusCode() != 200) {
        throw new IllegalStateException("webdriver " + method + " " + uri.getPath() + ": "
            + (value != null && value.has("message") ? value.get("message").asText() : r.body()));
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void awaitReady(URI base) {
    waitUntil(Duration.ofSeconds(20), "chromedriver did not become ready within 20 s", () -> {
      try {
        return call("GET", base.resolve("/status"), null).path("ready").asBoolean();
      } catch (RuntimeException e) {
        return false; // not listening yet
      }
    });
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary profile is harmless
    }
  }
}
