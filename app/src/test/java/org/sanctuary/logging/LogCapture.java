package org.sanctuary.logging;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What the server logs while it is open, in the chosen format and at the chosen levels; closing it
 * puts back standard error, the text format and the levels of the class path's file.
 */
public final class LogCapture implements AutoCloseable {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream original = System.err;

  /**
   * @param levels lines of the sanctuary-log.properties form, e.g. {@code "level=info",
   *     "level.org.sanctuary=trace"}
   */
  public LogCapture(LogFormat format, String... levels) {
    Properties p = new Properties();
    for (String line : levels) {
      int eq = line.indexOf('=');
      p.setProperty(line.substring(0, eq), line.substring(eq + 1));
    }
    LogProvider.setLevels(p);
    LogOutput.use(format);
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  /** Everything written so far. */
  public synchronized String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The lines written so far. */
  public List<String> lines() {
    return Arrays.stream(text().split("\n")).filter(l -> !l.isEmpty()).toList();
  }

  @Override
  public void close() {
    System.setErr(original);
    LogOutput.use(LogFormat.TEXT);
    LogProvider.resetLevels();
  }
}
