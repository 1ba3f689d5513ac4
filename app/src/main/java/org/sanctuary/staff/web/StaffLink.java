package org.sanctuary.staff.web;

import org.sanctuary.staff.*;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A place on the staff home page. It is shown to those who may open {@code page} (the rule its
 * route enforces) and hold one of {@code shownTo}, which picks the words: the same case list is
 * "Cases" to an investigator and "Case counts" to an auditor (one who is both reads "Cases").
 */
public record StaffLink(StaffPage page, String label, String description, Set<Role> shownTo) {
  public StaffLink {
    shownTo = Set.copyOf(shownTo);
  }

  public String href() {
    return page.path();
  }

  /** The staff pages, in the order the home page lists them. Parts add theirs here. */
  static final List<StaffLink> ALL = List.of(
      new StaffLink(StaffPage.CASES, "Cases",
          "Reports of violations routed to your office: assign, investigate, record findings.",
          EnumSet.of(Role.COPA_INVESTIGATOR, Role.OIG_INVESTIGATOR)),
      new StaffLink(StaffPage.CASES, "Case counts",
          "How many cases each office holds, by status; no names, contacts or text.",
          EnumSet.of(Role.AUDITOR)),
      new StaffLink(StaffPage.GATEWAY, "Data firewall",
          "Partner agencies, their agreements and keys, the datasets, the access log and its alerts.",
          StaffPage.GATEWAY.roles()),
      new StaffLink(StaffPage.REGISTER, "Register of federal requests",
          "Record the requests received and what was done; the CPD quarterly and TRUST Act reports; replays.",
          StaffPage.REGISTER.roles()),
      new StaffLink(StaffPage.STAFF_ACCOUNTS, "Staff accounts",
          "Add accounts, change their roles, disable or enable them, give a new second factor.",
          StaffPage.STAFF_ACCOUNTS.roles()));

  boolean visibleTo(StaffUser user) {
    return page.openTo(user) && shownTo.stream().anyMatch(user::has);
  }

  /** The links for one staff member: each page once, in the words of the first link that fits. */
  static List<StaffLink> forUser(StaffUser user) {
    java.util.Set<StaffPage> listed = EnumSet.noneOf(StaffPage.class);
    return ALL.stream().filter(l -> l.visibleTo(user) && listed.add(l.page)).toList();
  }
}
