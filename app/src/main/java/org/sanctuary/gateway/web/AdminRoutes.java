package org.sanctuary.gateway.web;

import org.sanctuary.gateway.*;

import io.javalin.config.RoutesConfig;
import org.sanctuary.web.Routes;

/** The staff's gateway API; every handler checks the caller's role first. */
public final class AdminRoutes implements Routes {
  private static final String BASE = "/api/v1/admin/gateway";
  private final AdminController admin;

  public AdminRoutes(AdminController admin) {
    this.admin = admin;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(BASE + "/partners", admin::listPartners);
    routes.post(BASE + "/partners", admin::addPartner);
    routes.get(BASE + "/partners/{id}", admin::showPartner);
    routes.post(BASE + "/partners/{id}/agreements", admin::addAgreement);
    routes.post(BASE + "/partners/{id}/keys", admin::issueKey);
    routes.post(BASE + "/keys/{keyId}/rotate", admin::rotateKey);
    routes.post(BASE + "/keys/{keyId}/revoke", admin::revokeKey);
    routes.get(BASE + "/datasets", admin::datasets);
    routes.get(BASE + "/access", admin::accessLog);
    routes.get(BASE + "/alerts", admin::alerts);
    routes.post(BASE + "/trace", admin::trace);
  }
}
