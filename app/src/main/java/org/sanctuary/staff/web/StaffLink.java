package org.sanctuary.staff.web;

import org.sanctuary.staff.*;

import java.util.List;
import java.util.Set;

/** A place on the staff home page, shown to those holding any of {@code roles}. */
public record StaffLink(String href, String label, String description, Set<Role> roles) {
  public StaffLink {
    roles = Set.copyOf(roles);
  }

  /** The staff pages, in the order the home page lists them. Parts add theirs here. */
  static final List<StaffLink> ALL = List.of(
      new StaffLink("/staff/cases", "Cases",
          "Reports of violations routed to your office: assign, investigate, record findings.",
          Set.of(Role.COPA_INVESTIGATOR, Role.OIG_INVESTIGATOR, Role.SUPERVISOR)),
      new StaffLink("/staff/cases", "Case counts",
          "How many cases each office holds, by status; no names, contacts or text.",
          Set.of(Role.AUDITOR)),
      new StaffLink("/staff/gateway", "Data firewall",
          "Partner agencies, their agreements and keys, the datasets, the access log and its alerts.",
          Set.of(Role.ADMINISTRATOR, Role.AUDITOR)),
      new StaffLink("/staff/register", "Register of federal requests",
          "Record the requests received and what was done; the CPD quarterly and TRUST Act reports; replays.",
          Set.of(Role.RECORDS_CLERK, Role.AUDITOR, Role.ADMINISTRATOR)),
      new StaffLink("/staff/accounts", "Staff accounts",
          "Add accounts, change their roles, disable or enable them, give a new second factor.",
          Set.of(Role.ADMINISTRATOR)));

  boolean visibleTo(StaffUser user) {
    return roles.stream().anyMatch(user::has);
  }
}
