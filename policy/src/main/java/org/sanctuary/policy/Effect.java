package org.sanctuary.policy;

/** What a rule does when its condition holds. */
public enum Effect {
  /** Forbids the request. */
  DENY,
  /** An exception: lifts the deny rules of the same pack that it names. */
  PERMIT,
  /** A duty that comes with the answer, whatever the answer is. */
  OBLIGATION,
  /**
   * Not a rule of any pack: a fact Sanctuary records about how it read the request (for example a
   * declared purpose it overrode). Never decides, and packs cannot use it.
   */
  NOTE
}
