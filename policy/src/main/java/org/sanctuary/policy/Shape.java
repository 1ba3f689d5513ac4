package org.sanctuary.policy;

import org.sanctuary.policy.agency.Facet;

/**
 * A point of the finite request space: everything a rule can see of a request. The date and the
 * requester's name are gone: the date picks the packs, the name resolves to a facet set.
 */
public record Shape(Body body, int facets, Kind kind, Basis basis, Purpose purpose, int subjectBits) {
  static final int FACET_COMBINATIONS = 1 << Facet.values().length;
  private static final int KINDS = Kind.values().length;
  private static final int BASES = Basis.values().length;
  private static final int PURPOSES = Purpose.values().length;
  private static final int SUBJECTS = 1 << Subject.FIELDS.size();
  /** Shapes per body: facet sets x kinds x bases x purposes x subject facts. */
  public static final int PER_BODY = FACET_COMBINATIONS * KINDS * BASES * PURPOSES * SUBJECTS;

  public Shape {
    if (facets < 0 || facets >= FACET_COMBINATIONS) throw new IllegalArgumentException("facets: " + facets);
    if (subjectBits < 0 || subjectBits >= SUBJECTS) throw new IllegalArgumentException("subjectBits: " + subjectBits);
  }

  /** A dense index within one body's table. */
  public int index() {
    return index(facets, kind, basis, purpose, subjectBits);
  }

  /** Derived from the enums' sizes, so a new kind, basis or purpose gets memo slots of its own. */
  public static int index(int facets, Kind kind, Basis basis, Purpose purpose, int subjectBits) {
    return (((facets * KINDS + kind.ordinal()) * BASES + basis.ordinal()) * PURPOSES + purpose.ordinal())
        * SUBJECTS + subjectBits;
  }

  public Subject subject() {
    return Subject.ofBits(subjectBits);
  }
}
