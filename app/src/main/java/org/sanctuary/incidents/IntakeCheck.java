package org.sanctuary.incidents;

import org.sanctuary.incidents.model.EmployeeType;
import org.sanctuary.incidents.model.Category;
import org.sanctuary.incidents.model.Departments;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the fields of a report as typed (form or JSON), collecting every problem, so the form can
 * show each next to its field. Values are kept as given so the page can show them back.
 */
public final class IntakeCheck {
  /** The fields a report has; both the form and the API use these names. */
  public static final Set<String> FIELDS = Set.of("category", "employeeType", "department", "employee",
      "occurredOn", "location", "description", "witnesses", "contact", "language");
  /** Reports about events before the first city order on the subject are out of scope. */
  static final LocalDate EARLIEST = LocalDate.of(1985, 1, 1);

  private IntakeCheck() {}

  /** Either a checked report or the problems found, in form order. */
  public record Result(Intake intake, List<FieldError> errors) {
    public Result {
      errors = List.copyOf(errors);
    }

    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /** Checks {@code raw} (field name to text; absent or blank means not given) against {@code today}. */
  public static Result check(Map<String, String> raw, LocalDate today) {
    List<FieldError> errors = new ArrayList<>();
    Category category = choice(raw, "category", Category.class, errors);
    EmployeeType type = choice(raw, "employeeType", EmployeeType.class, errors);
    String department = code(raw, "department", Departments.codes().contains(value(raw, "department")), errors);
    String employee = text(raw, "employee", Intake.MAX_EMPLOYEE, false, errors);
    LocalDate occurredOn = date(raw, today, errors);
    String location = code(raw, "location", Locations.isKnown(value(raw, "location")), errors);
    String description = text(raw, "description", Intake.MAX_DESCRIPTION, true, errors);
    String witnesses = text(raw, "witnesses", Intake.MAX_WITNESSES, false, errors);
    String contact = text(raw, "contact", Intake.MAX_CONTACT, false, errors);
    String language = value(raw, "language");
    if (language == null) {
      language = "en";
    } else if (!Messages.isSupported(language)) {
      errors.add(new FieldError("language", "error.choice", language));
    }
    if (!errors.isEmpty()) return new Result(null, errors);
    return new Result(new Intake(category, type, department, employee, occurredOn, location, description,
        witnesses, contact, language), errors);
  }

  private static String value(Map<String, String> raw, String field) {
    String v = raw.get(field);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static <E extends Enum<E>> E choice(Map<String, String> raw, String field, Class<E> type,
      List<FieldError> errors) {
    String v = value(raw, field);
    if (v == null) {
      errors.add(new FieldError(field, "error.required", null));
      return null;
    }
    try {
      return Enum.valueOf(type, v);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, "error.choice", v));
      return null;
    }
  }

  private static String code(Map<String, String> raw, String field, boolean known, List<FieldError> errors) {
    String v = value(raw, field);
    if (v == null) {
      errors.add(new FieldError(field, "error.required", null));
      return null;
    }
    if (!known) {
      errors.add(new FieldError(field, "error.choice", v));
      return null;
    }
    return v;
  }

  private static String text(Map<String, String> raw, String field, int max, boolean required,
      List<FieldError> errors) {
    String v = value(raw, field);
    if (v == null) {
      if (required) errors.add(new FieldError(field, "error.required", null));
      return null;
    }
    if (v.length() > max) {
      errors.add(new FieldError(field, "error.tooLong", String.valueOf(max)));
      return null;
    }
    return v;
  }

  private static LocalDate date(Map<String, String> raw, LocalDate today, List<FieldError> errors) {
    String v = value(raw, "occurredOn");
    if (v == null) {
      errors.add(new FieldError("occurredOn", "error.required", null));
      return null;
    }
    LocalDate d;
    try {
      d = org.sanctuary.policy.json.InputRules.date("occurredOn", v);
    } catch (org.sanctuary.policy.InputException e) {
      errors.add(new FieldError("occurredOn", "error.date", v));
      return null;
    }
    if (d.isAfter(today)) {
      errors.add(new FieldError("occurredOn", "error.future", v));
      return null;
    }
    if (d.isBefore(EARLIEST)) {
      errors.add(new FieldError("occurredOn", "error.tooEarly", v));
      return null;
    }
    return d;
  }
}
