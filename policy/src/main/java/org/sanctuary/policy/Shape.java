package org.sanctuary.policy;

import org.sanctuary.policy.agency.Facet;

/**
 * A point of the finite request space: everything a rule can see of a request. The date and the
 * requester's name are gone: the date picks the packs, the name resolves to a facet set.
 */
public record Shape(Body body, int facets, Kind kind, Basis basis, Purpose purpose, int subjectBits) {
  static final int FACET_COMBINATIONS = 1 << Facet.values().length;
  /** Shapes per body: facet sets x kinds x bases x purposes x subject facts. */
  static final int PER_BODY = FACET_COMBINATIONS * Kind.values().length * Basis.values().length
      * Purpose.values().length * 16;

  public Shape {
    if (facets < 0 || facets >= FACET_COMBINATIONS) throw new IllegalArgumentException("facets: " + facets);
    if (subjectBits < 0 || subjectBits > 15) throw new IllegalArgumentException("subjectBits: " + subjectBits);
  }

  /** A dense index within one body's table. */
  int index() {
    return index(facets, kind, basis, purpose, subjectBits);
  }

  static int index(int facets, Kind kind, Basis basis, Purpose purpose, int subjectBits) {
    return (((facets * 7 + kind.ordinal()) * 3 + basis.ordinal()) * 2 + purpose.ordinal()) * 16 + subjectBits;
  }

  public Subject subject() {
    return Subject.ofBits(subjectBits);
  }
}
