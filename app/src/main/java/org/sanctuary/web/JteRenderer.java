package org.sanctuary.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders jte templates for {@code ctx.render(...)}. The templates are compiled at build time (the
 * jte Maven plugin turns {@code src/main/jte} into classes), so the server needs no compiler and a
 * template error fails the build, not a request.
 */
final class JteRenderer implements FileRenderer {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  @Override
  public String render(String template, Map<String, ?> model, Context ctx) {
    StringOutput output = new StringOutput();
    engine.render(template, new HashMap<String, Object>(model), output);
    return output.toString();
  }
}
