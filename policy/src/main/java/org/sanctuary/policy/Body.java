package org.sanctuary.policy;

/** The city or county body that received a federal request; packs say which bodies they bind. */
public enum Body {
  /** Chicago Police Department. */
  CPD,
  /** Cook County Sheriff's Office, which runs the county jail. */
  COOK_COUNTY_SHERIFF,
  /** Any other Chicago department or employee. */
  CITY
}
