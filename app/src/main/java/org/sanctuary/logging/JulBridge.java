package org.sanctuary.logging;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Sends what the JDK's own logging writes (the PostgreSQL driver logs through it) to the same
 * lines as everything else, so a JSON log holds no line of another shape. Records below INFO are
 * left to java.util.logging's own level, which drops them by default.
 */
final class JulBridge extends Handler {
  private JulBridge() {}

  /** Replaces the JDK root logger's handlers with this bridge; once is enough. */
  static synchronized void install() {
    java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
    for (Handler h : root.getHandlers()) {
      if (h instanceof JulBridge) {
        return;
      }
      root.removeHandler(h);
    }
    root.addHandler(new JulBridge());
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null) {
      return;
    }
    Logger logger = LoggerFactory.getLogger(record.getLoggerName() == null ? "jul" : record.getLoggerName());
    Level level = level(record.getLevel());
    if (!logger.isEnabledForLevel(level)) {
      return;
    }
    String message = record.getMessage() == null ? "" : record.getMessage();
    Object[] params = record.getParameters();
    if (params != null && params.length > 0) {
      try {
        message = java.text.MessageFormat.format(message, params);
      } catch (IllegalArgumentException e) {
        // a message that is not a MessageFormat pattern is written as it is
      }
    }
    Throwable thrown = record.getThrown();
    switch (level) {
      case ERROR -> logger.error(message, thrown);
      case WARN -> logger.warn(message, thrown);
      case INFO -> logger.info(message, thrown);
      case DEBUG -> logger.debug(message, thrown);
      default -> logger.trace(message, thrown);
    }
  }

  private static Level level(java.util.logging.Level jul) {
    int v = jul.intValue();
    if (v >= java.util.logging.Level.SEVERE.intValue()) return Level.ERROR;
    if (v >= java.util.logging.Level.WARNING.intValue()) return Level.WARN;
    if (v >= java.util.logging.Level.INFO.intValue()) return Level.INFO;
    if (v >= java.util.logging.Level.FINE.intValue()) return Level.DEBUG;
    return Level.TRACE;
  }

  @Override
  public void flush() {
    // every line is written and flushed as it comes
  }

  @Override
  public void close() {
    // nothing held
  }
}
