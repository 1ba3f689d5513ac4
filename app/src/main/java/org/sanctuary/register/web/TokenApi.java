package org.sanctuary.register.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.register.RecordsTokens;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.web.StaffAuth;
import org.sanctuary.web.JsonBody;

/**
 * The administrators' JSON API for records-system tokens under {@code /api/v1/admin/register/tokens},
 * beside the page and the command line and calling the same {@link RecordsTokens}: list, create
 * (the token is in that answer only) and revoke. Signed-in session; every change carries the
 * session's CSRF token in {@code X-CSRF-Token}, as the gateway's staff API does.
 */
final class TokenApi {
  static final String BASE = "/api/v1/admin/register/tokens";
  private final RecordsTokens tokens;
  private final StaffAuth auth;

  TokenApi(RecordsTokens tokens, StaffAuth auth) {
    this.tokens = tokens;
    this.auth = auth;
  }

  void list(Context ctx) {
    auth.require(ctx, Role.ADMINISTRATOR);
    List<Map<String, Object>> out = new ArrayList<>();
    for (RecordsTokens.Summary s : tokens.list()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("name", s.name());
      m.put("prefix", s.prefix());
      m.put("createdAt", s.createdAt().toString());
      m.put("revokedAt", s.revokedAt() == null ? null : s.revokedAt().toString());
      m.put("state", s.revoked() ? "revoked" : "live");
      out.add(m);
    }
    ctx.json(out);
  }

  void create(Context ctx) {
    auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    JsonNode body = JsonBody.object(ctx, java.util.Set.of("name"));
    JsonNode name = body.get("name");
    if (name == null || name.isNull()) throw InvalidInput.of("name", null, "is missing", "a token name");
    if (!name.isTextual()) throw InvalidInput.of("name", name.toString(), "is not a text", "a token name");
    RecordsTokens.Issued issued = tokens.issue(name.asText());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", issued.id());
    m.put("name", issued.name());
    m.put("token", issued.token());
    m.put("note", "shown once: store it now; only its hash is kept");
    // the one answer that carries the token: no cache may keep it
    ctx.header("Cache-Control", "no-store");
    ctx.status(201).json(m);
  }

  void revoke(Context ctx) {
    auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    String name = ctx.pathParam("name");
    long id = tokens.revoke(name);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    m.put("state", "revoked");
    ctx.json(m);
  }
}
