package org.sanctuary.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sanctuary.cases.CaseStatus;
import org.sanctuary.incidents.model.Category;
import org.sanctuary.incidents.model.EmployeeType;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Kind;

class AnnualReportsTest {
  private static final AnnualReport.Checkpoint CHECKPOINT = new AnnualReport.Checkpoint(42, "cm9vdA==");

  @Test
  void build_requestsByAgency_hasCellsMarginsAndSuppressedSmallCounts() {
    Map<String, Map<List<String>, Long>> counts = new HashMap<>();
    counts.put("requests-by-agency-and-outcome", Map.of(
        List.of("CPD", "DENY"), 120L, List.of("CPD", "PERMIT"), 4L,
        List.of("COOK_COUNTY_SHERIFF", "DENY"), 60L, List.of("COOK_COUNTY_SHERIFF", "PERMIT"), 30L));
    AnnualReport report = AnnualReports.build(raw(counts));
    Table t = report.table("requests-by-agency-and-outcome").orElseThrow();

    assertThat(t.dimensions()).containsExactly("receivingAgency", "outcome");
    assertThat(t.values("receivingAgency")).containsExactly("CITY", "CITY_CLERK", "COOK_COUNTY", "COOK_COUNTY_SHERIFF", "CPD", "ALL");
    assertThat(cell(t, "CPD", "PERMIT")).isEqualTo(new Cell(key("CPD", "PERMIT"), null, true));
    // the 4 is hidden with three more interior cells, a rectangle; every total stays shown
    // (docs/reports.md walks through this example)
    for (String[] k : new String[][] {{"CPD", "DENY"}, {"COOK_COUNTY_SHERIFF", "DENY"}, {"COOK_COUNTY_SHERIFF", "PERMIT"}}) {
      assertThat(cell(t, k[0], k[1]).suppressed()).as("%s %s", k[0], k[1]).isTrue();
    }
    for (Cell c : t.cells()) if (c.isTotal()) assertThat(c.suppressed()).as("%s", c.key()).isFalse();
    assertThat(cell(t, "CITY", "DENY").count()).isZero();
    assertThat(cell(t, "ALL", "ALL").suppressed()).isFalse();
    assertThat(cell(t, "ALL", "ALL").count()).isEqualTo(214L);
  }

  @Test
  void build_familyTotals_hiddenInOneTableAreHiddenInAll() {
    // the PERMIT total is 9: hidden everywhere it appears
    Map<String, Map<List<String>, Long>> counts = new HashMap<>();
    counts.put("requests-by-agency-and-outcome", Map.of(List.of("CPD", "DENY"), 500L, List.of("CPD", "PERMIT"), 9L));
    counts.put("requests-by-kind-and-outcome", Map.of(List.of("DETAINER", "DENY"), 300L,
        List.of("INFORMATION", "DENY"), 200L, List.of("INFORMATION", "PERMIT"), 9L));
    counts.put("requests-by-requester-and-outcome", Map.of(List.of("ICE", "DENY"), 500L, List.of("FBI", "PERMIT"), 9L));
    counts.put("requests-by-month-and-outcome", Map.of(List.of("2025-01", "DENY"), 500L, List.of("2025-02", "PERMIT"), 9L));
    AnnualReport report = AnnualReports.build(raw(counts));
    List<Boolean> denyTotalHidden = new ArrayList<>();
    for (String id : List.of("requests-by-agency-and-outcome", "requests-by-kind-and-outcome",
        "requests-by-requester-and-outcome", "requests-by-month-and-outcome")) {
      Table t = report.table(id).orElseThrow();
      String rowDim = t.dimensions().get(0);
      assertThat(t.cell(Map.of(rowDim, "ALL", "outcome", "PERMIT")).orElseThrow().suppressed()).as(id).isTrue();
      denyTotalHidden.add(t.cell(Map.of(rowDim, "ALL", "outcome", "DENY")).orElseThrow().suppressed());
    }
    assertThat(denyTotalHidden).as("the DENY total is hidden in all or in none").containsOnly(denyTotalHidden.get(0));
  }

