package org.sanctuary.cases.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sanctuary.cases.CasePage;

/** The links to the pages either side of a case-list page, keeping its filter; null when there is none. */
public record CaseListLinks(String previous, String next) {
  static final CaseListLinks NONE = new CaseListLinks(null, null);
  private static final List<String> KEPT = List.of("q", "status", "category", "overdue", "mine", "size");

  static CaseListLinks of(Context ctx, CasePage page) {
    StringBuilder kept = new StringBuilder();
    for (String name : KEPT) {
      String value = ctx.queryParam(name);
      if (value != null && !value.isBlank()) {
        kept.append('&').append(name).append('=').append(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
      }
    }
    String base = "/staff/cases?";
    return new CaseListLinks(
        page.hasPrevious() ? base + "before=" + page.firstId() + kept : null,
        page.hasNext() ? base + "after=" + page.lastId() + kept : null);
  }
}
