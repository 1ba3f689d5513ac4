package org.sanctuary.policy.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.sanctuary.policy.InputException;

/**
 * The one set of rules every text and date from outside passes, at the edge, once: JSON bodies,
 * forms, query strings, the command line and imported files all use it.
 *
 * <p>Why: PostgreSQL refuses a NUL character in text, and keeps years outside 1..9999 only as
 * {@code infinity} or as years BC, so such input used to surface as a failed write (503) or a 500,
 * or was silently kept as something else. It is the caller's mistake and is answered as one: a
 * refusal naming the field. Tabs and line breaks are text; other control characters and unpaired
 * surrogates are not.
 */
public final class InputRules {
  /** The first and last year a date may have. */
  public static final int MIN_YEAR = 1;
  public static final int MAX_YEAR = 9999;

  private static final Pattern FAR_DATE = Pattern.compile("([+-]\\d+|\\d{5,})-\\d{2}-\\d{2}");
  private static final Instant FIRST = LocalDate.of(MIN_YEAR, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
  private static final Instant LAST = LocalDate.of(MAX_YEAR + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

  private InputRules() {}

  /** {@code value} unchanged when it is acceptable text (null passes: absence is checked elsewhere). */
  public static String text(String field, String value) {
    if (value == null) return null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
      boolean loneSurrogate = Character.isHighSurrogate(c)
          ? i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))
          : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
      if (control || loneSurrogate) {
        throw new InputException(field, String.format(
            "%s: contains the character U+%04X at position %d (want text without control characters)",
            field, (int) c, i + 1));
      }
      if (Character.isHighSurrogate(c) && !loneSurrogate) i++;
    }
    return value;
  }

  /** Checks every field name and text value in a JSON tree; the refusal names the dotted path. */
  public static void checkTree(JsonNode node) {
    checkTree(node, "");
  }

  private static void checkTree(JsonNode node, String path) {
    if (node == null) return;
    if (node.isTextual()) {
      text(path.isEmpty() ? "body" : path, node.textValue());
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        text(path.isEmpty() ? "body" : path, e.getKey());
        checkTree(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkTree(node.get(i), path + "[" + i + "]");
      }
    }
  }

  /** A calendar date written YYYY-MM-DD, in years 1 to 9999. */
  public static LocalDate date(String field, String value) {
    if (value != null && isPlainDate(value)) {
      LocalDate parsed = null;
      try {
        // four, two and two digits: what the strict ISO parser would accept, read without it
        parsed = LocalDate.of(digits(value, 0, 4), digits(value, 5, 7), digits(value, 8, 10));
      } catch (DateTimeException e) {
        // no such day (2023-02-29, month 13): reported below
      }
      if (parsed != null) return date(field, parsed);
    }
    String shown = value == null ? "nothing" : "\"" + clip(value) + "\"";
    if (value != null && FAR_DATE.matcher(value).matches()) {
      throw new InputException(field, field + ": " + shown + " is out of range (want YYYY-MM-DD, years "
          + MIN_YEAR + " to " + MAX_YEAR + ")");
    }
    throw new InputException(field, field + ": " + shown + " is not a date (want YYYY-MM-DD)");
  }

  /** True for exactly YYYY-MM-DD in ASCII digits (the pattern {@code \d{4}-\d{2}-\d{2}}). */
  private static boolean isPlainDate(String s) {
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') return false;
    for (int i = 0; i < 10; i++) {
      if (i != 4 && i != 7 && (s.charAt(i) < '0' || s.charAt(i) > '9')) return false;
    }
    return true;
  }

  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) n = n * 10 + (s.charAt(i) - '0');
    return n;
  }

  /** {@code value} unchanged when its year is one PostgreSQL keeps faithfully. */
  public static LocalDate date(String field, LocalDate value) {
    if (value != null && (value.getYear() < MIN_YEAR || value.getYear() > MAX_YEAR)) {
      throw new InputException(field, field + ": \"" + value + "\" is out of range (want YYYY-MM-DD, years "
          + MIN_YEAR + " to " + MAX_YEAR + ")");
    }
    return value;
  }

  /** An ISO-8601 instant such as {@code 2027-01-01T00:00:00Z}, in years 1 to 9999 (UTC). */
  public static Instant instant(String field, String value) {
    String want = " (want an ISO-8601 instant such as 2027-01-01T00:00:00Z, years " + MIN_YEAR + " to "
        + MAX_YEAR + ")";
    String shown = value == null ? "nothing" : "\"" + clip(value) + "\"";
    Instant parsed;
    try {
      parsed = Instant.parse(value == null ? "" : value);
    } catch (DateTimeException e) {
      throw new InputException(field, field + ": " + shown + " is not a time" + want);
    }
    if (parsed.isBefore(FIRST) || !parsed.isBefore(LAST)) {
      throw new InputException(field, field + ": " + shown + " is out of range" + want);
    }
    return parsed;
  }

  private static String clip(String s) {
    String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
    StringBuilder out = new StringBuilder();
    shown.codePoints().forEach(cp -> {
      if (cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF)) out.append(String.format("\\u%04X", cp));
      else out.appendCodePoint(cp);
    });
    return out.toString();
  }
}
