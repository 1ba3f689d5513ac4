package org.sanctuary.policy.agency;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** How agency names are compared: case, accents, punctuation and a leading "U.S." do not matter. */
final class Names {
  private Names() {}

  static String normalize(String raw) {
    String s = Normalizer.normalize(raw, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    // dots go first so that "U.S." reads "us" and "I.C.E." reads "ice"
    s = s.toLowerCase(Locale.ROOT).replace(".", "").replace("&", " and ");
    s = s.replaceAll("[^a-z0-9]+", " ").trim();
    s = s.replaceAll("^the ", "");
    s = s.replaceAll("^u s ", "us ");
    return s;
  }

  /** The keys a name is registered under: itself, and without "U.S." / "United States" / "the". */
  static Set<String> variants(String raw) {
    Set<String> out = new LinkedHashSet<>();
    String n = normalize(raw);
    out.add(n);
    for (String prefix : new String[] {"us ", "united states "}) {
      if (n.startsWith(prefix) && n.length() > prefix.length()) {
        String rest = n.substring(prefix.length());
        out.add(rest);
        out.add((prefix.equals("us ") ? "united states " : "us ") + rest);
      }
    }
    out.add(n.replace(" and ", " "));
    return out;
  }
}
