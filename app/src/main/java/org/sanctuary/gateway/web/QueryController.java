package org.sanctuary.gateway.web;

import org.sanctuary.gateway.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sanctuary.web.JsonBody;

/** {@code POST /api/v1/gateway/query}: a partner's look-up. */
public final class QueryController {
  private final GatewayService service;

  public QueryController(GatewayService service) {
    this.service = service;
  }

  public void query(Context ctx) {
    String authorization = ctx.header("Authorization");
    GatewayService.Answer a = service.query(authorization, () -> JsonBody.read(ctx, JsonNode.class));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dataset", a.dataset());
    out.put("rows", a.rows());
    out.put("ledgerIndex", a.ledgerIndex());
    JsonBody.answer(ctx, out);
  }
}
