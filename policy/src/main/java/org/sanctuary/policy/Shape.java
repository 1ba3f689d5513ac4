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

  /**
   * True when the request rests on a civil immigration instrument: an administrative warrant (I-200,
   * I-205, an I-247 form, an NCIC immigration hit), or a detainer that an immigration agent issued
   * and no judge signed. Such a request is civil immigration enforcement whatever purpose the
   * requester declares (5 ILCS 805/10; CPD S06-14-03); see docs/decisions.md, "The instrument
   * decides the purpose". A hold asked by another police agency is not an immigration detainer.
   */
  public boolean civilInstrument() {
    boolean immigrationAgent = (facets & Facet.IMMIGRATION_AGENT.bit()) != 0;
    return basis == Basis.ADMINISTRATIVE_WARRANT
        || (kind == Kind.DETAINER && basis != Basis.JUDICIAL_WARRANT && immigrationAgent);
  }

  /** True when the declared purpose contradicts the instrument and the packs see it as civil. */
  public boolean purposeOverridden() {
    return civilInstrument() && purpose != Purpose.CIVIL_IMMIGRATION;
  }

  /** The shape the packs evaluate: the declared purpose, unless the instrument makes it civil. */
  public Shape asEvaluated() {
    return purposeOverridden() ? new Shape(body, facets, kind, basis, Purpose.CIVIL_IMMIGRATION, subjectBits) : this;
  }

  public Subject subject() {
    return Subject.ofBits(subjectBits);
  }
}
