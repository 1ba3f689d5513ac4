package org.sanctuary.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.store.LedgerUnavailableException;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.agency.Agency;
import org.sanctuary.policy.agency.Facet;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.errors.Refused;
import org.sanctuary.errors.RateLimited;
import org.sanctuary.errors.CredentialRejected;

class GatewayServiceTest {
  private static GatewayFixture fx;

  @BeforeAll
  static void open() {
    fx = new GatewayFixture(TestDatabases.fresh(), Set.of());
  }

  @AfterAll
  static void close() {
    fx.close();
  }

  private static GatewayService service() {
    return fx.gateway.service();
  }

  private static List<Agency> dhsComponents() {
    return fx.engine.registry().all().stream().filter(a -> a.isUnder("DHS")).toList();
  }

  // every name the registry knows the agency by, as written, upper-cased and lower-cased
  private static List<String> spellings(Agency a) {
    List<String> names = new ArrayList<>();
    names.add(a.id());
    names.add(a.name());
    names.addAll(a.acronyms());
    names.addAll(a.aliases());
    List<String> out = new ArrayList<>();
    for (String n : names) {
      out.add(n);
      out.add(n.toUpperCase(Locale.ROOT));
      out.add(n.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  @Test
  void admit_everyDhsSpelling_whileNoDhsPolicyIsOn_isRefusedSayingWhy() {
    try (GatewayFixture own = new GatewayFixture(TestDatabases.fresh(), Set.of(GatewayAdmin.NO_DHS))) {
      Gateway strict = own.gateway;
    assertThat(dhsComponents()).hasSizeGreaterThan(20);
    int tried = 0;
    for (Agency a : dhsComponents()) {
      for (String name : spellings(a)) {
        assertThatThrownBy(() -> strict.admin().admit(name, null, null, null))
            .as(name).isInstanceOf(Refused.class)
            .satisfies(e -> assertThat(((Refused) e).citation()).isEqualTo("City policy, no DHS database access"));
        tried++;
      }
    }
    assertThat(tried).isGreaterThan(100);
    assertThat(strict.admin().partners()).isEmpty();
    }
  }

  @Test
  void query_everyDhsComponent_underNoDhsPolicy_isRefusedForAnyPurpose_andWithoutIt_byFacet() {
    try (GatewayFixture fx = new GatewayFixture(TestDatabases.fresh(), Set.of())) {
      everyDhsComponent(fx);
    }
  }

  private static void everyDhsComponent(GatewayFixture fx) {
    GatewayService service = fx.gateway.service();
    // partners admitted before the city switched the policy on (admission would now be refused)
    List<Agency> dhs = dhsComponents();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < dhs.size(); i++) {
      List<String> names = spellings(dhs.get(i));
      keys.add(fx.partnerWithKey(names.get(i % names.size())));
    }
    Gateway strict = fx.withPolicies(Set.of(GatewayAdmin.NO_DHS));
    long runs = strict.service().runner().runs();
    for (int i = 0; i < dhs.size(); i++) {
      for (Purpose p : Purpose.values()) {
        String key = keys.get(i);
        assertThatThrownBy(() -> strict.service().query("Bearer " + key, GatewayFixture.lookup(p.name())))
            .as(dhs.get(i).id() + " " + p).isInstanceOf(Refused.class);
      }
    }
    assertThat(strict.service().runner().runs()).isEqualTo(runs);

    for (int i = 0; i < dhs.size(); i++) {
      Agency a = dhs.get(i);
      String key = keys.get(i);
      boolean civilRefused = a.has(Facet.IMMIGRATION_AGENT);
      if (civilRefused) {
        assertThatThrownBy(() -> service.query("Bearer " + key, GatewayFixture.lookup("CIVIL_IMMIGRATION")))
            .as(a.id()).isInstanceOf(Refused.class);
      }
      if (a.isUnder("ICE")) {
        assertThatThrownBy(() -> service.query("Bearer " + key, GatewayFixture.lookup("CRIMINAL")))
            .as(a.id()).isInstanceOf(Refused.class)
            // the 2019 cut-off of ICE, on the reading of the 7/10/2019 statement (any purpose)
            .satisfies(e -> assertThat(((Refused) e).citation()).contains("7/10/2019"));
      }
    }
    assertThat(dhs).anyMatch(a -> a.id().equals("USCIS") && a.has(Facet.IMMIGRATION_AGENT));
    assertThat(dhs).anyMatch(a -> a.id().equals("USBP") && a.has(Facet.IMMIGRATION_AGENT));
    // a DHS component that does not enforce immigration law is served for a criminal purpose
    int fema = dhs.indexOf(fx.engine.registry().byId("FEMA").orElseThrow());
    assertThat(service.query("Bearer " + keys.get(fema), GatewayFixture.lookup("CRIMINAL")).rows()).hasSize(3);
  }

  @Test
  void query_revokedKey_isRefusedOnItsNextUse() {
    Partner p = fx.gateway.admin().admit("ATF", null, null, null);
    fx.gateway.admin().addAgreement(p.id(), List.of("demo-arrests"), EnumSet.of(Purpose.CRIMINAL),
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), true, "B. Signer");
    GatewayAdmin.IssuedKey k = fx.gateway.admin().issueKey(p.id(), null);
    assertThat(service().query("Bearer " + k.key(), GatewayFixture.lookup("CRIMINAL")).rows()).isNotEmpty();

    fx.gateway.admin().revokeKey(k.keyId());

    assertThatThrownBy(() -> service().query("Bearer " + k.key(), GatewayFixture.lookup("CRIMINAL")))
        .isInstanceOf(CredentialRejected.class);
  }

  @Test
  void rotateKey_oldKeyStops_newKeyWorks() {
    Partner p = fx.gateway.admin().admit("DEA", null, null, null);
    fx.gateway.admin().addAgreement(p.id(), List.of("demo-arrests"), EnumSet.of(Purpose.CRIMINAL),
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), true, "C. Signer");
    GatewayAdmin.IssuedKey old = fx.gateway.admin().issueKey(p.id(), null);

    GatewayAdmin.IssuedKey fresh = fx.gateway.admin().rotateKey(old.keyId());

    assertThat(fresh.key()).isNotEqualTo(old.key());
    assertThatThrownBy(() -> service().query("Bearer " + old.key(), GatewayFixture.lookup("CRIMINAL")))
        .isInstanceOf(CredentialRejected.class);
    assertThat(service().query("Bearer " + fresh.key(), GatewayFixture.lookup("CRIMINAL")).rows()).isNotEmpty();
    assertThat(fx.gateway.admin().keys(p.id())).hasSize(2);
  }

