package org.sanctuary.policy;

public enum Outcome {
  DENY,
  PERMIT
}
