package org.sanctuary.policy.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.sanctuary.policy.yaml.SourceException;

class AgencyRegistryTest {
  static final AgencyRegistry REGISTRY = AgencyRegistry.builtIn();

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource(delimiter = '|', value = {
      "U.S. Border Patrol|USBP", "border patrol|USBP", "USBP|USBP", "United States Border Patrol|USBP",
      "  BORDER   PATROL |USBP", "ice|ICE", "I.C.E.|ICE", "Immigration & Customs Enforcement|ICE",
      "U.S. Immigration and Customs Enforcement|ICE", "Homeland Security Investigations|HSI",
      "ICE ERO|ERO", "U.S. Coast Guard|USCG", "coast guard|USCG", "FBI|FBI", "Federal Bureau of Investigation|FBI",
      "U.S. Marshals|USMS", "INS|INS", "legacy BICE acronym: BICE|ICE", "NPPD|CISA", "Secret Service|USSS",
      "u.s. customs & border protection|CBP", "Illinois State Police|ISP"})
  void resolve_anySpelling_findsTheAgency(String name, String id) {
    String asked = name.startsWith("legacy BICE") ? "BICE" : name;
    assertThat(REGISTRY.resolve(asked)).map(Agency::id).contains(id);
  }

  @Test
  void resolve_unknownName_isEmpty() {
    assertThat(REGISTRY.resolve("Department of Nothing")).isEmpty();
    assertThat(REGISTRY.resolve("")).isEmpty();
    assertThat(REGISTRY.resolve(null)).isEmpty();
  }

  @Test
  void facets_areInheritedDownTheTree() {
    Agency fams = REGISTRY.byId("FAMS").orElseThrow();
    assertThat(fams.path()).containsExactly("DHS", "TSA", "FAMS");
    assertThat(fams.isUnder("DHS")).isTrue();
    assertThat(fams.has(Facet.DHS)).isTrue();
    assertThat(fams.has(Facet.IMMIGRATION_AGENT)).isFalse();
    Agency hsi = REGISTRY.byId("HSI").orElseThrow();
    assertThat(hsi.has(Facet.ICE)).isTrue();
    assertThat(hsi.has(Facet.IMMIGRATION_AGENT)).isTrue();
    assertThat(REGISTRY.byId("FBI").orElseThrow().has(Facet.DHS)).isFalse();
    assertThat(REGISTRY.byId("ISP").orElseThrow().has(Facet.FEDERAL)).isFalse();
  }

  @Test
  void everyDhsComponentCarriesTheDhsFacet() {
    assertThat(REGISTRY.all()).filteredOn(a -> a.isUnder("DHS")).hasSizeGreaterThan(25)
        .allSatisfy(a -> assertThat(a.has(Facet.DHS)).as(a.id()).isTrue());
  }

  @Test
  void classes_groupAgenciesThatNoRuleCanTellApart() {
    var classes = REGISTRY.classes();
    assertThat(classes.get(REGISTRY.byId("ERO").orElseThrow().facetMask()))
        .extracting(Agency::id).contains("ICE", "ERO", "HSI").doesNotContain("CBP");
    assertThat(classes).hasSizeLessThan(10);
  }

  @Test
  void parse_reportsEveryErrorWithItsLine() {
    String text = String.join("\n",
        "updated: 2026-13-01",
        "agencies:",
        "  - id: ABC",
        "    name: Alpha",
        "    facets: [federal, spaceForce]",
        "  - id: abc",
        "    name: Beta",
        "    acronyms: [Alpha]",
        "    colour: red");
    assertThatThrownBy(() -> AgencyRegistry.parse("reg.yaml", text))
        .isInstanceOf(SourceException.class)
        .satisfies(e -> assertThat(((SourceException) e).errors()).extracting(Object::toString).anySatisfy(
            s -> assertThat(s).startsWith("reg.yaml:1:").contains("not a date")))
        .satisfies(e -> assertThat(((SourceException) e).errors()).extracting(Object::toString).containsAll(List.of()))
        .hasMessageContaining("reg.yaml:5:")
        .hasMessageContaining("unknown facet 'spaceForce'")
        .hasMessageContaining("id 'abc' must be upper-case")
        .hasMessageContaining("already names ABC")
        .hasMessageContaining("reg.yaml:9:")
        .hasMessageContaining("unknown key 'colour'");
  }
}
