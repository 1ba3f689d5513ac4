package org.sanctuary.incidents;

import org.sanctuary.incidents.model.EmployeeType;
import org.sanctuary.incidents.model.Category;
import org.sanctuary.incidents.model.Departments;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A checked report, ready to route and store. Made only by {@link IntakeCheck}; the compact
 * constructor repeats the checks that keep the store consistent.
 *
 * @param employee the name or badge number if known, else null
 * @param witnesses null when none were given
 * @param contact null when the reporter stays anonymous
 */
public record Intake(
    Category category,
    EmployeeType employeeType,
    String department,
    String employee,
    LocalDate occurredOn,
    String location,
    String description,
    String witnesses,
    String contact,
    String language) {

  public static final int MAX_EMPLOYEE = 200;
  public static final int MAX_DESCRIPTION = 5000;
  public static final int MAX_WITNESSES = 2000;
  public static final int MAX_CONTACT = 500;

  public Intake {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(employeeType, "employeeType");
    Objects.requireNonNull(occurredOn, "occurredOn");
    if (!Departments.isKnown(department)) throw new IllegalArgumentException("department: " + department);
    if (!Locations.isKnown(location)) throw new IllegalArgumentException("location: " + location);
    if (!Messages.isSupported(language)) throw new IllegalArgumentException("language: " + language);
    if (description == null || description.isBlank() || description.length() > MAX_DESCRIPTION) {
      throw new IllegalArgumentException("description");
    }
  }
}
