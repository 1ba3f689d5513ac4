package org.sanctuary.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.event.Level;

/**
 * The least level each logger writes, read from {@value #FILE} on the class path: {@code level}
 * for every logger, {@code level.NAME} for a logger and those below it (the longest name wins),
 * each one of {@code trace, debug, info, warn, error, off}.
 */
final class LogLevels {
  static final String FILE = "sanctuary-log.properties";
  /** The system property that overrides the file's {@code level} (and, with a logger's name after it, its lines). */
  static final String PROPERTY = "sanctuary.log.level";
  /** Above {@link Level#ERROR}: nothing is written. */
  static final int OFF = Level.ERROR.toInt() + 10;

  private final int defaultLevel;
  // logger name prefix -> least level; longest first, so the first match is the most specific
  private final Map<String, Integer> byPrefix = new TreeMap<>((a, b) ->
      a.length() != b.length() ? Integer.compare(b.length(), a.length()) : a.compareTo(b));

  private LogLevels(Properties p) {
    defaultLevel = parse("level", p.getProperty("level", "info"));
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("level.")) {
        byPrefix.put(key.substring("level.".length()), parse(key, p.getProperty(key)));
      }
    }
  }

  /** Info for everything. */
  static LogLevels defaults() {
    return new LogLevels(new Properties());
  }

  /** The levels the lines give. */
  static LogLevels of(Properties lines) {
    return new LogLevels(lines);
  }

  /**
   * The levels of the file on the class path (info for everything when there is none), with the
   * JVM's system properties {@value #PROPERTY} and {@value #PROPERTY}{@code .NAME} over them, so an
   * operator can change a level without rebuilding: {@code
   * SANCTUARY_JAVA_OPTS=-Dsanctuary.log.level.org.sanctuary.gateway=debug}.
   */
  static LogLevels load() {
    Properties p = new Properties();
    try (InputStream in = LogLevels.class.getClassLoader().getResourceAsStream(FILE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("logging: cannot read " + FILE, e);
    }
    Properties system = System.getProperties();
    for (String key : system.stringPropertyNames()) {
      if (key.equals(PROPERTY) || key.startsWith(PROPERTY + ".")) {
        p.setProperty("level" + key.substring(PROPERTY.length()), system.getProperty(key));
      }
    }
    return new LogLevels(p);
  }

  /** The least level {@code logger} writes, as {@link Level#toInt()}; {@link #OFF} for none. */
  int threshold(String logger) {
    for (Map.Entry<String, Integer> e : byPrefix.entrySet()) {
      String prefix = e.getKey();
      if (logger.equals(prefix) || logger.startsWith(prefix + ".")) {
        return e.getValue();
      }
    }
    return defaultLevel;
  }

  private static int parse(String key, String raw) {
    String value = raw.strip().toLowerCase(Locale.ROOT);
    if (value.equals("off")) {
      return OFF;
    }
    for (Level level : Level.values()) {
      if (level.name().toLowerCase(Locale.ROOT).equals(value)) {
        return level.toInt();
      }
    }
    throw new IllegalArgumentException(FILE + ": " + key + ": \"" + raw
        + "\" is not a level (want trace, debug, info, warn, error or off)");
  }
}
