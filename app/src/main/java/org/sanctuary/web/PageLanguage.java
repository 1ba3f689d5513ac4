package org.sanctuary.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.sanctuary.incidents.Messages;

/**
 * The language of a public page: chosen now ({@code ?lang=}, then remembered in the {@code lang}
 * cookie), chosen before (the cookie), the browser's ({@code Accept-Language}, in its order of
 * preference), else English. The answer varies with the browser's language and the cookie, and
 * says so ({@code Vary}), so a shared cache never hands a Spanish page to an Arabic reader.
 */
public final class PageLanguage {
  public static final String COOKIE = "lang";

  private PageLanguage() {}

  /** The words of the page in the reader's language. */
  public static Messages of(Context ctx) {
    vary(ctx, "Accept-Language", "Cookie");
    String chosen = ctx.queryParam("lang");
    if (Messages.isSupported(chosen)) {
      ctx.cookie(new Cookie(COOKIE, chosen, "/", 365 * 24 * 3600, Tls.isHttps(ctx), true, null, SameSite.LAX));
      return Messages.of(chosen);
    }
    String remembered = ctx.cookie(COOKIE);
    if (Messages.isSupported(remembered)) return Messages.of(remembered);
    return Messages.of(fromAcceptLanguage(ctx.header("Accept-Language")));
  }

  /** The first supported language of an {@code Accept-Language} header, by quality; English when none. */
  static String fromAcceptLanguage(String header) {
    if (header == null) return "en";
    String best = "en";
    double bestQ = 0;
    for (String part : header.split(",")) {
      String[] pieces = part.split(";");
      String tag = pieces[0].strip().toLowerCase(Locale.ROOT);
      String base = tag.split("-", 2)[0];
      if (base.equals("fil")) base = "tl"; // Filipino is written in Tagalog here
      double q = quality(pieces);
      if (q > bestQ && Messages.isSupported(base)) {
        best = base;
        bestQ = q;
      }
    }
    return best;
  }

  private static double quality(String[] pieces) {
    for (int i = 1; i < pieces.length; i++) {
      String p = pieces[i].strip();
      if (p.startsWith("q=")) {
        try {
          double q = Double.parseDouble(p.substring(2));
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  private static void vary(Context ctx, String... headers) {
    Set<String> all = new LinkedHashSet<>();
    String existing = ctx.res().getHeader("Vary");
    if (existing != null) {
      for (String h : existing.split(",")) if (!h.isBlank()) all.add(h.strip());
    }
    all.addAll(java.util.List.of(headers));
    ctx.header("Vary", String.join(", ", all));
  }
}
