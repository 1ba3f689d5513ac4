package org.sanctuary.labels;

import org.sanctuary.incidents.Locations;
import org.sanctuary.incidents.Messages;

/**
 * A violation report's codes in words, for staff pages (in English): the category, the kind of
 * employee, the department ({@code incidents/departments.txt}), the place
 * ({@code incidents/locations.tsv}), the office that investigates, and the reporter's language by
 * its own name. The words are the form's own, from the English messages, so a clerk reads what the
 * reporter chose. An unknown code is shown as it is, never hidden.
 */
public final class ReportLabels {
  private static final Messages EN = Messages.of("en");

  private ReportLabels() {}

  /** {@code STATUS_QUESTION} → "Asked about immigration status". */
  public static String category(String code) {
    return known("category." + code, code);
  }

  /** {@code POLICE} → "A police officer or police employee". */
  public static String employeeType(String code) {
    return known("employeeType." + code, code);
  }

  /** {@code CPD} → "Police Department". */
  public static String department(String code) {
    return known("dept." + code, code);
  }

  /** {@code CA08} → "Near North Side"; {@code PD010} → "District 10 (Ogden)". */
  public static String location(String code) {
    return Locations.place(code)
        .map(p -> p.isDistrict() ? EN.format("location.district", String.valueOf(p.number())) + " (" + p.name() + ")"
            : p.name())
        .orElse(code);
  }

  /** {@code COPA} → "Civilian Office of Police Accountability (COPA)". */
  public static String office(String code) {
    return known("investigator." + code, code);
  }

  /** {@code es} → "Español (Spanish)": the language's own name, and in English when they differ. */
  public static String language(String code) {
    if (!Messages.isSupported(code)) return code;
    String own = Messages.of(code).get("lang.name");
    String english = java.util.Locale.forLanguageTag(code).getDisplayLanguage(java.util.Locale.ENGLISH);
    return own.equals(english) || english.isEmpty() ? own : own + " (" + english + ")";
  }

  private static String known(String key, String code) {
    String text = EN.get(key);
    return text.equals(key) ? code : text;
  }
}
