package org.sanctuary.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report as JSON, in the shape docs/reports.md documents (fields in that order). */
public final class ReportJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ReportJson() {}

  public static String write(AnnualReport report) {
    try {
      return MAPPER.writeValueAsString(tree(report)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report cannot be written as JSON", e);
    }
  }

  static Map<String, Object> tree(AnnualReport report) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("report", "annual");
    out.put("year", report.year());
    out.put("zone", "America/Chicago");
    Map<String, Object> checkpoint = new LinkedHashMap<>();
    checkpoint.put("size", report.checkpoint().size());
    checkpoint.put("root", report.checkpoint().root());
    out.put("checkpoint", checkpoint);
    out.put("suppression", Map.of("minimum", report.minimum()));
    out.put("synthetic", report.synthetic());
    List<Object> tables = new ArrayList<>();
    for (Table t : report.tables()) tables.add(table(t));
    out.put("tables", tables);
    return out;
  }

  private static Map<String, Object> table(Table t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("title", t.title());
    out.put("unit", t.unit());
    out.put("dimensions", t.dimensions());
    out.put("margins", t.margins());
    out.put("packs", t.packs());
    out.put("notes", t.notes());
    List<Object> cells = new ArrayList<>();
    for (Cell c : t.cells()) {
      Map<String, Object> cell = new LinkedHashMap<>();
      cell.put("key", c.key());
      cell.put("count", c.count());
      cell.put("suppressed", c.suppressed());
      cells.add(cell);
    }
    out.put("cells", cells);
    return out;
  }
}
