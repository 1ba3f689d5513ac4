package org.sanctuary.incidents.model;

/** Whom the report is about: a police employee, or any other city employee. */
public enum EmployeeType {
  POLICE,
  CITY
}
