package org.sanctuary.policy;

/** Why the requester wants what it asks for. Required: a request without a purpose is refused. */
public enum Purpose {
  CIVIL_IMMIGRATION,
  CRIMINAL
}
