package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.sanctuary.store.TestDatabases;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private String errorLine() {
    String text = err.toString();
    assertThat(text.lines()).as("one line on standard error: %s", text).hasSize(1);
    return text.strip();
  }

  @Test
  void serve_portOutOfRange_exits2WithOneLine() {
    assertThat(run("serve", "--port", "70000")).isEqualTo(2);
    assertThat(errorLine()).isEqualTo("sanctuary: port: \"70000\" is out of range (want 0-65535)");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void serve_unknownOption_exits2NamingIt() {
    assertThat(run("serve", "--datas", "/srv")).isEqualTo(2);
    assertThat(errorLine())
        .contains("'--datas'")
        .contains("did you mean --data?")
        .contains("sanctuary serve --help");
  }

  @Test
  void serve_optionWithoutValue_exits2NamingIt() {
    assertThat(run("serve", "--port")).isEqualTo(2);
    assertThat(errorLine()).contains("'--port'");
  }

  @Test
  void noCommand_exits2ListingTheCommands() {
    assertThat(run()).isEqualTo(2);
    assertThat(errorLine()).contains("missing command (want one of: serve");
  }

  @Test
  void serve_notAPostgresUrl_exits2() {
    assertThat(run("serve", "--db", "mysql://db/x")).isEqualTo(2);
    assertThat(errorLine())
        .startsWith("sanctuary: db: \"mysql://db/x\" is not a PostgreSQL JDBC URL");
  }

  @Test
  void serve_databaseUnreachable_exits1WithOneLine() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    int status =
        run(
            "serve",
            "--port",
            "0",
            "--db",
            "jdbc:postgresql://127.0.0.1:" + closedPort + "/x?password=hunter2",
            "--data", // key files are created in the data folder: keep them under target/
            "target/test-data/unreachable");

    assertThat(status).isEqualTo(1);
    assertThat(errorLine())
        .startsWith(
            "sanctuary: database: cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:")
        .contains("password=<masked>")
        .doesNotContain("hunter2");
  }

  @Test
  void serve_portInUse_exits1WithOneLine() throws Exception {
    String db = TestDatabases.freshServer().url();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // the data folder holds the incidents key, created at start: keep it out of the sources
      int status = run("serve", "--port", String.valueOf(taken.getLocalPort()), "--db", db,
          "--data", "target/test-data");

      assertThat(status).isEqualTo(1);
      assertThat(errorLine())
          .isEqualTo(
              "sanctuary: port: "
                  + taken.getLocalPort()
                  + " on 127.0.0.1 is in use (want a free port)");
    }
  }

  @Test
  void help_listsServe() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("serve");
  }
}
