package org.sanctuary.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sanctuary.report.RawFigures.Source;
import org.sanctuary.report.TableSpec.Shape;

/**
 * The tables of the annual report. The code lists match the stores' CHECK constraints (a test
 * holds them to the enums); requester agencies, departments, datasets and rules are listed as seen.
 */
public final class AnnualTables {
  public static final String REQUESTS = "requests";
  public static final String REPORTS = "reports";
  public static final String GATEWAY = "gateway";

  static final List<String> REQUEST_OUTCOMES = List.of("DENY", "PERMIT");
  static final List<String> BODIES = List.of("CITY", "CITY_CLERK", "COOK_COUNTY", "COOK_COUNTY_SHERIFF", "CPD");
  static final List<String> KINDS = List.of("ASSISTANCE", "DATABASE_ACCESS", "DETAINER", "INFORMATION",
      "INTERVIEW", "NOTIFICATION", "TRANSFER");
  static final List<String> OFFICES = List.of("COPA", "OIG");
  static final List<String> CATEGORIES = List.of("HELD_FOR_ICE", "ICE_ACCESS", "INFORMATION_SHARED",
      "OPERATION_SUPPORT", "OTHER", "SERVICE_REFUSED", "STATUS_QUESTION", "THREAT_OF_DEPORTATION");
  static final List<String> EMPLOYEE_TYPES = List.of("CITY", "POLICE");
  static final List<String> STATUSES = List.of("RECEIVED", "ASSIGNED", "INVESTIGATING", "FINDING_SUSTAINED",
      "FINDING_NOT_SUSTAINED", "FINDING_UNFOUNDED", "FINDING_EXONERATED", "REFERRED", "CLOSED");
  static final List<String> GATEWAY_OUTCOMES = List.of("DENY", "ERROR", "PERMIT");
  static final List<String> PURPOSES = List.of("CIVIL_IMMIGRATION", "CRIMINAL");
  /** The measures of the time-to-finding table. */
  public static final List<String> FINDING_MEASURES = List.of("findings", "medianDays", "p90Days");
  /** Department code for reports whose ledger entry predates the department field (version 1). */
  public static final String NOT_IN_LEDGER = "NOT_IN_LEDGER";

  private static final String SAME_PERIOD_REQUESTS = "Counts the federal requests recorded in Sanctuary and "
      + "received in the year; a request answered without being recorded here is not counted.";
  private static final String ENGINE_OUTCOME = "The outcome is the answer the rules gave (DENY or PERMIT), not "
      + "what staff then did.";
  private static final String REPORTS_PERIOD = "Counts the violation reports received in the year (Chicago time) "
      + "through Sanctuary; complaints made to COPA or the Inspector General another way are not counted.";
  private static final String GATEWAY_PERIOD = "Counts every look-up through the data firewall in the year "
      + "(Chicago time), refused or not; access to police records by other routes is not counted.";

  private AnnualTables() {}

