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
          Set.of(Role.ADMINISTRATOR, Role.AUDITOR)));

  boolean visibleTo(StaffUser user) {
    return roles.stream().anyMatch(user::has);
  }
}
