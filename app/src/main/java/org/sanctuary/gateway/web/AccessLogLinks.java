package org.sanctuary.gateway.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sanctuary.gateway.GatewayStore;

/**
 * The links to the access-log pages either side of one page, keeping its filter: {@code newer}
 * (toward the newest line) and {@code older}; null when there is none.
 */
public record AccessLogLinks(String newer, String older) {
  static final AccessLogLinks NONE = new AccessLogLinks(null, null);
  private static final List<String> KEPT = List.of("partner", "dataset", "outcome", "from", "to", "limit");

  static AccessLogLinks of(Context ctx, String path, GatewayStore.AccessPage page) {
    StringBuilder kept = new StringBuilder();
    for (String name : KEPT) {
      String value = ctx.queryParam(name);
      if (value != null && !value.isBlank()) {
        kept.append('&').append(name).append('=').append(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
      }
    }
    Long newer = page.newerCursor();
    Long older = page.olderCursor();
    return new AccessLogLinks(
        newer == null ? null : path + "?after=" + newer + kept,
        older == null ? null : path + "?before=" + older + kept);
  }

  /** The links as an HTTP {@code Link} header: older lines are "next", newer ones "prev". */
  String linkHeader() {
    List<String> parts = new ArrayList<>();
    if (older != null) parts.add("<" + older + ">; rel=\"next\"");
    if (newer != null) parts.add("<" + newer + ">; rel=\"prev\"");
    return String.join(", ", parts);
  }
}
