package org.sanctuary.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Sanctuary's SLF4J provider, found through {@code META-INF/services}: every library's logging
 * (Jetty, Javalin, HikariCP, Flyway) and ours ends up in {@link LogOutput}.
 */
public final class LogProvider implements SLF4JServiceProvider {
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();
  // one set of loggers per JVM, whichever provider instance SLF4J asks
  private static final ConcurrentMap<String, LineLogger> MADE = new ConcurrentHashMap<>();
  private static volatile LogLevels levels = LogLevels.defaults();
  private final ILoggerFactory loggers =
      name -> MADE.computeIfAbsent(name, n -> new LineLogger(n, levels.threshold(n)));

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    setLevels(LogLevels.load());
  }

  /**
   * Sets the least level of every logger, made or to be made, from lines of the {@value
   * LogLevels#FILE} form (e.g. {@code level=warn}, {@code level.org.sanctuary=trace}). Lets a test
   * read what the server would log at other levels.
   */
  public static void setLevels(java.util.Properties lines) {
    setLevels(LogLevels.of(lines));
  }

  /** Back to the levels of the file on the class path. */
  public static void resetLevels() {
    setLevels(LogLevels.load());
  }

  private static synchronized void setLevels(LogLevels chosen) {
    levels = chosen;
    MADE.forEach((name, logger) -> logger.threshold(chosen.threshold(name)));
  }
}
