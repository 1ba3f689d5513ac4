package org.sanctuary.staff.web;

import io.javalin.config.RoutesConfig;
import org.sanctuary.staff.AccountAdmin;
import org.sanctuary.web.Routes;

/** {@code /staff/accounts}: the administrators' pages for staff accounts. */
public final class AccountRoutes implements Routes {
  private final AccountPages pages;

  public AccountRoutes(AccountAdmin accounts, StaffAuth auth) {
    this.pages = new AccountPages(accounts, auth);
  }

  @Override
  public void register(RoutesConfig routes) {
    String base = AccountPages.BASE;
    routes.get(base, pages::list);
    routes.post(base, pages::add);
    routes.get(base + "/{id}", pages::show);
    routes.post(base + "/{id}/roles", pages::changeRoles);
    routes.post(base + "/{id}/disable", pages::disable);
    routes.post(base + "/{id}/enable", pages::enable);
    routes.post(base + "/{id}/second-factor", pages::resetSecondFactor);
  }
}
