package org.sanctuary.logging;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;

/**
 * Where every log line goes: standard error (looked up at each line, so a redirected stream is
 * followed), in the format chosen at start-up. Lines are written whole, one at a time.
 */
public final class LogOutput {
  private static volatile LogFormat format = LogFormat.TEXT;
  private static final Clock CLOCK = Clock.systemUTC();
  private static final ZoneId ZONE = ZoneId.systemDefault();

  private LogOutput() {}

  /**
   * Writes every line from now on in {@code chosen}, and sends what the JDK's own logging
   * (java.util.logging, used by the PostgreSQL driver) writes through the same lines.
   */
  public static void use(LogFormat chosen) {
    format = chosen;
    JulBridge.install();
  }

  /** The format lines are written in now. */
  public static LogFormat format() {
    return format;
  }

  static void write(org.slf4j.event.Level level, String logger, String message, Throwable exception) {
    LogLine line = new LogLine(CLOCK.instant(), level, logger, message, Thread.currentThread().getName(), exception);
    String text = format == LogFormat.JSON ? line.json() : line.text(ZONE);
    PrintStream err = System.err;
    synchronized (LogOutput.class) {
      err.print(text);
      err.flush();
    }
  }
}
