package org.sanctuary.staff;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may open each staff page: the one rule both the page's route (which refuses everyone else)
 * and every link to it (the staff home, a part's tabs) read, so no link leads to a refusal. Parts
 * add their pages here.
 */
public enum StaffPage {
  HOME("/staff", EnumSet.allOf(Role.class)),
  /** An investigator's office's cases; an auditor sees the counts only. */
  CASES("/staff/cases", EnumSet.of(Role.COPA_INVESTIGATOR, Role.OIG_INVESTIGATOR, Role.AUDITOR)),
  /** One case: the investigators of its office (a supervisor holds their office's role too). */
  CASE("/staff/cases/{id}", EnumSet.of(Role.COPA_INVESTIGATOR, Role.OIG_INVESTIGATOR)),
  GATEWAY("/staff/gateway", EnumSet.of(Role.ADMINISTRATOR, Role.AUDITOR)),
  GATEWAY_PARTNERS("/staff/gateway/partners", EnumSet.of(Role.ADMINISTRATOR)),
  GATEWAY_DATASETS("/staff/gateway/datasets", EnumSet.of(Role.ADMINISTRATOR, Role.AUDITOR)),
  GATEWAY_ACCESS("/staff/gateway/access", EnumSet.of(Role.ADMINISTRATOR, Role.AUDITOR)),
  GATEWAY_ALERTS("/staff/gateway/alerts", EnumSet.of(Role.ADMINISTRATOR, Role.AUDITOR)),
  /** Leak tracing: a pasted row's references, traced to the partner they were given to. */
  GATEWAY_TRACE("/staff/gateway/trace", EnumSet.of(Role.ADMINISTRATOR)),
  REGISTER("/staff/register", EnumSet.of(Role.RECORDS_CLERK, Role.AUDITOR, Role.ADMINISTRATOR)),
  REGISTER_NEW("/staff/register/new", EnumSet.of(Role.RECORDS_CLERK)),
  REGISTER_IMPORT("/staff/register/import", EnumSet.of(Role.RECORDS_CLERK, Role.ADMINISTRATOR)),
  REGISTER_CPD_QUARTERLY("/staff/register/reports/cpd-quarterly",
      EnumSet.of(Role.RECORDS_CLERK, Role.AUDITOR, Role.ADMINISTRATOR)),
  REGISTER_TRUST_ACT("/staff/register/reports/trust-act",
      EnumSet.of(Role.RECORDS_CLERK, Role.AUDITOR, Role.ADMINISTRATOR)),
  REGISTER_REPLAY("/staff/register/replay", EnumSet.of(Role.RECORDS_CLERK, Role.AUDITOR, Role.ADMINISTRATOR)),
  REGISTER_TOKENS("/staff/register/tokens", EnumSet.of(Role.ADMINISTRATOR)),
  /** Staff accounts: added, disabled, enabled, re-roled and given new second factors here. */
  STAFF_ACCOUNTS("/staff/accounts", EnumSet.of(Role.ADMINISTRATOR));

  private final String path;
  private final Set<Role> roles;

  StaffPage(String path, Set<Role> roles) {
    this.path = path;
    this.roles = Set.copyOf(roles);
  }

  public String path() {
    return path;
  }

  /** The roles any one of which opens the page. */
  public Set<Role> roles() {
    return roles;
  }

  public Role[] rolesArray() {
    return roles.toArray(new Role[0]);
  }

  public boolean openTo(StaffUser user) {
    return roles.stream().anyMatch(user::has);
  }
}
