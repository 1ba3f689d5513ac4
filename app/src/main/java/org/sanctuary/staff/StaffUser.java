package org.sanctuary.staff;

import java.util.Set;

/** A signed-in staff member. */
public record StaffUser(long id, String username, Set<Role> roles) {
  public StaffUser {
    roles = Set.copyOf(roles);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }
}
