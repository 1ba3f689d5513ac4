package org.sanctuary.bench.policy;

import static org.sanctuary.bench.policy.Reasons2022.*;
import static org.sanctuary.policy.Kind.ASSISTANCE;
import static org.sanctuary.policy.Kind.DATABASE_ACCESS;
import static org.sanctuary.policy.Kind.DETAINER;
import static org.sanctuary.policy.Kind.INFORMATION;
import static org.sanctuary.policy.Kind.INTERVIEW;
import static org.sanctuary.policy.Kind.NOTIFICATION;
import static org.sanctuary.policy.Kind.TRANSFER;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Obligation;
import org.sanctuary.policy.Outcome;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.Reason;
import org.sanctuary.policy.agency.Agency;
import org.sanctuary.policy.agency.AgencyRegistry;
import org.sanctuary.policy.agency.Facet;

/**
 * The packs in force in 2022 for CPD (chicago-cpd-2019-ice-database,
 * illinois-keep-families-together-2019, chicago-act-2020, chicago-2021, illinois-trust-act-2021)
 * and for the Cook County Sheriff (cook-county-2011, illinois-keep-families-together-2019,
 * illinois-trust-act-2021), written out as plain if/else: the floor the engine is measured against.
 * Like the engine, it reads a request resting on a civil immigration instrument as civil.
 *
 * <p>Same semantics as the engine: deny overrides; an exception lifts only the bars of its own
 * pack that it names; reasons list the standing bars, then the exceptions that applied, and on a
 * permit the default reason of every pack no exception spoke for. The requester is resolved
 * through the registry, as the engine does.
 */
public final class HandWritten2022 {
  private final AgencyRegistry registry;

  public HandWritten2022(AgencyRegistry registry) {
    this.registry = registry;
  }

  public FloorDecision decide(FederalRequest r) {
    if (r.received().getYear() != 2022) {
      throw new IllegalArgumentException("received: " + r.received() + " is not in 2022 (this floor holds the 2022 law only)");
    }
    Optional<Agency> found = registry.resolve(r.requester());
    if (found.isEmpty()) {
      return new FloorDecision(r.id(), r.received(), null, Outcome.DENY, List.of(UNKNOWN_REQUESTER), List.of());
    }
    Agency a = found.get();
    return switch (r.receivingAgency()) {
      case CPD -> cpd(r, a);
      case COOK_COUNTY_SHERIFF -> sheriff(r, a);
      case CITY, COOK_COUNTY, CITY_CLERK -> throw new IllegalArgumentException(
          "receivingAgency: " + r.receivingAgency() + " is not covered (want CPD or COOK_COUNTY_SHERIFF)");
    };
  }

