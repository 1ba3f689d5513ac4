package org.sanctuary.policy.agency;

import java.util.Locale;

/**
 * What rules may know about a requester. A facet set on an agency holds for every unit under it,
 * so "any agency under DHS" is a walk up the tree, never a string match. Rules see facets, not
 * agency names, which keeps the request space finite: the engine and {@code policies diff} work
 * over the distinct facet sets of the registry.
 */
public enum Facet {
  /** A federal agency. */
  FEDERAL("federal"),
  /** The Department of Homeland Security or one of its components. */
  DHS("dhs"),
  /** U.S. Immigration and Customs Enforcement, its units, and its predecessor INS. */
  ICE("ice"),
  /** An agency that enforces civil immigration law (the TRUST Act's "immigration agent"). */
  IMMIGRATION_AGENT("immigrationAgent"),
  /** A DHS component the city exempts from its local "no DHS" policy (none by default). */
  DHS_EXEMPT("dhsExempt");

  private final String key;

  Facet(String key) {
    this.key = key;
  }

  /** The name used in registry files and in rule conditions ({@code requester.immigrationAgent}). */
  public String key() {
    return key;
  }

  public int bit() {
    return 1 << ordinal();
  }

  public static Facet byKey(String key) {
    for (Facet f : values()) {
      if (f.key.equals(key)) return f;
    }
    return null;
  }

  /** Describes a facet set for people, e.g. "federal, dhs, ice". */
  public static String describe(int mask) {
    StringBuilder sb = new StringBuilder();
    for (Facet f : values()) {
      if ((mask & f.bit()) != 0) {
        if (sb.length() > 0) sb.append(", ");
        sb.append(f.key);
      }
    }
    return sb.length() == 0 ? "non-federal" : sb.toString().toLowerCase(Locale.ROOT);
  }
}
