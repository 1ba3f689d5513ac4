package org.sanctuary.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line as a child process, for tests that must kill a server for real: the same JDK,
 * class path and temporary folder as the test, so the child finds the test's PostgreSQL binaries.
 */
public final class ServeProcess {
  private static final String LISTENING = "Sanctuary listening on ";

  private ServeProcess() {}

  /** {@code java ... org.sanctuary.cli.Main ARGS}. */
  public static List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-cp", System.getProperty("java.class.path"),
        "org.sanctuary.cli.Main"));
    command.addAll(List.of(args));
    return command;
  }

  /** Reads a serving process's standard output up to the line that gives its address. */
  public static URI listening(Process p) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(LISTENING)) return URI.create(line.substring(LISTENING.length()).strip());
    }
    throw new IllegalStateException("the server stopped before listening (exit " + p.waitFor() + ")");
  }
}
