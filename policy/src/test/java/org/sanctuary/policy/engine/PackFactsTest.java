package org.sanctuary.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.PackStatus;
import org.sanctuary.policy.pack.CompiledPack;
import org.sanctuary.policy.pack.PolicyPack;
import org.sanctuary.policy.pack.Provision;
import org.sanctuary.policy.pack.Rule;

/**
 * What the packs say about themselves: status, dates, notes and verified flags. The legal review
 * (findings 6 to 9) found claims stronger than their sources; these tests keep them honest.
 */
class PackFactsTest {
  private static PolicyPack pack(String id) {
    return PackTestsTest.PACKS.stream().map(CompiledPack::pack).filter(p -> p.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no pack " + id));
  }

  private static Rule rule(String pack, String rule) {
    return pack(pack).rule(rule).orElseThrow(() -> new AssertionError("no rule " + pack + ":" + rule));
  }

  private static Provision provision(String pack, String id) {
    return pack(pack).provisions().stream().filter(p -> p.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no provision " + pack + ":" + id));
  }

  @Test
  void cpd2019Directive_isADirectiveNotEnactedLaw_andStillDecides() {
    PolicyPack p = pack("chicago-cpd-2019-ice-database");
    assertThat(p.status()).isEqualTo(PackStatus.DIRECTIVE);
    assertThat(p.title()).contains("not an enacted law");
    assertThat(EngineTest.ENGINE.decides(p)).isTrue();
  }

  @Test
  void cpd2019Directive_scopeIsImmigrationEnforcementDatabases_andTheWiderStatementIsAttributed() {
    Rule directive = rule("chicago-cpd-2019-ice-database", "no-ice-immigration-database-access");
    assertThat(directive.text()).contains("databases related to federal immigration enforcement activities")
        .doesNotContain("any purpose");
    assertThat(directive.when()).contains("CIVIL_IMMIGRATION");
    Rule statement = rule("chicago-cpd-2019-ice-database", "no-ice-clear-access");
    assertThat(statement.citation()).contains("7/10/2019");
    assertThat(statement.verified()).isFalse();
  }

  @Test
  void cpd2019Directive_notesTheSeedReportOnTheCarveOuts() {
    assertThat(pack("chicago-cpd-2019-ice-database").source().note())
        .contains("still honors three of the four carve-outs");
  }

  @Test
  void familiesTogetherAct_bans287gFromJune2019_withItsOwnCitation() {
    PolicyPack p = pack("illinois-keep-families-together-2019");
    assertThat(p.from()).isEqualTo(LocalDate.of(2019, 6, 21));
    assertThat(p.status()).isEqualTo(PackStatus.ENACTED);
    assertThat(p.binds()).containsExactlyInAnyOrder(Body.CPD, Body.COOK_COUNTY_SHERIFF);
    Provision ban = provision("illinois-keep-families-together-2019", "no-287g");
    assertThat(ban.citation()).isEqualTo("P.A. 101-0019, sec. 5(b)");
    assertThat(ban.verified()).isTrue();
    assertThat(pack("illinois-trust-act-2021").provisions()).extracting(Provision::citation)
        .noneMatch(c -> c.contains("287"));
  }

  @Test
  void trustAct2021_marchFirstIsNotClaimedAsStatute() {
    for (String r : new String[] {"record-detainer-or-warrant", "record-assistance-request"}) {
      assertThat(rule("illinois-trust-act-2021", r).text()).doesNotContain("March 1");
    }
    assertThat(provision("illinois-trust-act-2021", "annual-report").text()).contains("annually")
        .contains("the Attorney General's practice, not the statute's words");
  }

  @Test
  void act2020_oemcNotification_isNotClaimedAsTheOrdinancesWords() {
    Rule r = rule("chicago-act-2020", "document-assistance-request");
    assertThat(r.verified()).isFalse();
    assertThat(r.text()).doesNotStartWith("Notify OEMC");
  }

  @Test
  void cook_noReimbursementAgreement_isNotMarkedVerified() {
    Rule r = rule("cook-county-2011", "decline-detainers");
    assertThat(r.verified()).isFalse();
    assertThat(r.text()).doesNotContain("(none exists)");
  }

  @Test
  void noDhsLocalPolicy_hasNoVerifiedSource() {
    PolicyPack p = pack("chicago-no-dhs-database-access");
    assertThat(p.source().verified()).isFalse();
    assertThat(p.rules()).allSatisfy(r -> assertThat(r.verified()).isFalse());
  }

  @Test
  void chicago2021_startsOnPassage_andSaysWhy() {
    PolicyPack p = pack("chicago-2021");
    assertThat(p.from()).isEqualTo(LocalDate.of(2021, 1, 27));
    assertThat(pack("chicago-wco-2012").to()).isEqualTo(p.from());
    assertThat(p.source().note()).contains("2021-01-27").contains("2021-02-23").contains("fail");
  }

  @Test
  void everyRuleAndProvision_citesItsSection() {
    for (CompiledPack cp : PackTestsTest.PACKS) {
      assertThat(cp.pack().rules()).allSatisfy(r -> assertThat(r.citation()).isNotBlank());
      assertThat(cp.pack().provisions()).allSatisfy(r -> assertThat(r.citation()).isNotBlank());
    }
  }
}