  @Test
  void build_timeToFinding_hidesStatisticsOverFewerThanElevenReports() {
    Map<String, List<Long>> days = Map.of("COPA", List.of(3L, 9L, 1L, 40L, 12L, 7L, 7L, 20L, 30L, 2L, 5L, 6L),
        "OIG", List.of(4L, 8L));
    RawFigures raw = new RawFigures(2025, CHECKPOINT, false, Map.of(), Map.of(), days);
    Table t = AnnualReports.build(raw).table("reports-time-to-finding").orElseThrow();
    // sorted: 1 2 3 5 6 7 7 9 12 20 30 40 -> rank 6 is 7, rank ceil(10.8) = 11 is 30
    assertThat(t.cell(Map.of("routedTo", "COPA", "measure", "medianDays")).orElseThrow().count()).isEqualTo(7L);
    assertThat(t.cell(Map.of("routedTo", "COPA", "measure", "p90Days")).orElseThrow().count()).isEqualTo(30L);
    assertThat(t.cell(Map.of("routedTo", "OIG", "measure", "findings")).orElseThrow().suppressed()).isTrue();
    assertThat(t.cell(Map.of("routedTo", "OIG", "measure", "medianDays")).orElseThrow().suppressed()).isTrue();
    // 12 + 2 = 14: with COPA's 12 shown the total would give OIG's 2 away, so the smaller of the
    // two other figures, COPA's 12, is hidden as well
    assertThat(t.cell(Map.of("routedTo", "COPA", "measure", "findings")).orElseThrow().suppressed()).isTrue();
    assertThat(t.cell(Map.of("routedTo", "ALL", "measure", "findings")).orElseThrow().count()).isEqualTo(14L);
  }

  @Test
  void charts_hiddenCells_neverDrawTheirValue() {
    Map<String, Map<List<String>, Long>> counts = new HashMap<>();
    counts.put("requests-by-agency-and-outcome", Map.of(List.of("CPD", "DENY"), 1234L, List.of("CPD", "PERMIT"), 7L,
        List.of("CITY", "DENY"), 2345L, List.of("CITY", "PERMIT"), 3456L));
    counts.put("requests-by-month-and-outcome", Map.of(List.of("2025-03", "DENY"), 4567L, List.of("2025-03", "PERMIT"), 7L));
    AnnualReport report = AnnualReports.build(raw(counts));
    String bars = Charts.bars(report.table("requests-by-agency-and-outcome").orElseThrow());
    String months = Charts.months(report.table("requests-by-month-and-outcome").orElseThrow());
    for (String svg : List.of(bars, months)) {
      assertThat(svg).startsWith("<svg").endsWith("</svg>").doesNotContain(">7<").doesNotContain("<script");
    }
    assertThat(bars).contains("not shown").contains(">3,456<");
  }

