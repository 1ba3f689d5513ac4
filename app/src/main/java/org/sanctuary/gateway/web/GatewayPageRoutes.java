package org.sanctuary.gateway.web;

import org.sanctuary.gateway.*;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import org.sanctuary.staff.web.StaffAuth;
import org.sanctuary.web.Routes;

/** {@code /staff/gateway}: partners, agreements, keys, datasets, the access log and the alerts. */
public final class GatewayPageRoutes implements Routes {
  private static final String BASE = "/staff/gateway";
  private final GatewayPages pages;

  public GatewayPageRoutes(GatewayAdmin admin, StaffAuth auth, Clock clock) {
    this.pages = new GatewayPages(admin, auth, clock);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(BASE, pages::index);
    routes.get(BASE + "/partners", pages::partners);
    routes.post(BASE + "/partners", pages::admit);
    routes.get(BASE + "/partners/{id}", pages::partner);
    routes.post(BASE + "/partners/{id}/agreements", pages::addAgreement);
    routes.post(BASE + "/partners/{id}/keys", pages::issueKey);
    routes.get(BASE + "/keys/{keyId}/rotate", pages::confirmRotate);
    routes.post(BASE + "/keys/{keyId}/rotate", pages::rotateKey);
    routes.get(BASE + "/keys/{keyId}/revoke", pages::confirmRevoke);
    routes.post(BASE + "/keys/{keyId}/revoke", pages::revokeKey);
    routes.get(BASE + "/datasets", pages::datasets);
    routes.get(BASE + "/access", pages::access);
    routes.get(BASE + "/alerts", pages::alerts);
    routes.get(BASE + "/trace", pages::traceForm);
    routes.post(BASE + "/trace", pages::trace);
  }
}
