package org.sanctuary.labels;

import java.util.Collection;
import java.util.List;
import org.sanctuary.staff.Role;

/** Staff roles in words: {@code COPA_INVESTIGATOR} → "COPA investigator". */
public final class RoleLabels {
  private RoleLabels() {}

  public static String role(Role role) {
    return switch (role) {
      case COPA_INVESTIGATOR -> "COPA investigator";
      case OIG_INVESTIGATOR -> "Inspector General investigator";
      case SUPERVISOR -> "Supervisor";
      case AUDITOR -> "Auditor";
      case ADMINISTRATOR -> "Administrator";
      case RECORDS_CLERK -> "Records clerk";
    };
  }

  /** "Auditor or Administrator": any one of the roles, in the roles' own order. */
  public static String anyOf(Collection<Role> roles) {
    return join(roles, " or ");
  }

  /** "Auditor and Administrator": every one of the roles. */
  public static String allOf(Collection<Role> roles) {
    return join(roles, " and ");
  }

  private static String join(Collection<Role> roles, String last) {
    List<String> names = roles.stream().sorted().map(RoleLabels::role).toList();
    if (names.size() <= 1) return String.join("", names);
    return String.join(", ", names.subList(0, names.size() - 1)) + last + names.get(names.size() - 1);
  }
}
