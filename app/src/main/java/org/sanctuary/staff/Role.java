package org.sanctuary.staff;

/** What a staff member may do. Investigators see only their own body's cases. */
public enum Role {
  /** Civilian Office of Police Accountability: works cases about police employees. */
  COPA_INVESTIGATOR,
  /** Office of Inspector General: works cases about other city employees. */
  OIG_INVESTIGATOR,
  /** Assigns and reviews cases of their body. */
  SUPERVISOR,
  /** Sees counts and the access log, never contact details or free text. */
  AUDITOR,
  /** Manages staff accounts, partners, keys and datasets. */
  ADMINISTRATOR,
  /** Records the federal requests a body received and completes their outcomes in the register. */
  RECORDS_CLERK
}
