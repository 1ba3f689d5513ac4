package org.sanctuary.register.web;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import org.sanctuary.register.RecordsTokens;
import org.sanctuary.register.Register;
import org.sanctuary.staff.web.StaffAuth;
import org.sanctuary.web.Routes;

/**
 * {@code /staff/register}: the register, its reports, the replay and the records-system tokens; and
 * the tokens' staff API under {@code /api/v1/admin/register/tokens}; the CSV import while the
 * server runs ({@code /staff/register/import}, {@code POST /api/v1/register/import}).
 */
public final class RegisterRoutes implements Routes {
  private static final String BASE = "/staff/register";
  private final RegisterPages pages;
  private final ReportPages reports;
  private final TokenPages tokens;
  private final TokenApi tokenApi;
  private final ImportUpload imports;

  public RegisterRoutes(Register register, RecordsTokens tokens, StaffAuth auth, Clock clock) {
    this.pages = new RegisterPages(register, auth, clock);
    this.reports = new ReportPages(register, auth);
    this.tokens = new TokenPages(tokens, auth);
    this.tokenApi = new TokenApi(tokens, auth);
    this.imports = new ImportUpload(register, auth);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(BASE, pages::list);
    routes.get(BASE + "/new", pages::newForm);
    routes.post(BASE + "/preview", pages::preview);
    routes.post(BASE, pages::record);
    routes.get(BASE + "/reports/cpd-quarterly", reports::cpdQuarterly);
    routes.get(BASE + "/reports/trust-act", reports::trustAct);
    routes.get(BASE + "/replay", reports::replay);
    routes.get(ImportUpload.PAGE, imports::form);
    routes.post(ImportUpload.PAGE, imports::upload);
    routes.post(ImportUpload.API, imports::api);
    routes.get(BASE + "/tokens", tokens::list);
    routes.post(BASE + "/tokens", tokens::issue);
    routes.get(BASE + "/tokens/{name}/revoke", tokens::confirmRevoke);
    routes.post(BASE + "/tokens/{name}/revoke", tokens::revoke);
    routes.get(BASE + "/{id}", pages::entry);
    routes.post(BASE + "/{id}/outcome", pages::outcome);
    routes.post(BASE + "/{id}/duties/{task}/done", pages::done);
    routes.get(TokenApi.BASE, tokenApi::list);
    routes.post(TokenApi.BASE, tokenApi::create);
    routes.post(TokenApi.BASE + "/{name}/revoke", tokenApi::revoke);
  }
}
