package org.sanctuary.incidents.model;

/** What happened, as the reporter chose it on the form. */
public enum Category {
  THREAT_OF_DEPORTATION,
  STATUS_QUESTION,
  HELD_FOR_ICE,
  INFORMATION_SHARED,
  ICE_ACCESS,
  OPERATION_SUPPORT,
  SERVICE_REFUSED,
  OTHER
}
