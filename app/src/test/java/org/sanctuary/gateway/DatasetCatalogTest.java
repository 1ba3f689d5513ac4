package org.sanctuary.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sanctuary.policy.yaml.SourceException;

class DatasetCatalogTest {
  private static final String GOOD = """
      datasets:
        - id: people
          title: People by district
          rowLimit: 10
          parameters:
            - {name: district, type: integer, min: 1, max: 25}
          sql: SELECT id, first_name FROM demo_records.persons WHERE id = :district
          returns: [id, first_name]
          neverLeave: []
          marked: [id]
      """;

  @Test
  void parse_goodFile_turnsNamedParametersIntoBoundPlaceholders() {
    Dataset d = DatasetCatalog.parse("d.yaml", GOOD).find("people").orElseThrow();
    assertThat(d.jdbcSql()).endsWith("WHERE id = ?").doesNotContain(":district");
    assertThat(d.bindOrder()).containsExactly("district");
  }

  @Test
  void parse_datasetReturningCitizenship_isRefusedWithFileAndLine() {
    String bad = GOOD.replace("returns: [id, first_name]", "returns: [id, first_name, citizenship]");
    assertThatThrownBy(() -> DatasetCatalog.parse("d.yaml", bad))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("d.yaml:8")
        .hasMessageContaining("'citizenship' is a forbidden field");
  }

  @Test
  void parse_everyErrorIsReportedAtOnce() {
    String bad = GOOD.replace("type: integer", "type: number").replace("neverLeave: []", "neverLeave: [address]")
        .replace(":district", ":area");
    assertThatThrownBy(() -> DatasetCatalog.parse("d.yaml", bad))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("type 'number' is unknown")
        .hasMessageContaining("neverLeave: 'address' is not in 'returns'")
        .hasMessageContaining("sql uses :area");
  }

  @Test
  void parse_statementOtherThanSelect_isRefused() {
    String bad = GOOD.replace("sql: SELECT id, first_name FROM demo_records.persons WHERE id = :district",
        "sql: DELETE FROM demo_records.persons WHERE id = :district");
    assertThatThrownBy(() -> DatasetCatalog.parse("d.yaml", bad)).hasMessageContaining("one SELECT statement");
  }

  @Test
  void builtIn_declaresTheDemoDatasetsWithNeverLeaveFields() {
    DatasetCatalog c = DatasetCatalog.builtIn();
    assertThat(c.ids()).containsExactly("demo-arrests", "demo-district-arrests");
    assertThat(c.find("demo-arrests").orElseThrow().released()).doesNotContain("home_address", "victim_flag");
  }
}
