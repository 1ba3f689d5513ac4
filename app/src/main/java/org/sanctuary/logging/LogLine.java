package org.sanctuary.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.slf4j.event.Level;

/**
 * One event, ready to be written as a line of text or as one JSON object: {@code time} (UTC,
 * ISO-8601 to the millisecond), {@code level}, {@code logger}, {@code message}, {@code thread} and, when there is
 * one, {@code exception} (its class, message and stack trace, as text).
 */
record LogLine(Instant time, Level level, String logger, String message, String thread, Throwable exception) {
  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

  /** {@code 2026-03-02T09:00:00.000-06:00 [INFO] ServeCommand - message}, then the stack trace. */
  String text(ZoneId zone) {
    StringBuilder out = new StringBuilder(LOCAL_TIME.format(time.atZone(zone)))
        .append(" [").append(level).append("] ")
        .append(logger.substring(logger.lastIndexOf('.') + 1))
        .append(" - ").append(message).append(System.lineSeparator());
    if (exception != null) {
      out.append(stackTrace(exception));
    }
    return out.toString();
  }

  /** One JSON object and a newline; nothing in it can break the line. */
  String json() {
    StringBuilder out = new StringBuilder(160 + message.length());
    out.append("{\"time\":");
    quote(out, UTC_TIME.format(time));
    out.append(",\"level\":");
    quote(out, level.name());
    out.append(",\"logger\":");
    quote(out, logger);
    out.append(",\"message\":");
    quote(out, message);
    out.append(",\"thread\":");
    quote(out, thread);
    if (exception != null) {
      out.append(",\"exception\":");
      quote(out, stackTrace(exception));
    }
    return out.append("}\n").toString();
  }

  private static String stackTrace(Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  // A JSON string (RFC 8259): quotes, backslashes and every control character escaped; the line
  // and paragraph separators too, so no reader takes them for the end of a line.
  static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
