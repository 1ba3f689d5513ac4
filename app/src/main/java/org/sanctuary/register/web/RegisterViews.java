package org.sanctuary.register.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sanctuary.labels.RequestLabels;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Purpose;
import org.sanctuary.register.ChicagoTime;
import org.sanctuary.register.Deadlines;
import org.sanctuary.register.Disposition;
import org.sanctuary.register.Document;
import org.sanctuary.register.RegisterStore;

/** Labels and formats the register's pages share: the register's own codes; a request's are {@link RequestLabels}'. */
public final class RegisterViews {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static final Map<String, String> BODIES = new LinkedHashMap<>();
  public static final Map<String, String> DOCUMENTS = new LinkedHashMap<>();
  public static final Map<String, String> PURPOSES = new LinkedHashMap<>();
  public static final Map<String, String> SUBJECT = new LinkedHashMap<>();
  public static final List<String> KINDS = Arrays.stream(Kind.values()).map(Enum::name).toList();
  public static final List<String> DISPOSITIONS = Arrays.stream(Disposition.values()).map(Enum::name).toList();

  static {
    for (org.sanctuary.policy.Body b : org.sanctuary.policy.Body.values()) BODIES.put(b.name(), b.label());
    DOCUMENTS.put(Document.I_247A.code(), "I-247A immigration detainer (administrative)");
    DOCUMENTS.put(Document.I_247D.code(), "I-247D detainer, request for voluntary action (administrative)");
    DOCUMENTS.put(Document.I_200.code(), "I-200 warrant for arrest (administrative)");
    DOCUMENTS.put(Document.I_205.code(), "I-205 warrant of removal (administrative)");
    DOCUMENTS.put(Document.JUDICIAL_WARRANT.code(), "Judicial warrant, signed by a judge");
    DOCUMENTS.put(Document.NONE.code(), "No document");
    for (Purpose p : Purpose.values()) PURPOSES.put(p.name(), RequestLabels.purpose(p));
    SUBJECT.putAll(RequestLabels.subjectFacts());
  }

  /** What became of the person, in words: {@code REMAINS_IN_CUSTODY} → "Remains in custody". */
  public static String disposition(String code) {
    if (code == null) return "not recorded";
    return switch (code) {
      case "RELEASED" -> "Released";
      case "TRANSFERRED" -> "Transferred to another agency";
      case "REMAINS_IN_CUSTODY" -> "Remains in custody";
      case "NOT_IN_CUSTODY" -> "Was not in custody";
      default -> code;
    };
  }

  /** The document a request rests on, in words; a code not in the list is shown as it is. */
  public static String document(String code) {
    return code == null ? "not recorded" : DOCUMENTS.getOrDefault(code, code);
  }

  private RegisterViews() {}

  /** One reason of a stored decision, as the entry page lists it. */
  public record ReasonView(String effect, String pack, String rule, String citation) {}

  /** When a request was received: its time with the zone, or its day when no time was recorded. */
  public static String when(LocalDate day, Instant at) {
    return at == null ? day.toString() : org.sanctuary.labels.CityTimes.when(at);
  }

  /** A time on a page: Chicago's wall clock with its zone, {@code 2024-03-05 14:20 CST}. */
  public static String when(Instant at) {
    return org.sanctuary.labels.CityTimes.when(at);
  }

  /** The form value of a datetime-local field. */
  static String field(Instant at) {
    return at == null ? "" : ChicagoTime.show(at);
  }

  public static boolean overdue(RegisterStore.Task t, Instant now) {
    return Deadlines.overdue(t.dueOn(), t.doneAt(), now);
  }

  static List<ReasonView> reasons(String decisionJson) {
    List<ReasonView> out = new ArrayList<>();
    try {
      for (JsonNode r : JSON.readTree(decisionJson).path("reasons")) {
        out.add(new ReasonView(r.path("effect").asText(), r.path("pack").asText(), r.path("rule").asText(),
            r.path("citation").asText()));
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored decision is not JSON", e);
    }
    return out;
  }
}