  @Test
  void query_expiredKey_isUnauthorized() {
    Partner p = fx.gateway.admin().admit("U.S. Marshals Service", null, null, null);
    GatewayAdmin.IssuedKey k = fx.gateway.admin().issueKey(p.id(), fx.clock.instant().plusSeconds(60));
    fx.clock.advance(Duration.ofSeconds(61));
    assertThatThrownBy(() -> service().query("Bearer " + k.key(), GatewayFixture.lookup("CRIMINAL")))
        .isInstanceOf(CredentialRejected.class);
  }

  @Test
  void query_outsideTheAgreement_isRefusedCitingIt() {
    Partner p = fx.gateway.admin().admit("IRS Criminal Investigation", null, null, null);
    String key = fx.gateway.admin().issueKey(p.id(), null).key();
    assertThatThrownBy(() -> service().query("Bearer " + key, GatewayFixture.lookup("CRIMINAL")))
        .isInstanceOf(Refused.class).hasMessageContaining("refused")
        .satisfies(e -> assertThat(((Refused) e).reason()).contains("no data-sharing agreement"));

    fx.gateway.admin().addAgreement(p.id(), List.of("demo-district-arrests"), EnumSet.of(Purpose.CRIMINAL),
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), true, "D. Signer");
    assertThatThrownBy(() -> service().query("Bearer " + key, GatewayFixture.lookup("CRIMINAL")))
        .isInstanceOf(Refused.class)
        .satisfies(e -> assertThat(((Refused) e).reason()).contains("does not cover the dataset demo-arrests"))
        .satisfies(e -> assertThat(((Refused) e).citation()).startsWith("Data-sharing agreement"));
  }

  @Test
  void query_afterTheAgreementEnds_isRefused() {
    Partner p = fx.gateway.admin().admit("U.S. Postal Inspection Service", null, null, null);
    fx.gateway.admin().addAgreement(p.id(), List.of("demo-arrests"), EnumSet.of(Purpose.CRIMINAL),
        LocalDate.parse("2025-01-01"), LocalDate.parse("2026-03-01"), true, "E. Signer");
    String key = fx.gateway.admin().issueKey(p.id(), null).key();
    assertThatThrownBy(() -> service().query("Bearer " + key, GatewayFixture.lookup("CRIMINAL")))
        .isInstanceOf(Refused.class);
  }

  @Test
  void addAgreement_withoutTheOnwardDisclosureClause_isRefusedNamingTheField() {
    Partner p = fx.gateway.admin().admit("HHS Office of Inspector General", null, null, null);
    assertThatThrownBy(() -> fx.gateway.admin().addAgreement(p.id(), List.of("demo-arrests"), EnumSet.of(Purpose.CRIMINAL),
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), false, "F. Signer"))
        .isInstanceOf(InvalidInput.class)
        .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("noOnwardDisclosure"));
  }

  @Test
  void immigrationWarning_everyDhsComponentAndImmigrationAgency_byEverySpelling_andNoOtherAgency() {
    GatewayAdmin admin = fx.gateway.admin();
    int warned = 0;
    for (Agency a : fx.engine.registry().all()) {
      boolean immigration = a.has(Facet.DHS) || a.has(Facet.IMMIGRATION_AGENT) || a.has(Facet.ICE);
      for (String name : spellings(a)) {
        assertThat(admin.immigrationWarningForAgency(name).isPresent()).as("%s as %s", a.id(), name).isEqualTo(immigration);
      }
      if (immigration) warned++;
    }
    assertThat(warned).isGreaterThan(25);
    assertThat(admin.immigrationWarningForAgency("la migra").orElseThrow().why())
        .containsExactly("U.S. Immigration and Customs Enforcement is part of the U.S. Department of Homeland Security",
            "U.S. Immigration and Customs Enforcement enforces immigration law");
    // the law in force today refuses ICE for both purposes; FEMA only what the law refuses
    assertThat(admin.immigrationWarningForAgency("ICE").orElseThrow().lawToday()).hasSize(2)
        .allMatch(line -> line.contains("refuses its look-ups whatever the agreement says"));
    GatewayAdmin.ImmigrationWarning fema = admin.immigrationWarningForAgency("FEMA").orElseThrow();
    assertThat(fema.why()).containsExactly("Federal Emergency Management Agency is part of the U.S. Department of Homeland Security");
    assertThat(fema.lawToday().get(0)).startsWith("For a criminal investigation, the law in force today does not refuse");
    assertThat(fema.lawToday().get(1)).contains("refuses its look-ups");
    assertThat(admin.immigrationWarningForAgency("INS").orElseThrow().why()).singleElement().asString()
        .endsWith("enforces immigration law");
    assertThat(admin.immigrationWarningForAgency("FBI")).isEmpty();
    assertThat(admin.immigrationWarningForAgency("Illinois State Police")).isEmpty();
    assertThat(admin.immigrationWarningForAgency("Ministry of Magic")).isEmpty();
  }

  @Test
  void addAgreement_withAnImmigrationAgency_needsTheAcknowledgement_andRecordsNothingWithoutIt() {
    Partner cbp = fx.gateway.admin().admit("Customs & Border Protection", null, null, null);
    assertThatThrownBy(() -> fx.gateway.admin().addAgreement(cbp.id(), List.of("demo-arrests"), EnumSet.of(Purpose.CRIMINAL),
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), true, "H. Signer"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("enforces immigration law")
        .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo(GatewayAdmin.ACKNOWLEDGE_IMMIGRATION_AGENCY));
    assertThatThrownBy(() -> fx.gateway.admin().addAgreement(cbp.id(), List.of("demo-arrests"), EnumSet.of(Purpose.CRIMINAL),
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), true, "H. Signer", false))
        .isInstanceOf(InvalidInput.class);
    assertThat(fx.gateway.admin().agreements(cbp.id())).isEmpty();
    fx.gateway.admin().addAgreement(cbp.id(), List.of("demo-arrests"), EnumSet.of(Purpose.CRIMINAL),
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), true, "H. Signer", true);
    assertThat(fx.gateway.admin().agreements(cbp.id())).hasSize(1);
  }

  @Test
  void admit_unknownAgency_isRefusedNamingTheField() {
    assertThatThrownBy(() -> fx.gateway.admin().admit("Ministry of Magic", null, null, null))
        .isInstanceOf(InvalidInput.class)
        .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("agency"));
  }

  @Test
  void query_overTheRateLimit_is429UntilTokensReturn() {
    Partner p = fx.gateway.admin().admit("Bureau of Prisons", null, 1, 2);
    fx.gateway.admin().addAgreement(p.id(), List.of("demo-arrests"), EnumSet.of(Purpose.CRIMINAL),
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), true, "G. Signer");
    String key = fx.gateway.admin().issueKey(p.id(), null).key();
    service().query("Bearer " + key, GatewayFixture.lookup("CRIMINAL"));
    service().query("Bearer " + key, GatewayFixture.lookup("CRIMINAL"));

    assertThatThrownBy(() -> service().query("Bearer " + key, GatewayFixture.lookup("CRIMINAL")))
        .isInstanceOf(RateLimited.class)
        .satisfies(e -> assertThat(((RateLimited) e).retryAfterSeconds()).isEqualTo(1));

    fx.clock.advance(Duration.ofSeconds(1));
    assertThat(service().query("Bearer " + key, GatewayFixture.lookup("CRIMINAL")).rows()).isNotEmpty();
  }

  @Test
  void marks_differPerPartner_andTraceBackToTheRightOne() {
    String a = fx.partnerWithKey("Department of Justice");
    String b = fx.partnerWithKey("Illinois State Police");
    JsonNode lookup = GatewayFixture.lookup("CRIMINAL");
    String markA = (String) service().query("Bearer " + a, lookup).rows().get(0).get("person_key");
    String markB = (String) service().query("Bearer " + b, lookup).rows().get(0).get("person_key");

    assertThat(markA).isNotEqualTo(markB);
    List<GatewayStore.Trace> traced = fx.gateway.admin().trace(markB);
    assertThat(traced).hasSize(1);
    assertThat(traced.get(0).agencyId()).isEqualTo(fx.engine.registry().resolve("Illinois State Police").orElseThrow().id());
    assertThat(traced.get(0).recordKey()).isEqualTo("1");
  }

  @Test
  void marks_areSentOncePerNode_aRepeatedLookUpWritesNoneAgain_andAnotherNodeSendsThemOnce() {
    String key = fx.partnerWithKey("Illinois Secretary of State Police");
    JsonNode lookup = GatewayFixture.lookup("CRIMINAL");
    String mark = (String) service().query("Bearer " + key, lookup).rows().get(0).get("person_key");
    assertThat(fx.gateway.admin().trace(mark)).hasSize(1);

    // gone from the table (as a restore to an earlier point would take it): this node, which stored
    // it, does not send it again, so the look-up's statement carried no marks
    fx.database.inTransaction(c -> {
      try (var ps = c.prepareStatement("DELETE FROM gateway_mark WHERE mark = ?")) {
        ps.setString(1, mark);
        return ps.executeUpdate();
      }
    });
    assertThat(service().query("Bearer " + key, lookup).rows().get(0).get("person_key")).isEqualTo(mark);
    assertThat(fx.gateway.admin().trace(mark)).isEmpty();

    // another node (or this one restarted) knows of no mark stored and sends it once more
    Gateway other = Gateway.create(fx.engine, fx.database, fx.ledger, fx.clock);
    assertThat(other.service().query("Bearer " + key, lookup).rows().get(0).get("person_key")).isEqualTo(mark);
    List<GatewayStore.Trace> traced = fx.gateway.admin().trace(mark);
    assertThat(traced).hasSize(1);
    assertThat(traced.get(0).recordKey()).isEqualTo("1");
  }

  @Test
  void query_whenTheLedgerCannotRecord_failsClosedAndReturnsNothing() {
    String key = fx.partnerWithKey("Diplomatic Security Service");
    Database broken = TestDatabases.fresh();
    PostgresLedger ledger = org.sanctuary.ledger.store.TestLedgers.start(broken, fx.clock);
    broken.close();
    Gateway g = Gateway.create(fx.engine, fx.database, ledger, fx.clock);
    int logged = fx.gateway.admin().accessLog(new GatewayStore.AccessFilter(null, null, null, null, null, 1000)).size();

    assertThatThrownBy(() -> g.service().query("Bearer " + key, GatewayFixture.lookup("CRIMINAL")))
        .isInstanceOf(LedgerUnavailableException.class);
    assertThat(fx.gateway.admin().accessLog(new GatewayStore.AccessFilter(null, null, null, null, null, 1000))).hasSize(logged);
  }
}
