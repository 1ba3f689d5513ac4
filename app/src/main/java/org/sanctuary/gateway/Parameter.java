package org.sanctuary.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;
import org.sanctuary.errors.InvalidInput;

/**
 * One declared parameter of a dataset: its type and bounds. A value is checked here before any
 * query runs, and bound to the statement, never pasted into it.
 */
public record Parameter(
    String name, Type type, Long min, Long max, LocalDate minDate, LocalDate maxDate, int maxLength, Pattern pattern) {
  public enum Type { TEXT, INTEGER, DATE }

  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** The JDBC value for a JSON value, or a 400 naming {@code parameters.<name>}. */
  Object bind(JsonNode value) {
    String field = "parameters." + name;
    if (value == null || value.isNull()) {
      throw InvalidInput.of(field, null, "is missing", want());
    }
    return switch (type) {
      case TEXT -> {
        if (!value.isTextual()) throw InvalidInput.of(field, value.toString(), "is not a text", want());
        String s = value.asText();
        if (s.isBlank() || s.length() > maxLength) throw InvalidInput.of(field, clip(s), "is out of bounds", want());
        if (pattern != null && !pattern.matcher(s).matches()) throw InvalidInput.of(field, clip(s), "has characters not allowed", want());
        yield s;
      }
      case INTEGER -> {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
          throw InvalidInput.of(field, clip(value.toString()), "is not a whole number", want());
        }
        long v = value.asLong();
        if ((min != null && v < min) || (max != null && v > max)) {
          throw InvalidInput.of(field, String.valueOf(v), "is out of bounds", want());
        }
        yield v;
      }
      case DATE -> {
        if (!value.isTextual()) throw InvalidInput.of(field, clip(value.toString()), "is not a date", want());
        LocalDate d;
        try {
          d = org.sanctuary.policy.json.InputRules.date(field, value.asText());
        } catch (org.sanctuary.policy.InputException e) {
          throw InvalidInput.of(field, clip(value.asText()), "is not a date", want());
        }
        if ((minDate != null && d.isBefore(minDate)) || (maxDate != null && d.isAfter(maxDate))) {
          throw InvalidInput.of(field, d.toString(), "is out of bounds", want());
        }
        yield d;
      }
    };
  }

  /** What a valid value looks like, for error messages and the dataset listing. */
  public String want() {
    return switch (type) {
      case TEXT -> "a text of 1 to " + maxLength + " characters" + (pattern == null ? "" : " matching " + pattern.pattern());
      case INTEGER -> "a whole number" + range(min, max);
      case DATE -> "a date YYYY-MM-DD" + range(minDate, maxDate);
    };
  }

  private static String range(Object lo, Object hi) {
    if (lo == null && hi == null) return "";
    if (hi == null) return " from " + lo;
    if (lo == null) return " up to " + hi;
    return " from " + lo + " to " + hi;
  }

  // error messages echo the value, but never a huge one
  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
