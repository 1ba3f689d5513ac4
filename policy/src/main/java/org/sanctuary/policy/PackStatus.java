package org.sanctuary.policy;

/** Whether a pack decides requests. */
public enum PackStatus {
  /** Law or binding directive: decides while in force. */
  ENACTED,
  /**
   * An administrative directive an executive announced (not an ordinance, statute or signed
   * order), known only as reported: decides while in force, like enacted law, so that CPD follows
   * what it was told, but never passes for an enacted law.
   */
  DIRECTIVE,
  /** Never enacted (for example the 2019 draft executive order): for comparison only. */
  PROPOSED,
  /** The city's own stricter policy: decides only when the city switches it on. */
  LOCAL_POLICY;

  /** The spelling used in pack files. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
