package org.sanctuary.logging;

import java.util.Locale;
import java.util.Map;
import org.sanctuary.config.ConfigException;

/** How each log line is written: text for a person at a terminal, or one JSON object per line. */
public enum LogFormat {
  TEXT,
  JSON;

  public static final String ENV = "SANCTUARY_LOG_FORMAT";
  public static final String OPTION = "log-format";

  /**
   * The command-line value if given, else {@value #ENV}, else text.
   *
   * @throws ConfigException naming the option or the variable when the value is neither format
   */
  public static LogFormat resolve(String option, Map<String, String> env) {
    if (option != null) {
      return parse(OPTION, option);
    }
    String fromEnv = env.get(ENV);
    return fromEnv == null || fromEnv.isBlank() ? TEXT : parse(ENV, fromEnv);
  }

  private static LogFormat parse(String field, String raw) {
    return switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default -> throw new ConfigException(field, raw, "is not a log format", "text or json");
    };
  }
}
