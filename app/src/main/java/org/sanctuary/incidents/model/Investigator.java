package org.sanctuary.incidents.model;

/** Who investigates a report. */
public enum Investigator {
  /** Civilian Office of Police Accountability (MCC 2-78). */
  COPA,
  /** Office of Inspector General (MCC 2-56). */
  OIG
}
