package org.sanctuary.register.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.HashMap;
import java.util.Map;
import org.sanctuary.register.CpdQuarterly;
import org.sanctuary.register.TrustAct;

/** The reports as printable HTML pages outside the server (the command line's {@code --format html}). */
public final class ReportHtml {
  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

  private ReportHtml() {}

  public static String page(CpdQuarterly r) {
    return render("staff/register/cpd-quarterly.jte", r);
  }

  public static String page(TrustAct r) {
    return render("staff/register/trust-act.jte", r);
  }

  private static String render(String template, Object report) {
    Map<String, Object> model = new HashMap<>();
    model.put("user", null);
    model.put("csrf", null);
    model.put("r", report);
    StringOutput out = new StringOutput();
    ENGINE.render(template, model, out);
    return out.toString();
  }
}
