package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanctuary.logging.LogFormat;
import org.sanctuary.logging.LogOutput;

/** {@code --log-format} is taken on any command, before the command runs; a bad value is named. */
class LogFormatOptionTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @AfterEach
  void backToText() {
    LogOutput.use(LogFormat.TEXT);
  }

  @Test
  void json_onASubcommand_switchesTheLog() {
    assertThat(run("policies", "list", "--log-format", "json")).isZero();
    assertThat(LogOutput.format()).isEqualTo(LogFormat.JSON);
    assertThat(run("policies", "list")).isZero();
    assertThat(LogOutput.format()).isEqualTo(LogFormat.TEXT);
  }

  @Test
  void unknownFormat_exits2_namingTheOption() {
    assertThat(run("--log-format", "xml", "policies", "list")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("sanctuary: log-format: \"xml\" is not a log format (want text or json)"
        + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }
}
