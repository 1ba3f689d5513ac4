package org.sanctuary.policy.engine;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanctuary.policy.agency.Facet;
import org.sanctuary.policy.pack.CelCondition;
import org.sanctuary.policy.pack.CompiledPack;

/**
 * What a set of rule conditions can read of a request beyond its kind, basis and purpose: which
 * requester facets, and whether the subject facts. Found from the conditions' text, erring on the
 * side of "reads it": a CEL expression reaches a variable only by naming it, so a condition whose
 * text never names {@code subject} cannot depend on the subject facts, and one that names
 * {@code requester} only as {@code requester.<facet>} depends on those facets alone. Anything else
 * (a comprehension over the requester, an index, a method call on it) counts as reading every
 * facet.
 */
record ConditionReads(int facets, boolean subject) {
  private static final int ALL_FACETS = (1 << Facet.values().length) - 1;
  private static final String REQUESTER = "requester";
  private static final Pattern REQUESTER_FACET =
      Pattern.compile("requester\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)(?!\\s*\\()");

  static ConditionReads of(List<CompiledPack> packs) {
    int facets = 0;
    boolean subject = false;
    for (CompiledPack cp : packs) {
      for (CelCondition c : cp.conditions()) {
        subject |= c.source().contains("subject");
        facets |= facetsNamed(c.source());
      }
    }
    return new ConditionReads(facets, subject);
  }

  /** The facets {@code source} reads, or all of them unless every mention is {@code requester.<facet>}. */
  static int facetsNamed(String source) {
    int mentions = 0;
    for (int at = source.indexOf(REQUESTER); at >= 0; at = source.indexOf(REQUESTER, at + 1)) mentions++;
    int mask = 0;
    int named = 0;
    Matcher m = REQUESTER_FACET.matcher(source);
    while (m.find()) {
      Facet f = Facet.byKey(m.group(1));
      if (f == null) return ALL_FACETS;
      mask |= f.bit();
      named++;
    }
    return named == mentions ? mask : ALL_FACETS;
  }
}
