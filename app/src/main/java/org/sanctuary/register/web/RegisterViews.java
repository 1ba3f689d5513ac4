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
import org.sanctuary.policy.Kind;
import org.sanctuary.register.ChicagoTime;
import org.sanctuary.register.Deadlines;
import org.sanctuary.register.Disposition;
import org.sanctuary.register.Document;
import org.sanctuary.register.RegisterStore;

/** Labels and formats the register's pages share. */
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
    PURPOSES.put("CIVIL_IMMIGRATION", "Civil immigration enforcement");
    PURPOSES.put("CRIMINAL", "Criminal investigation");
    SUBJECT.put("outstandingCriminalWarrant", "has an outstanding criminal warrant");
    SUBJECT.put("felonyConviction", "has been convicted of a felony");
    SUBJECT.put("pendingFelonyCharge", "has a felony charge pending");
    SUBJECT.put("gangDatabase", "is listed in a gang database");
  }

  private RegisterViews() {}

  /** One reason of a stored decision, as the entry page lists it. */
  public record ReasonView(String effect, String pack, String rule, String citation) {}

  public static String when(LocalDate day, Instant at) {
    return new ChicagoTime.When(day, at).shown();
  }

  public static String when(Instant at) {
    return at == null ? "" : ChicagoTime.show(at);
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
