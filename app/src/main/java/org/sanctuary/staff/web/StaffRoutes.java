package org.sanctuary.staff.web;

import org.sanctuary.staff.*;

import io.javalin.config.RoutesConfig;
import org.sanctuary.web.Routes;

/** {@code /staff/login}, {@code /staff/logout} and {@code /staff}. */
final class StaffRoutes implements Routes {
  private final StaffController staff;

  StaffRoutes(StaffController staff) {
    this.staff = staff;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/staff/login", staff::loginPage);
    routes.post("/staff/login", staff::login);
    routes.post("/staff/logout", staff::logout);
    routes.get("/staff", staff::home);
  }
}
