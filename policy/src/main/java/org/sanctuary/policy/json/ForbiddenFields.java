package org.sanctuary.policy.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one family of data Sanctuary never takes: immigration status, citizenship, place of birth.
 * An input that carries such a field anywhere is refused, not silently cleaned, so the sender
 * learns that it must not send it.
 */
public final class ForbiddenFields {
  private static final Set<String> NAMES = Set.of(
      "immigrationstatus", "status_immigration", "legalstatus", "visastatus", "residencystatus",
      "citizenship", "citizen", "iscitizen", "uscitizen", "nationality", "countryofcitizenship",
      "placeofbirth", "birthplace", "countryofbirth", "birthcountry", "cityofbirth",
      "alienumber", "aliennumber", "anumber", "documented", "undocumented");

  // the list compared as the input is: letters only, lower case (a listed "status_immigration"
  // used to match nothing, since the input loses its underscore and the list kept it)
  private static final Set<String> NORMAL_NAMES =
      NAMES.stream().map(ForbiddenFields::normal).collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** Said to the sender whenever such a field is refused. */
  public static final String MESSAGE =
      "Sanctuary never collects immigration status, citizenship or place of birth; remove this field";

  private ForbiddenFields() {}

  /** The listed names, as written (for tests that try each in every spelling). */
  static Set<String> names() {
    return NAMES;
  }

  /** True when a field of this name would carry status, citizenship or birthplace. */
  public static boolean isForbidden(String fieldName) {
    String n = normal(fieldName);
    return NORMAL_NAMES.contains(n) || n.contains("immigrationstatus") || n.contains("citizenship")
        || n.contains("placeofbirth") || n.contains("birthplace") || n.contains("countryofbirth");
  }

  // Lower case, then the letters a-z only: "Place_of-Birth" and "placeOfBirth" read alike, and so
  // does a name with a letter that lower-cases into a-z (a dotted capital I). Every field name of
  // every request passes here, so no regular expression (it once took a third of decide's time).
  private static String normal(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c >= 'a' && c <= 'z') out.append(c);
    }
    return out.toString();
  }

  /** The dotted path of the first forbidden field anywhere in the tree, if there is one. */
  public static Optional<String> find(JsonNode node) {
    return find(node, "");
  }

  private static Optional<String> find(JsonNode node, String prefix) {
    if (node == null) return Optional.empty();
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (isForbidden(e.getKey())) return Optional.of(path(prefix, e.getKey()));
        if (!e.getValue().isContainerNode()) continue; // a plain value holds no field; skip building its path
        Optional<String> inner = find(e.getValue(), path(prefix, e.getKey()));
        if (inner.isPresent()) return inner;
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<String> inner = find(node.get(i), prefix + "[" + i + "]");
        if (inner.isPresent()) return inner;
      }
    }
    return Optional.empty();
  }

  private static String path(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }
}