  @Test
  void nearestRank_smallLists_pickTheRankedValue() {
    assertThat(AnnualReports.nearestRank(List.of(5L), 50)).isEqualTo(5L);
    assertThat(AnnualReports.nearestRank(List.of(1L, 2L), 50)).isEqualTo(1L);
    assertThat(AnnualReports.nearestRank(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), 90)).isEqualTo(9L);
    assertThat(AnnualReports.nearestRank(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), 90)).isEqualTo(10L);
  }

  @Test
  void json_randomFigures_matchContractAndShowNoCountFromOneToTen() throws Exception {
    Random random = new Random(5L);
    Map<String, Map<List<String>, Long>> counts = new HashMap<>();
    Map<List<String>, Long> byKind = new HashMap<>();
    for (String k : AnnualTables.KINDS) {
      for (String o : AnnualTables.REQUEST_OUTCOMES) byKind.put(List.of(k, o), (long) random.nextInt(40));
    }
    counts.put("requests-by-kind-and-outcome", byKind);
    counts.put("gateway-refusals-by-rule", Map.of(List.of("illinois-trust-act-2017:database"), 7L,
        List.of("agreement:none"), 400L));
    JsonNode json = new ObjectMapper().readTree(ReportJson.write(AnnualReports.build(raw(counts))));

    assertThat(json.get("report").asText()).isEqualTo("annual");
    assertThat(json.get("year").asInt()).isEqualTo(2025);
    assertThat(json.get("checkpoint").get("size").asLong()).isEqualTo(42);
    assertThat(json.get("checkpoint").get("root").asText()).isEqualTo("cm9vdA==");
    assertThat(json.get("suppression").get("minimum").asInt()).isEqualTo(11);
    assertThat(json.get("tables")).hasSize(15);
    for (JsonNode table : json.get("tables")) {
      assertThat(table.fieldNames()).toIterable().contains("id", "title", "dimensions", "cells", "packs", "notes");
      for (JsonNode cell : table.get("cells")) {
        if (cell.get("suppressed").asBoolean()) {
          assertThat(cell.get("count").isNull()).isTrue();
        } else if (!table.get("id").asText().equals("reports-time-to-finding")) {
          assertThat(cell.get("count").asLong()).as("%s %s", table.get("id"), cell).matches(n -> n == 0 || n >= 11);
        }
      }
    }
    JsonNode refusals = json.get("tables").get(14);
    assertThat(refusals.get("id").asText()).isEqualTo("gateway-refusals-by-rule");
    assertThat(refusals.get("cells").get(1).get("key").get("rule").asText()).isEqualTo("illinois-trust-act-2017:database");
    assertThat(refusals.get("cells").get(1).get("count").isNull()).isTrue();
  }

  @Test
  void csv_cells_oneRowEachWithTableIdAndEmptyCountWhenSuppressed() {
    Map<String, Map<List<String>, Long>> counts = Map.of("gateway-refusals-by-rule",
        Map.of(List.of("=cmd"), 7L, List.of("agreement:none"), 400L));
    String csv = ReportCsv.write(AnnualReports.build(raw(counts)));
    assertThat(csv).startsWith(ReportCsv.HEADER + "\r\n");
    assertThat(csv).contains("gateway-refusals-by-rule,rule,'=cmd,,,,true,false\r\n");
    assertThat(csv).contains("gateway-refusals-by-rule,rule,agreement:none,,,400,false,false\r\n");
    assertThat(csv).contains("requests-by-agency-and-outcome,receivingAgency,ALL,outcome,ALL,0,false,false\r\n");
  }

  @Test
  void codeLists_matchTheEnumsOfTheParts() {
    assertThat(AnnualTables.BODIES).containsExactlyInAnyOrderElementsOf(names(Body.class));
    assertThat(AnnualTables.KINDS).containsExactlyInAnyOrderElementsOf(names(Kind.class));
    assertThat(AnnualTables.CATEGORIES).containsExactlyInAnyOrderElementsOf(names(Category.class));
    assertThat(AnnualTables.EMPLOYEE_TYPES).containsExactlyInAnyOrderElementsOf(names(EmployeeType.class));
    assertThat(AnnualTables.STATUSES).containsExactlyInAnyOrderElementsOf(names(CaseStatus.class));
  }

  private static <E extends Enum<E>> Set<String> names(Class<E> type) {
    Set<String> out = new java.util.HashSet<>();
    for (E e : EnumSet.allOf(type)) out.add(e.name());
    return out;
  }

  private static RawFigures raw(Map<String, Map<List<String>, Long>> counts) {
    return new RawFigures(2025, CHECKPOINT, false, counts, Map.of(), Map.of());
  }

  private static Cell cell(Table t, String row, String col) {
    return t.cell(key(row, col)).orElseThrow();
  }

  private static Map<String, String> key(String agency, String outcome) {
    Map<String, String> k = new java.util.LinkedHashMap<>();
    k.put("receivingAgency", agency);
    k.put("outcome", outcome);
    return k;
  }
}
