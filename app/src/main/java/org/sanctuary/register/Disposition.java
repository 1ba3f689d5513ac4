package org.sanctuary.register;

/** What became of the person a detainer or warrant named (5 ILCS 805/25(a)(2)(C)). */
public enum Disposition {
  RELEASED,
  TRANSFERRED,
  REMAINS_IN_CUSTODY,
  NOT_IN_CUSTODY
}