  // The facts the rules test stay in locals: an object passed to a method the JIT does not inline
  // would be allocated, and the floor should allocate only its result and its lists.
  private static FloorDecision cpd(FederalRequest r, Agency a) {
    Kind k = r.kind();
    boolean ice = a.has(Facet.ICE);
    boolean agent = a.has(Facet.IMMIGRATION_AGENT);
    boolean federal = a.has(Facet.FEDERAL);
    boolean judicial = r.basis() == Basis.JUDICIAL_WARRANT;
    boolean administrative = r.basis() == Basis.ADMINISTRATIVE_WARRANT;
    boolean overridden = overridden(r, agent);
    boolean civil = overridden || r.purpose() == Purpose.CIVIL_IMMIGRATION;
    ArrayList<Reason> reasons = new ArrayList<>(7);
    // chicago-cpd-2019-ice-database: no exceptions
    if (k == DATABASE_ACCESS && ice && civil) reasons.add(CPD19_NO_ICE_IMMIGRATION_DATABASE_ACCESS);
    if (k == DATABASE_ACCESS && ice) reasons.add(CPD19_NO_ICE_CLEAR_ACCESS);
    if (k == ASSISTANCE && ice && civil) reasons.add(CPD19_NO_RAID_SUPPORT);
    // chicago-2021: a judicial warrant lifts the general bar and the bar on inquiries, for requests for information
    boolean inquiries = (k == NOTIFICATION || k == INFORMATION) && ice;
    boolean disclosure = judicial && (k == NOTIFICATION || k == INFORMATION);
    if (civil && !disclosure) reasons.add(CHI21_NO_CIVIL_ENFORCEMENT_ASSISTANCE);
    if (k == ASSISTANCE && civil) reasons.add(CHI21_NO_STATUS_ARREST);
    if (administrative && (k == DETAINER || k == TRANSFER || k == ASSISTANCE)) {
      reasons.add(CHI21_NO_ADMINISTRATIVE_WARRANT_DETENTION);
    }
    if (k == DETAINER && !judicial && (agent || civil)) reasons.add(CHI21_NO_DETAINER_HOLDS);
    if (k == INTERVIEW && ice) reasons.add(CHI21_NO_CUSTODY_ACCESS);
    if (inquiries && !judicial) reasons.add(CHI21_NO_CUSTODY_INQUIRIES);
    if (k == TRANSFER && ice && civil) reasons.add(CHI21_NO_CIVIL_TRANSFER);
    if (k == ASSISTANCE && civil) reasons.add(CHI21_NO_OPERATION_SUPPORT);
    if (k == DATABASE_ACCESS && federal && civil) reasons.add(CHI21_NO_CIVIL_DATABASE_ACCESS);
    Reason requiredByLaw = disclosure ? requiredByLaw(civil, inquiries) : null;
    trustActBars(reasons, r, agent, civil);
    Reason warrant = judicial ? federalCriminalWarrant(k, agent, civil) : null;
    Reason investigations = civil ? null : criminalInvestigations(k, agent);

    boolean denied = !reasons.isEmpty();
    addIfPresent(reasons, requiredByLaw);
    addIfPresent(reasons, warrant);
    addIfPresent(reasons, investigations);
    if (!denied) {
      reasons.add(CPD19_DEFAULT); // illinois-keep-families-together-2019 and chicago-act-2020 have no default reason
      if (requiredByLaw == null) reasons.add(CHI21_DEFAULT);
      if (warrant == null && investigations == null) reasons.add(TRUST21_DEFAULT);
    }
    if (overridden) reasons.add(CIVIL_INSTRUMENT);

    boolean logged = (k == DETAINER && (agent || civil)) || administrative;
    boolean assistance = k == ASSISTANCE && (agent || civil);
    boolean asked = (k == INFORMATION || k == DATABASE_ACCESS) && !judicial;
    List<Obligation> duties = List.of();
    if (logged || assistance || asked) {
      ArrayList<Obligation> d = new ArrayList<>(6);
      if (logged) d.add(ACT20_LOG_DETAINER_OR_WARRANT);
      if (assistance) d.add(ACT20_DOCUMENT_ASSISTANCE_REQUEST);
      if (asked) d.add(CHI21_WRITTEN_AUTHORIZATION);
      if (assistance) d.add(CHI21_SUPERVISOR_REVIEW);
      if (logged) d.add(TRUST21_RECORD_DETAINER_OR_WARRANT);
      if (assistance) d.add(TRUST21_RECORD_ASSISTANCE_REQUEST);
      duties = d;
    }
    return new FloorDecision(r.id(), r.received(), a.id(), denied ? Outcome.DENY : Outcome.PERMIT, reasons, duties);
  }

