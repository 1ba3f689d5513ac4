package org.sanctuary.policy.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.Subject;

/**
 * Reads the federal request JSON of design.md strictly: every required field present, every value
 * one the engine knows, no unknown fields, and nothing about status, citizenship or birthplace.
 * Errors name the field, the value and what was wanted.
 */
public final class RequestJson {
  private static final Set<String> FIELDS =
      Set.of("id", "received", "receivingAgency", "requester", "kind", "basis", "purpose", "subject");
  private static final int MAX_TEXT = 200;

  private RequestJson() {}

  public static FederalRequest parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new InputException("body", "a request must be a JSON object");
    }
    ForbiddenFields.find(node).ifPresent(f -> {
      throw new InputException(f, f + ": " + ForbiddenFields.MESSAGE);
    });
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!FIELDS.contains(n)) {
        throw new InputException(n, "unknown field '" + n + "' (want " + String.join(", ", List.of(
            "id", "received", "receivingAgency", "requester", "kind", "basis", "purpose", "subject")) + ")");
      }
    }
    String id = optionalText(node, "id");
    LocalDate received = date(node, "received");
    Body body = choice(node, "receivingAgency", Body.class);
    String requester = text(node, "requester");
    Kind kind = choice(node, "kind", Kind.class);
    Basis basis = choice(node, "basis", Basis.class);
    Purpose purpose = choice(node, "purpose", Purpose.class);
    Subject subject = subject(node.get("subject"));
    return new FederalRequest(id, received, body, requester, kind, basis, purpose, subject);
  }

  /** A date by the one rule for dates from outside ({@link InputRules#date}). */
  public static LocalDate parseDate(String field, String value) {
    return InputRules.date(field, value);
  }

  private static LocalDate date(JsonNode node, String field) {
    return parseDate(field, text(node, field));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) throw new InputException(field, field + ": missing (required)");
    if (!v.isTextual()) throw new InputException(field, field + ": " + clip(v.toString()) + " is not a text");
    String s = InputRules.text(field, v.asText()).strip();
    if (s.isEmpty()) throw new InputException(field, field + ": empty (required)");
    if (s.length() > MAX_TEXT) throw new InputException(field, field + ": longer than " + MAX_TEXT + " characters");
    return s;
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : text(node, field);
  }

  private static <E extends Enum<E>> E choice(JsonNode node, String field, Class<E> type) {
    String s = text(node, field);
    try {
      return Enum.valueOf(type, s);
    } catch (IllegalArgumentException e) {
      throw new InputException(field, field + ": \"" + clip(s) + "\" is not one of " + values(type));
    }
  }

  private static Subject subject(JsonNode s) {
    if (s == null || s.isNull()) return Subject.NONE;
    if (!s.isObject()) throw new InputException("subject", "subject: must be an object of true/false facts");
    Iterator<String> names = s.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!Subject.FIELDS.contains(n)) {
        throw new InputException("subject." + n, "subject." + n + ": unknown field (want "
            + String.join(", ", Subject.FIELDS) + ")");
      }
      if (!s.get(n).isBoolean()) {
        throw new InputException("subject." + n, "subject." + n + ": " + clip(s.get(n).toString())
            + " is not true or false");
      }
    }
    return new Subject(flag(s, "outstandingCriminalWarrant"), flag(s, "felonyConviction"),
        flag(s, "pendingFelonyCharge"), flag(s, "gangDatabase"));
  }

  private static boolean flag(JsonNode s, String name) {
    JsonNode v = s.get(name);
    return v != null && v.asBoolean();
  }

  private static <E extends Enum<E>> String values(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
  }

  private static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
