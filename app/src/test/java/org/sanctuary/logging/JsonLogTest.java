package org.sanctuary.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --log-format json}: each event one JSON object on one line, whatever its message holds. */
class JsonLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void jsonLine_parses_withTimeLevelLoggerMessageThreadAndException() throws Exception {
    Logger log = LoggerFactory.getLogger("org.sanctuary.example.Part");
    try (LogCapture capture = new LogCapture(LogFormat.JSON, "level=info")) {
      log.warn("ledger at {} of {}", 7, 9, new IllegalStateException("the sequencer stopped"));
      log.info("plain");
      log.debug("below the level");
      List<String> lines = capture.lines();
      assertThat(lines).hasSize(2);
      JsonNode first = JSON.readTree(lines.get(0));
      assertThat(first.get("level").asText()).isEqualTo("WARN");
      assertThat(first.get("logger").asText()).isEqualTo("org.sanctuary.example.Part");
      assertThat(first.get("message").asText()).isEqualTo("ledger at 7 of 9");
      assertThat(first.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
      assertThat(Instant.parse(first.get("time").asText())).isBetween(Instant.now().minusSeconds(60), Instant.now());
      assertThat(first.get("exception").asText())
          .startsWith("java.lang.IllegalStateException: the sequencer stopped")
          .contains("at org.sanctuary.logging.JsonLogTest");
      JsonNode second = JSON.readTree(lines.get(1));
      assertThat(second.has("exception")).isFalse();
      assertThat(second.get("message").asText()).isEqualTo("plain");
    }
  }

  @Test
  void jsonLine_keepsQuotesNewlinesAndControlCharacters_onOneLine() throws Exception {
    String awkward = "a \"quoted\" \\ path\nsecond line\r\t\u0001 \u2028 é 日本";
    String line = new LogLine(Instant.EPOCH, org.slf4j.event.Level.ERROR, "x", awkward, "main", null).json();
    assertThat(line).endsWith("}\n");
    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n").doesNotContain("\r")
        .doesNotContain("\u2028");
    assertThat(JSON.readTree(line).get("message").asText()).isEqualTo(awkward);
    assertThat(JSON.readTree(line).get("time").asText()).isEqualTo("1970-01-01T00:00:00.000Z");
  }

  @Test
  void textLine_isTheFamiliarOne_withTheStackTraceAfter() {
    Exception e = new IllegalArgumentException("bad");
    String text = new LogLine(Instant.parse("2026-03-02T15:00:00Z"), org.slf4j.event.Level.INFO,
        "org.sanctuary.cli.ServeCommand", "configuration:", "main", e).text(java.time.ZoneOffset.UTC);
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertThat(text).isEqualTo("2026-03-02T15:00:00.000Z [INFO] ServeCommand - configuration:"
        + System.lineSeparator() + trace);
  }

  @Test
  void format_fromTheOptionElseTheEnvironment_aBadValueNamed() {
    assertThat(LogFormat.resolve(null, Map.of())).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.resolve(null, Map.of(LogFormat.ENV, "JSON"))).isEqualTo(LogFormat.JSON);
    assertThat(LogFormat.resolve("text", Map.of(LogFormat.ENV, "json"))).isEqualTo(LogFormat.TEXT);
    assertThatThrownBy(() -> LogFormat.resolve("xml", Map.of())).isInstanceOf(ConfigException.class)
        .hasMessage("log-format: \"xml\" is not a log format (want text or json)");
    assertThatThrownBy(() -> LogFormat.resolve(null, Map.of(LogFormat.ENV, "yaml"))).isInstanceOf(ConfigException.class)
        .hasMessage("SANCTUARY_LOG_FORMAT: \"yaml\" is not a log format (want text or json)");
  }

  @Test
  void systemProperties_overTheFilesLevels() {
    System.setProperty("sanctuary.log.level.org.sanctuary.example", "debug");
    try {
      LogLevels levels = LogLevels.load();
      assertThat(levels.threshold("org.sanctuary.example.Part")).isEqualTo(org.slf4j.event.Level.DEBUG.toInt());
      // the test file's own lines stay: everything else at warn, ErrorResponses off
      assertThat(levels.threshold("org.sanctuary.other")).isEqualTo(org.slf4j.event.Level.WARN.toInt());
      assertThat(levels.threshold("org.sanctuary.web.ErrorResponses")).isEqualTo(LogLevels.OFF);
    } finally {
      System.clearProperty("sanctuary.log.level.org.sanctuary.example");
    }
  }

  @Test
  void jdkLogging_goesThroughTheSameLines() throws Exception {
    try (LogCapture capture = new LogCapture(LogFormat.JSON, "level=info")) {
      java.util.logging.Logger.getLogger("org.postgresql.Driver").warning("connection lost");
      List<String> lines = capture.lines();
      assertThat(lines).hasSize(1);
      JsonNode line = JSON.readTree(lines.get(0));
      assertThat(line.get("logger").asText()).isEqualTo("org.postgresql.Driver");
      assertThat(line.get("level").asText()).isEqualTo("WARN");
      assertThat(line.get("message").asText()).isEqualTo("connection lost");
    }
  }
}
