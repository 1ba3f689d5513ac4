package org.sanctuary.policy;

/** What a federal request asks the city to do. */
public enum Kind {
  /** Hold a person past the time they would be released. */
  DETAINER,
  /** Tell the requester when a person is released. */
  NOTIFICATION,
  /** Hand a person into the requester's custody. */
  TRANSFER,
  /** Access to a person in custody, or use of a facility for interviews. */
  INTERVIEW,
  /** Facts about a person: custody status, release date, address, contact details. */
  INFORMATION,
  /** Querying a police database or data-sharing platform. */
  DATABASE_ACCESS,
  /** Police support for an enforcement operation (perimeters, on-site support, arrests). */
  ASSISTANCE
}
