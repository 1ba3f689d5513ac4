package org.sanctuary.policy;

/**
 * The city or county body that received a federal request; packs say which bodies they bind. New
 * values go at the end: a body's ordinal indexes the engine's tables.
 */
public enum Body {
  /** Chicago Police Department. */
  CPD,
  /** Cook County Sheriff's Office, which runs the county jail. */
  COOK_COUNTY_SHERIFF,
  /** Any other Chicago department or employee. */
  CITY,
  /** Any other Cook County office or employee (Cook County Code 46-37(b) binds all County personnel). */
  COOK_COUNTY,
  /** The Chicago City Clerk, who runs CityKey (MCC ch. 2-176); bound by chapter 2-173 like CITY. */
  CITY_CLERK;

  /** The body in words, for pages. */
  public String label() {
    return switch (this) {
      case CPD -> "Chicago Police Department";
      case COOK_COUNTY_SHERIFF -> "Cook County Sheriff";
      case CITY -> "Another Chicago department";
      case COOK_COUNTY -> "Another Cook County office";
      case CITY_CLERK -> "Chicago City Clerk (CityKey)";
    };
  }

  /** The names, for messages: "CPD, COOK_COUNTY_SHERIFF, ...". */
  public static String names() {
    return String.join(", ", java.util.Arrays.stream(values()).map(Enum::name).toList());
  }
}