  static List<TableSpec> specs(int year) {
    List<String> months = months(year);
    List<TableSpec> out = new ArrayList<>();
    out.add(cross("requests-by-agency-and-outcome", "Federal requests by receiving agency and outcome", REQUESTS,
        Source.REQUESTS, "receivingAgency", BODIES, "outcome", REQUEST_OUTCOMES,
        List.of(SAME_PERIOD_REQUESTS, ENGINE_OUTCOME)));
    out.add(cross("requests-by-requester-and-outcome", "Federal requests by requesting agency and outcome",
        REQUESTS, Source.REQUESTS, "requester", List.of(), "outcome", REQUEST_OUTCOMES,
        List.of(SAME_PERIOD_REQUESTS, ENGINE_OUTCOME, "UNKNOWN is a requester the agency registry could not "
            + "name.")));
    out.add(cross("requests-by-kind-and-outcome", "Federal requests by kind and outcome", REQUESTS,
        Source.REQUESTS, "kind", KINDS, "outcome", REQUEST_OUTCOMES, List.of(SAME_PERIOD_REQUESTS, ENGINE_OUTCOME)));
    out.add(cross("requests-by-month-and-outcome", "Federal requests by month received and outcome", REQUESTS,
        Source.REQUESTS, "month", months, "outcome", REQUEST_OUTCOMES,
        List.of(SAME_PERIOD_REQUESTS, ENGINE_OUTCOME)));

    String office = "Office is where the routing rules sent the report: COPA (police) or the Office of "
        + "Inspector General (other city employees).";
    out.add(cross("reports-by-category-and-office", "Violation reports by category and office", REPORTS,
        Source.REPORTS, "category", CATEGORIES, "routedTo", OFFICES, List.of(REPORTS_PERIOD, office)));
    out.add(cross("reports-by-employee-type-and-office", "Violation reports by employee type and office",
        REPORTS, Source.REPORTS, "employeeType", EMPLOYEE_TYPES, "routedTo", OFFICES,
        List.of(REPORTS_PERIOD, office)));
    out.add(cross("reports-by-department-and-office", "Violation reports by department and office", REPORTS,
        Source.REPORTS, "department", List.of(), "routedTo", OFFICES, List.of(REPORTS_PERIOD, office,
            NOT_IN_LEDGER + " counts reports recorded before the ledger carried the department.")));
    out.add(cross("reports-by-status-and-office", "Violation reports by status (and finding) and office",
        REPORTS, Source.REPORTS, "status", STATUSES, "routedTo", OFFICES, List.of(REPORTS_PERIOD,
            "Status as of the checkpoint the report cites: a report received late in the year may still be open.",
            "The finding is the investigating office's; it does not say whether discipline followed.")));
    out.add(cross("reports-by-month-and-office", "Violation reports by month received and office", REPORTS,
        Source.REPORTS, "month", months, "routedTo", OFFICES, List.of(REPORTS_PERIOD, office)));
    out.add(new TableSpec("reports-time-to-finding", "Days from report to finding, by office",
        "reports with a finding; days", Source.REPORTS, Shape.TIME_TO_FINDING, List.of("routedTo", "measure"),
        Map.of("routedTo", OFFICES, "measure", FINDING_MEASURES), null, List.of(REPORTS_PERIOD,
            "findings counts the reports received in the year that had a finding (sustained, not sustained, "
                + "unfounded or exonerated) by the checkpoint; medianDays and p90Days are whole days from the "
                + "report to its first finding, nearest-rank median and 90th percentile.",
            "A median or percentile over fewer than 11 reports is not shown. Reports still open are not in "
                + "these figures, so early in a year they understate the time taken.")));

    out.add(cross("gateway-by-requester-and-outcome", "Record look-ups by requesting agency and outcome",
        GATEWAY, Source.GATEWAY, "requester", List.of(), "outcome", GATEWAY_OUTCOMES,
        List.of(GATEWAY_PERIOD, "ERROR is a permitted look-up whose record source did not answer.")));
    out.add(cross("gateway-by-dataset-and-outcome", "Record look-ups by dataset and outcome", GATEWAY,
        Source.GATEWAY, "dataset", List.of(), "outcome", GATEWAY_OUTCOMES, List.of(GATEWAY_PERIOD)));
    out.add(cross("gateway-by-purpose-and-outcome", "Record look-ups by stated purpose and outcome", GATEWAY,
        Source.GATEWAY, "purpose", PURPOSES, "outcome", GATEWAY_OUTCOMES, List.of(GATEWAY_PERIOD,
            "The purpose is the one the requesting agency stated.")));
    out.add(cross("gateway-by-month-and-outcome", "Record look-ups by month and outcome", GATEWAY,
        Source.GATEWAY, "month", months, "outcome", GATEWAY_OUTCOMES, List.of(GATEWAY_PERIOD)));
    out.add(new TableSpec("gateway-refusals-by-rule", "Refused look-ups by the rule that refused them",
        GATEWAY, Source.GATEWAY, Shape.LIST, List.of("rule"), Map.of(), null, List.of(GATEWAY_PERIOD,
            "A look-up refused by several rules counts under each, so the rows do not add up to the refusals.",
            "A rule is pack:rule from the policy packs, or agreement:none, agreement:dataset or "
                + "agreement:purpose when the partner's data-sharing agreement did not cover the look-up.")));
    return out;
  }

  private static TableSpec cross(String id, String title, String family, Source source, String rowDim,
      List<String> rows, String colDim, List<String> cols, List<String> notes) {
    return new TableSpec(id, title, unitOf(source), source, Shape.CROSS, List.of(rowDim, colDim),
        Map.of(rowDim, rows, colDim, cols), family, notes);
  }

  private static String unitOf(Source source) {
    return switch (source) {
      case REQUESTS -> "requests";
      case REPORTS -> "reports";
      case GATEWAY -> "look-ups";
    };
  }

  /** The months of a year as {@code YYYY-MM}. */
  public static List<String> months(int year) {
    List<String> out = new ArrayList<>(12);
    for (int m = 1; m <= 12; m++) out.add(String.format("%04d-%02d", year, m));
    return out;
  }
}
