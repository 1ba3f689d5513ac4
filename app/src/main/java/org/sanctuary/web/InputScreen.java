package org.sanctuary.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sanctuary.policy.json.InputRules;

/**
 * Screens every query parameter and every form field, names and values, by {@link InputRules}
 * before any handler runs, so a NUL or other control character from a query string or a form is a
 * 400 naming the parameter, never a 500 from the database. JSON bodies are screened by {@link
 * JsonBody}.
 */
final class InputScreen {
  private static final String FORM = "application/x-www-form-urlencoded";

  private InputScreen() {}

  static void check(Context ctx) {
    screen(ctx.queryParamMap());
    String type = ctx.contentType();
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
      screen(ctx.formParamMap());
    }
  }

  private static void screen(Map<String, List<String>> params) {
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      InputRules.text("parameter name", e.getKey());
      for (String value : e.getValue()) {
        InputRules.text(e.getKey(), value);
      }
    }
  }
}