  private static FloorDecision sheriff(FederalRequest r, Agency a) {
    Kind k = r.kind();
    boolean ice = a.has(Facet.ICE);
    boolean agent = a.has(Facet.IMMIGRATION_AGENT);
    boolean judicial = r.basis() == Basis.JUDICIAL_WARRANT;
    boolean overridden = overridden(r, agent);
    boolean civil = overridden || r.purpose() == Purpose.CIVIL_IMMIGRATION;
    boolean criminal = !civil;
    ArrayList<Reason> reasons = new ArrayList<>(6);
    // cook-county-2011: a criminal warrant or a criminal purpose lifts the access and hand-over bars, not the detainer bar
    boolean accessOrInquiries = (k == INTERVIEW || k == NOTIFICATION || k == INFORMATION) && ice;
    boolean handover = k == TRANSFER && ice;
    if (k == DETAINER && agent) reasons.add(COOK11_DECLINE_DETAINERS); // 46-37(a) and (c): any immigration agent
    if (accessOrInquiries && !judicial && !criminal) reasons.add(COOK11_NO_ICE_ACCESS_OR_INQUIRIES);
    if (handover && !judicial && !criminal) reasons.add(COOK11_NO_HANDOVER_TO_ICE);
    Reason countyWarrant = !judicial ? null
        : accessOrInquiries ? COOK11_CRIMINAL_WARRANT : handover ? COOK11_CRIMINAL_WARRANT_HANDOVER : null;
    Reason countyPurpose = !criminal ? null
        : accessOrInquiries ? COOK11_UNRELATED_PURPOSE : handover ? COOK11_UNRELATED_PURPOSE_HANDOVER : null;
    trustActBars(reasons, r, agent, civil);
    Reason warrant = judicial ? federalCriminalWarrant(k, agent, civil) : null;
    Reason investigations = criminal ? criminalInvestigations(k, agent) : null;

    boolean denied = !reasons.isEmpty();
    addIfPresent(reasons, countyWarrant);
    addIfPresent(reasons, countyPurpose);
    addIfPresent(reasons, warrant);
    addIfPresent(reasons, investigations);
    if (!denied) {
      if (countyWarrant == null && countyPurpose == null) reasons.add(COOK11_DEFAULT);
      if (warrant == null && investigations == null) reasons.add(TRUST21_DEFAULT);
    }
    if (overridden) reasons.add(CIVIL_INSTRUMENT);

    boolean logged = (k == DETAINER && (agent || civil)) || r.basis() == Basis.ADMINISTRATIVE_WARRANT;
    boolean assistance = k == ASSISTANCE && (agent || civil);
    List<Obligation> duties = List.of();
    if (logged || assistance) {
      ArrayList<Obligation> d = new ArrayList<>(2);
      if (logged) d.add(TRUST21_RECORD_DETAINER_OR_WARRANT);
      if (assistance) d.add(TRUST21_RECORD_ASSISTANCE_REQUEST);
      duties = d;
    }
    return new FloorDecision(r.id(), r.received(), a.id(), denied ? Outcome.DENY : Outcome.PERMIT, reasons, duties);
  }

  /**
   * The engine reads a request resting on a civil immigration instrument (an administrative
   * warrant, or an immigration agent's detainer no judge signed) as civil whatever it declares.
   */
  private static boolean overridden(FederalRequest r, boolean agent) {
    boolean instrument = r.basis() == Basis.ADMINISTRATIVE_WARRANT
        || (r.kind() == DETAINER && r.basis() != Basis.JUDICIAL_WARRANT && agent);
    return instrument && r.purpose() != Purpose.CIVIL_IMMIGRATION;
  }

  /**
   * The Illinois TRUST Act's bars that stand: a judicial warrant lifts all of them, a criminal
   * purpose lifts those on assistance, access, facilities and information.
   */
  private static void trustActBars(List<Reason> out, FederalRequest r, boolean agent, boolean civil) {
    if (r.basis() == Basis.JUDICIAL_WARRANT) return;
    Kind k = r.kind();
    if (k == DETAINER && (agent || civil)) out.add(TRUST21_NO_DETAINER_HOLDS);
    if (r.basis() == Basis.ADMINISTRATIVE_WARRANT) out.add(TRUST21_NO_CIVIL_WARRANT_DETENTION);
    if (k == ASSISTANCE && civil) out.add(TRUST21_NO_STATUS_STOPS);
    if (!agent) return;
    boolean open = civil; // a criminal purpose lifts the bars tested with it
    if (k == ASSISTANCE && open) out.add(TRUST21_NO_ENFORCEMENT_ASSISTANCE);
    if (k == INTERVIEW && open) out.add(TRUST21_NO_CUSTODY_ACCESS);
    if (k == TRANSFER) out.add(TRUST21_NO_TRANSFER);
    if ((k == INTERVIEW || k == DATABASE_ACCESS) && open) out.add(TRUST21_NO_FACILITIES_OR_DATABASES);
    if (k == DATABASE_ACCESS) out.add(TRUST21_NO_DIRECT_DATABASE_ACCESS);
    if (k == INFORMATION && open) out.add(TRUST21_NO_CUSTODY_INFORMATION);
    if ((k == NOTIFICATION || k == INFORMATION) && open) out.add(TRUST21_NO_RELEASE_INFORMATION);
  }

  private static void addIfPresent(List<Reason> reasons, Reason r) {
    if (r != null) reasons.add(r);
  }
}
