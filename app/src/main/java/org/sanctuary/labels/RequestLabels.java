package org.sanctuary.labels;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.agency.Agency;
import org.sanctuary.policy.agency.AgencyRegistry;

/**
 * A federal request's codes in words, for pages: what it asks for, the document it rests on, its
 * purpose, who received it, who sent it (the registry's name for the agency), and the answer. An
 * unknown code is shown as it is.
 */
public final class RequestLabels {
  private static final AgencyRegistry REGISTRY = AgencyRegistry.builtIn();
  private static final Map<String, String> SUBJECT = new LinkedHashMap<>();

  static {
    SUBJECT.put("outstandingCriminalWarrant", "has an outstanding criminal warrant");
    SUBJECT.put("felonyConviction", "has been convicted of a felony");
    SUBJECT.put("pendingFelonyCharge", "has a felony charge pending");
    SUBJECT.put("gangDatabase", "is listed in a gang database");
  }

  private RequestLabels() {}

  /** {@code DETAINER} → "Detainer: hold a person past release". */
  public static String kind(Kind kind) {
    return switch (kind) {
      case DETAINER -> "Detainer: hold a person past release";
      case NOTIFICATION -> "Notice of a person's release";
      case TRANSFER -> "Transfer of a person into the requester's custody";
      case INTERVIEW -> "Interview of a person in custody, or use of a facility";
      case INFORMATION -> "Information about a person";
      case DATABASE_ACCESS -> "Access to police databases";
      case ASSISTANCE -> "Police help with an enforcement operation";
    };
  }

  public static String kind(String code) {
    return byName(Kind.class, code).map(RequestLabels::kind).orElse(code);
  }

  /** {@code ADMINISTRATIVE_WARRANT} → "Administrative warrant (signed by an immigration officer)". */
  public static String basis(Basis basis) {
    return switch (basis) {
      case NONE -> "No warrant";
      case ADMINISTRATIVE_WARRANT -> "Administrative warrant (signed by an immigration officer)";
      case JUDICIAL_WARRANT -> "Judicial warrant (signed by a judge)";
    };
  }

  public static String basis(String code) {
    return byName(Basis.class, code).map(RequestLabels::basis).orElse(code);
  }

  /** {@code CIVIL_IMMIGRATION} → "Civil immigration enforcement". */
  public static String purpose(Purpose purpose) {
    return switch (purpose) {
      case CIVIL_IMMIGRATION -> "Civil immigration enforcement";
      case CRIMINAL -> "Criminal investigation";
    };
  }

  public static String purpose(String code) {
    return byName(Purpose.class, code).map(RequestLabels::purpose).orElse(code);
  }

  /** {@code COOK_COUNTY_SHERIFF} → "Cook County Sheriff". */
  public static String body(Body body) {
    return body.label();
  }

  public static String body(String code) {
    return byName(Body.class, code).map(RequestLabels::body).orElse(code);
  }

  /**
   * The requester by the registry's name: {@code ICE} → "U.S. Immigration and Customs Enforcement
   * (ICE)". Text that is not a registry id (a requester the registry does not know) is shown as
   * written.
   */
  public static String requester(String idOrText) {
    if (idOrText == null) return "not recorded";
    return REGISTRY.byId(idOrText).map(RequestLabels::named).orElse(idOrText);
  }

  private static String named(Agency a) {
    String acronym = a.acronyms().isEmpty() ? a.id() : a.acronyms().get(0);
    return a.name().equals(acronym) ? a.name() : a.name() + " (" + acronym + ")";
  }

  /** {@code PERMIT} → "Permitted", {@code DENY} → "Refused": the law's answer, in a word. */
  public static String outcome(String code) {
    return switch (code == null ? "" : code) {
      case "PERMIT" -> "Permitted";
      case "DENY" -> "Refused";
      case "ERROR" -> "Failed (the record source did not answer)";
      default -> code;
    };
  }

  /** What a subject fact says of the person: {@code felonyConviction} → "has been convicted of a felony". */
  public static Map<String, String> subjectFacts() {
    return java.util.Collections.unmodifiableMap(SUBJECT);
  }

  private static <E extends Enum<E>> java.util.Optional<E> byName(Class<E> type, String code) {
    if (code == null) return java.util.Optional.empty();
    try {
      return java.util.Optional.of(Enum.valueOf(type, code));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }
}
