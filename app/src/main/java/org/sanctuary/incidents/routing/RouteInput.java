package org.sanctuary.incidents.routing;

import java.util.Map;
import java.util.Objects;
import org.sanctuary.incidents.model.Category;
import org.sanctuary.incidents.model.EmployeeType;

/** What routing looks at: the kind of employee, the category and the department code. */
public record RouteInput(EmployeeType employeeType, Category category, String department) {
  public RouteInput {
    Objects.requireNonNull(employeeType, "employeeType");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(department, "department");
  }

  Map<String, Object> variables() {
    return Map.of("employeeType", employeeType.name(), "category", category.name(), "department", department);
  }
}
