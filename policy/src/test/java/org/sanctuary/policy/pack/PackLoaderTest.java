package org.sanctuary.policy.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanctuary.policy.yaml.SourceError;
import org.sanctuary.policy.yaml.SourceException;

class PackLoaderTest {
  private static final String GOOD = String.join("\n",
      "id: good-pack",
      "title: A good pack",
      "jurisdiction: Testville",
      "binds: [CPD]",
      "effective: {from: 2020-01-01}",
      "status: enacted",
      "source: {citation: Test Code 1, verified: true}",
      "default: {citation: Test Code 1, text: nothing applies}",
      "rules:",
      "  - id: no-detainers",
      "    citation: Test Code 1(a)",
      "    text: no detainer holds",
      "    when: kind == 'DETAINER'",
      "    effect: deny",
      "");

  private static final String BAD = String.join("\n",
      "id: bad-pack",
      "title: A pack with many errors",
      "jurisdiction: Testville",
      "binds: [CPD, POLICE_OF_MARS]",                       // line 4
      "effective: {from: 2020-01-01, to: 2019-01-01}",      // line 5
      "status: enacted",
      "source: {citation: Test Code 2}",
      "rules:",
      "  - id: typo-in-value",                               // line 9
      "    citation: Test Code 2(a)",
      "    text: a typo",
      "    when: kind == 'DETAINR'",                          // line 12
      "    effect: deny",
      "  - id: unknown-variable",
      "    citation: Test Code 2(b)",
      "    text: an unknown variable",
      "    when: colour == 'red'",                            // line 17
      "    effect: deny",
      "  - id: lifts-nothing-real",                          // line 19
      "    citation: Test Code 2(c)",
      "    text: an exception without a target",
      "    when: basis == 'JUDICIAL_WARRANT'",
      "    effect: permit",
      "    lifts: [no-such-rule]",
      "  - id: bad-effect",
      "    citation: Test Code 2(d)",
      "    text: not an effect",
      "    when: subject.felony",                             // line 28
      "    effect: maybe",                                    // line 29
      "");

  @Test
  void builtIn_loadsEveryPackInTheIndex() {
    List<CompiledPack> packs = PackLoader.builtIn();
    assertThat(packs).extracting(CompiledPack::id).contains("chicago-wco-2012", "chicago-2021",
        "illinois-trust-act-2017", "illinois-trust-act-2021", "cook-county-2011", "chicago-draft-eo-2019",
        "chicago-no-dhs-database-access");
    assertThat(packs).allSatisfy(p -> assertThat(p.pack().rules()).allSatisfy(r -> {
      assertThat(r.citation()).isNotBlank();
      assertThat(r.text()).isNotBlank();
    }));
  }

  @Test
  void load_reportsEveryErrorInEveryFileAtOnce_andLoadsNothing() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("packs/good-pack.yaml", GOOD);
    files.put("packs/bad-pack.yaml", BAD);
    files.put("packs/broken.yaml", "id: [unclosed\n");
    assertThatThrownBy(() -> PackLoader.load(files))
        .isInstanceOf(SourceException.class)
        .satisfies(e -> {
          List<String> errors = ((SourceException) e).errors().stream().map(SourceError::toString).toList();
          assertThat(errors).anyMatch(s -> s.startsWith("packs/bad-pack.yaml:4:") && s.contains("POLICE_OF_MARS"));
          assertThat(errors).anyMatch(s -> s.startsWith("packs/bad-pack.yaml:5:") && s.contains("must be after"));
          assertThat(errors).anyMatch(s -> s.startsWith("packs/bad-pack.yaml:12:") && s.contains("unknown value 'DETAINR'"));
          assertThat(errors).anyMatch(s -> s.startsWith("packs/bad-pack.yaml:17:") && s.contains("colour"));
          assertThat(errors).anyMatch(s -> s.contains("lifts 'no-such-rule'"));
          assertThat(errors).anyMatch(s -> s.startsWith("packs/bad-pack.yaml:28:") && s.contains("subject.felony"));
          assertThat(errors).anyMatch(s -> s.startsWith("packs/bad-pack.yaml:29:") && s.contains("'maybe'"));
          assertThat(errors).anyMatch(s -> s.contains("needs a 'default'"));
          assertThat(errors).anyMatch(s -> s.startsWith("packs/broken.yaml:") && s.contains("not valid YAML"));
          assertThat(errors).noneMatch(s -> s.startsWith("packs/good-pack.yaml"));
        });
  }

  @Test
  void load_goodPackAlone_compilesItsConditions() {
    List<CompiledPack> packs = PackLoader.load(Map.of("packs/good-pack.yaml", GOOD));
    assertThat(packs).singleElement().satisfies(p -> {
      assertThat(p.pack().rules()).extracting(Rule::id).containsExactly("no-detainers");
      assertThat(p.conditions()).hasSize(1);
    });
  }

  @Test
  void load_fileNameMustMatchId() {
    assertThatThrownBy(() -> PackLoader.load(Map.of("packs/other-name.yaml", GOOD)))
        .hasMessageContaining("must be in a file named good-pack.yaml");
  }

  @Test
  void load_ruleWithEffectNote_isRefused() {
    String note = GOOD.replace("effect: deny", "effect: note");
    assertThatThrownBy(() -> PackLoader.load(Map.of("packs/good-pack.yaml", note)))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("effect 'note' is not one of deny, permit, obligation");
  }

  @Test
  void load_dutyDueOnceOrEveryYear_isRead_andOneWithBothOrBadDayIsRefused() {
    String good = GOOD + String.join("\n",
        "duties:",
        "  - {id: yearly-report, citation: Test Code 3, text: report, dueEveryYear: 03-01}",
        "  - {id: end-contracts, citation: Test Code 4, text: end them, dueOn: 2022-01-01, verified: true}",
        "");
    assertThat(PackLoader.load(Map.of("packs/good-pack.yaml", good))).singleElement().satisfies(p -> {
      assertThat(p.pack().duties()).extracting(Duty::id).containsExactly("yearly-report", "end-contracts");
      assertThat(p.pack().duties().get(0).dueEveryYear()).isEqualTo(java.time.MonthDay.of(3, 1));
      assertThat(p.pack().duties().get(1).dueOn()).isEqualTo(java.time.LocalDate.of(2022, 1, 1));
    });
    String bad = GOOD + String.join("\n",
        "duties:",
        "  - {id: both, citation: Test Code 3, text: report, dueEveryYear: 03-01, dueOn: 2022-01-01}",
        "  - {id: bad-day, citation: Test Code 3, text: report, dueEveryYear: 13-45}",
        "");
    assertThatThrownBy(() -> PackLoader.load(Map.of("packs/good-pack.yaml", bad)))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("duty 'both' needs exactly one of 'dueOn'")
        .hasMessageContaining("'13-45' is not a month and day");
  }
}
