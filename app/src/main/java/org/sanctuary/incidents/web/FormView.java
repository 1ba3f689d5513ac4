package org.sanctuary.incidents.web;

import org.sanctuary.incidents.model.EmployeeType;
import org.sanctuary.incidents.model.Category;
import org.sanctuary.incidents.model.Departments;
import org.sanctuary.incidents.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reporting page shows: the reporter's language, the values typed so far (kept when a
 * field is refused) and the problems, each by field, in the reporter's language.
 */
public final class FormView {
  /** A language in the menu: its code, its own name, and whether it is the one in use. */
  public record Language(String code, String name, boolean current) {}

  private final Messages t;
  private final Map<String, String> values;
  private final Map<String, String> errors = new LinkedHashMap<>();
  private final String csrf;

  FormView(Messages t, Map<String, String> values, List<FieldError> problems, String csrf) {
    this.t = t;
    this.values = Map.copyOf(values);
    this.csrf = csrf;
    for (FieldError e : problems) errors.putIfAbsent(e.field(), e.text(t));
  }

  public Messages t() {
    return t;
  }

  public String csrf() {
    return csrf;
  }

  public List<Language> languages() {
    return Messages.LANGUAGES.stream()
        .map(l -> new Language(l, Messages.of(l).get("lang.name"), l.equals(t.language()))).toList();
  }

  /** What was typed in a field, or empty. */
  public String value(String field) {
    return values.getOrDefault(field, "");
  }

  public boolean is(String field, String option) {
    return option.equals(values.get(field));
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Field to message, in form order, for the error summary. */
  public Map<String, String> errors() {
    return errors;
  }

  public String error(String field) {
    return errors.get(field);
  }

  /** {@code "true"} for a refused field, else null (the attribute is then left out). */
  public String invalid(String field) {
    return errors.containsKey(field) ? "true" : null;
  }

  /** The ids that describe a field: its hint, and its error when it has one. */
  public String describedBy(String field, boolean hint) {
    String ids = hint ? "h-" + field : "";
    if (errors.containsKey(field)) ids = (ids + " e-" + field).strip();
    return ids.isEmpty() ? null : ids;
  }

  /**
   * The field's own words (its label or legend, in the page's language), so the error summary
   * says which field each message is about; null for errors that belong to no field.
   */
  public String label(String field) {
    String key = switch (field) {
      case "category" -> "what.legend";
      case "employeeType" -> "employeeType.legend";
      case "department", "employee", "occurredOn", "location", "description", "witnesses", "contact",
          "language", "followup" -> field + ".label";
      default -> null;
    };
    return key == null ? null : t().get(key);
  }

  /** Where the error summary links to: the field, or the first choice of a group. */
  public String anchor(String field) {
    return switch (field) {
      case "category" -> "f-category-" + Category.values()[0].name();
      case "employeeType" -> "f-employeeType-" + EmployeeType.values()[0].name();
      case "form", "csrf" -> "main";
      default -> "f-" + field;
    };
  }

  public List<String> categories() {
    return java.util.Arrays.stream(Category.values()).map(Enum::name).toList();
  }

  public List<String> employeeTypes() {
    return java.util.Arrays.stream(EmployeeType.values()).map(Enum::name).toList();
  }

  public List<String> departments() {
    return Departments.codes();
  }

  public List<Locations.Place> communityAreas() {
    return Locations.communityAreas();
  }

  public List<Locations.Place> policeDistricts() {
    return Locations.policeDistricts();
  }

  public List<LegalHelp.Contact> legalHelp() {
    return LegalHelp.contacts();
  }

  /**
   * The routing rule that sent the report, in plain words in the page's language (key {@code
   * route.<pack>.<rule>}); null for a rule no messages file words yet, whose English text is shown.
   */
  public String routeRule(org.sanctuary.incidents.routing.Route route) {
    String pack = route.pack().replaceFirst("@\\d+$", ""); // id@version: the words are the pack's
    String key = "route." + pack + "." + route.rule();
    return t.has(key) ? t.get(key) : null;
  }

  /** The language preselected for contact: what was chosen, else the page's language. */
  public String contactLanguage() {
    String v = values.get("language");
    return v == null || v.isBlank() ? t.language() : v;
  }
}
