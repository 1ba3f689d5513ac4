package org.sanctuary.bench.policy;

import java.util.List;
import org.sanctuary.policy.Effect;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Obligation;
import org.sanctuary.policy.Reason;

/**
 * The reasons and duties of the packs in force in 2022 for CPD and the Cook County Sheriff, as
 * constants for {@link HandWritten2022}. Citations are the packs' own; texts are short summaries
 * (the packs carry the full paraphrase). An exception's reason names the bars it lifted, so there
 * is one constant per set of bars that can apply together.
 */
final class Reasons2022 {
  static final String CPD19 = "chicago-cpd-2019-ice-database";
  static final String ACT20 = "chicago-act-2020";
  static final String CHI21 = "chicago-2021";
  static final String TRUST21 = "illinois-trust-act-2021";
  static final String COOK11 = "cook-county-2011";
  static final String FAMILIES19 = "illinois-keep-families-together-2019";

  private Reasons2022() {}

  // chicago-cpd-2019-ice-database
  static final Reason CPD19_NO_ICE_IMMIGRATION_DATABASE_ACCESS = deny(CPD19, "no-ice-immigration-database-access",
      "CPD directive of 6/21/2019 (as reported)", "ICE is cut off from CPD databases for immigration enforcement.");
  static final Reason CPD19_NO_ICE_CLEAR_ACCESS = deny(CPD19, "no-ice-clear-access",
      "Mayoral statement and CPD spokesman, 7/10/2019 (as reported)", "ICE is cut off from CPD databases.");
  static final Reason CPD19_NO_RAID_SUPPORT = deny(CPD19, "no-raid-support",
      "Mayoral statement of 7/10/2019 (as reported)", "CPD does not help ICE with civil raids.");
  static final Reason CPD19_DEFAULT = byDefault(CPD19, "CPD directive of 6/21/2019 (as reported)");

  // chicago-act-2020
  static final Obligation ACT20_LOG_DETAINER_OR_WARRANT = duty(ACT20, "log-detainer-or-warrant",
      "MCC 2-173-069(a)(2)", "Log the detainer or administrative warrant (CPD-31.110).");
  static final Obligation ACT20_DOCUMENT_ASSISTANCE_REQUEST = duty(ACT20, "document-assistance-request",
      "MCC 2-173-069(a)(1)", "Notify OEMC and document the request for assistance.");

  // chicago-2021
  static final Reason CHI21_NO_CIVIL_ENFORCEMENT_ASSISTANCE = deny(CHI21, "no-civil-enforcement-assistance",
      "MCC 2-173-020(a)", "No help with civil immigration enforcement.");
  static final Reason CHI21_NO_STATUS_ARREST = deny(CHI21, "no-status-arrest",
      "MCC 2-173-020(a)(1)(A)", "No stop or arrest on a belief about immigration status.");
  static final Reason CHI21_NO_ADMINISTRATIVE_WARRANT_DETENTION = deny(CHI21, "no-administrative-warrant-detention",
      "MCC 2-173-020(a)(1)(B)", "No detention on an administrative warrant.");
  static final Reason CHI21_NO_DETAINER_HOLDS = deny(CHI21, "no-detainer-holds",
      "MCC 2-173-020(a)(1)(C)", "No holds on an immigration detainer.");
  static final Reason CHI21_NO_CUSTODY_ACCESS = deny(CHI21, "no-custody-access",
      "MCC 2-173-020(a)(2)", "No ICE access to people in custody.");
  static final Reason CHI21_NO_CUSTODY_INQUIRIES = deny(CHI21, "no-custody-inquiries",
      "MCC 2-173-020(a)(3)", "No answers to ICE about custody or release.");
  static final Reason CHI21_NO_CIVIL_TRANSFER = deny(CHI21, "no-civil-transfer",
      "MCC 2-173-020(a)(5)", "No transfer to ICE for civil enforcement.");
  static final Reason CHI21_NO_OPERATION_SUPPORT = deny(CHI21, "no-operation-support",
      "MCC 2-173-020(a)(6)", "No perimeters or on-site support for civil operations.");
  static final Reason CHI21_NO_CIVIL_DATABASE_ACCESS = deny(CHI21, "no-civil-database-access",
      "MCC 2-173-030(b)", "No database access for civil immigration enforcement.");
  static final Reason CHI21_DEFAULT = byDefault(CHI21, "MCC 2-173-020(a)");
  static final Obligation CHI21_WRITTEN_AUTHORIZATION = new Obligation(CHI21, "written-authorization",
      "MCC 2-173-030(a)(1)", "No status shared without written authorization.", 0);
  static final Obligation CHI21_SUPERVISOR_REVIEW = duty(CHI21, "supervisor-review",
      "MCC 2-173-020 (subsection unverified)", "A supervisor reviews the request for assistance.");

  private static final String CIVIL = "no-civil-enforcement-assistance";
  private static final String INQUIRIES = "no-custody-inquiries";
  private static final Reason CHI21_REQUIRED_CIVIL = requiredByLaw(CIVIL);
  private static final Reason CHI21_REQUIRED_INQUIRIES = requiredByLaw(INQUIRIES);
  private static final Reason CHI21_REQUIRED_CIVIL_INQUIRIES = requiredByLaw(CIVIL, INQUIRIES);

  /**
   * chicago-2021's judicial-warrant exception (requests for information only) for the bars that
   * applied; null when none did.
   */
  static Reason requiredByLaw(boolean civil, boolean inquiries) {
    if (inquiries) return civil ? CHI21_REQUIRED_CIVIL_INQUIRIES : CHI21_REQUIRED_INQUIRIES;
    return civil ? CHI21_REQUIRED_CIVIL : null;
  }

  private static Reason requiredByLaw(String... lifted) {
    return except(CHI21, "required-by-law", "MCC 2-173-020(a) (exception for disclosure under 2-173-030(a))",
        "What a judicial warrant requires may be disclosed.", lifted);
  }

  // illinois-trust-act-2021
  static final Reason TRUST21_NO_DETAINER_HOLDS = deny(TRUST21, "no-detainer-holds",
      "5 ILCS 805/15(a)", "No holds on a detainer or civil immigration warrant.");
  static final Reason TRUST21_NO_CIVIL_WARRANT_DETENTION = deny(TRUST21, "no-civil-warrant-detention",
      "5 ILCS 805/15(a)", "No holding or handing over on a civil immigration warrant.");
  static final Reason TRUST21_NO_STATUS_STOPS = deny(TRUST21, "no-status-stops",
      "5 ILCS 805/15(b)", "No stop or arrest solely on immigration status.");
  static final Reason TRUST21_NO_ENFORCEMENT_ASSISTANCE = deny(TRUST21, "no-enforcement-assistance",
      "5 ILCS 805/15(h)(1)", "No support for an immigration agent's enforcement operations.");
  static final Reason TRUST21_NO_CUSTODY_ACCESS = deny(TRUST21, "no-custody-access",
      "5 ILCS 805/15(h)(2)", "No immigration agent access to people in custody.");
  static final Reason TRUST21_NO_TRANSFER = deny(TRUST21, "no-transfer",
      "5 ILCS 805/15(h)(3)", "No transfer into an immigration agent's custody.");
  static final Reason TRUST21_NO_FACILITIES_OR_DATABASES = deny(TRUST21, "no-facilities-or-databases",
      "5 ILCS 805/15(h)(4)", "No use of facilities or databases by immigration agents.");
  static final Reason TRUST21_NO_DIRECT_DATABASE_ACCESS = deny(TRUST21, "no-direct-database-access",
      "5 ILCS 805/15(h)(5)", "No direct database access for immigration agents.");
  static final Reason TRUST21_NO_CUSTODY_INFORMATION = deny(TRUST21, "no-custody-information",
      "5 ILCS 805/15(h)(6)", "No answers to an immigration agent about people in custody.");
  static final Reason TRUST21_NO_RELEASE_INFORMATION = deny(TRUST21, "no-release-information",
      "5 ILCS 805/15(h)(7)", "No release or contact information for immigration agents.");
  static final Reason TRUST21_DEFAULT = byDefault(TRUST21, "5 ILCS 805/15");
  static final Obligation TRUST21_RECORD_DETAINER_OR_WARRANT = duty(TRUST21, "record-detainer-or-warrant",
      "5 ILCS 805/25(a)(2)", "Record the detainer or civil warrant for the annual report.");
  static final Obligation TRUST21_RECORD_ASSISTANCE_REQUEST = duty(TRUST21, "record-assistance-request",
      "5 ILCS 805/25(a)(1)", "Record the request for assistance for the annual report.");

  /** federal-criminal-warrant by request kind, for an immigration-agent requester. */
  private static final Reason[] TRUST21_WARRANT_BY_KIND = new Reason[Kind.values().length];
  /** criminal-investigations by request kind, for an immigration-agent requester. */
  private static final Reason[] TRUST21_CRIMINAL_BY_KIND = new Reason[Kind.values().length];

  static {
    warrant(Kind.DETAINER, TRUST21_NO_DETAINER_HOLDS);
    warrant(Kind.TRANSFER, TRUST21_NO_TRANSFER);
    warrant(Kind.ASSISTANCE, TRUST21_NO_ENFORCEMENT_ASSISTANCE);
    warrant(Kind.INTERVIEW, TRUST21_NO_CUSTODY_ACCESS, TRUST21_NO_FACILITIES_OR_DATABASES);
    warrant(Kind.DATABASE_ACCESS, TRUST21_NO_FACILITIES_OR_DATABASES, TRUST21_NO_DIRECT_DATABASE_ACCESS);
    warrant(Kind.INFORMATION, TRUST21_NO_CUSTODY_INFORMATION, TRUST21_NO_RELEASE_INFORMATION);
    warrant(Kind.NOTIFICATION, TRUST21_NO_RELEASE_INFORMATION);
    criminal(Kind.ASSISTANCE, TRUST21_NO_ENFORCEMENT_ASSISTANCE);
    criminal(Kind.INTERVIEW, TRUST21_NO_CUSTODY_ACCESS, TRUST21_NO_FACILITIES_OR_DATABASES);
    criminal(Kind.DATABASE_ACCESS, TRUST21_NO_FACILITIES_OR_DATABASES);
    criminal(Kind.INFORMATION, TRUST21_NO_CUSTODY_INFORMATION, TRUST21_NO_RELEASE_INFORMATION);
    criminal(Kind.NOTIFICATION, TRUST21_NO_RELEASE_INFORMATION);
  }

  private static final Reason TRUST21_WARRANT_CIVIL_DETAINER = TRUST21_WARRANT_BY_KIND[Kind.DETAINER.ordinal()];

  /**
   * The Act's judicial-warrant exception for a request with a judicial warrant; null when none of
   * its bars applied. Only the detainer bar reaches requesters that are not immigration agents.
   */
  static Reason federalCriminalWarrant(Kind kind, boolean agent, boolean civil) {
    if (agent) return TRUST21_WARRANT_BY_KIND[kind.ordinal()];
    return kind == Kind.DETAINER && civil ? TRUST21_WARRANT_CIVIL_DETAINER : null;
  }

  /** The Act's criminal-investigation exception for a criminal request; null when none of its bars applied. */
  static Reason criminalInvestigations(Kind kind, boolean agent) {
    return agent ? TRUST21_CRIMINAL_BY_KIND[kind.ordinal()] : null;
  }

  private static void warrant(Kind kind, Reason... lifted) {
    TRUST21_WARRANT_BY_KIND[kind.ordinal()] = except(TRUST21, "federal-criminal-warrant", "5 ILCS 805/15(h)",
        "A federal criminal warrant lifts the Act's bars.", rules(lifted));
  }

  private static void criminal(Kind kind, Reason... lifted) {
    TRUST21_CRIMINAL_BY_KIND[kind.ordinal()] = except(TRUST21, "criminal-investigations", "5 ILCS 805/15(i)",
        "Criminal investigations may be supported.", rules(lifted));
  }

  // cook-county-2011
  static final Reason COOK11_DECLINE_DETAINERS = deny(COOK11, "decline-detainers",
      "Cook County Code 46-37(a), (c)", "The Sheriff declines immigration detainers.");
  static final Reason COOK11_NO_ICE_ACCESS_OR_INQUIRIES = deny(COOK11, "no-ice-access-or-inquiries",
      "Cook County Code 46-37(b)", "No ICE access, interviews or custody inquiries.");
  static final Reason COOK11_NO_HANDOVER_TO_ICE = deny(COOK11, "no-handover-to-ice",
      "Cook County Code 46-37(b)", "No handing a person to ICE.");
  static final Reason COOK11_CRIMINAL_WARRANT = except(COOK11, "criminal-warrant",
      "Cook County Code 46-37(b)", "A criminal warrant lifts the access bar.", "no-ice-access-or-inquiries");
  static final Reason COOK11_CRIMINAL_WARRANT_HANDOVER = except(COOK11, "criminal-warrant",
      "Cook County Code 46-37(b)", "A criminal warrant lifts the access bar.", "no-handover-to-ice");
  static final Reason COOK11_UNRELATED_PURPOSE = except(COOK11, "unrelated-law-enforcement-purpose",
      "Cook County Code 46-37(b)", "A purpose unrelated to immigration lifts the access bar.",
      "no-ice-access-or-inquiries");
  static final Reason COOK11_UNRELATED_PURPOSE_HANDOVER = except(COOK11, "unrelated-law-enforcement-purpose",
      "Cook County Code 46-37(b)", "A purpose unrelated to immigration lifts the access bar.",
      "no-handover-to-ice");
  static final Reason COOK11_DEFAULT = byDefault(COOK11, "Cook County Code 46-37");

  /** The engine's note on a request whose declared purpose its instrument contradicts. */
  static final Reason CIVIL_INSTRUMENT = new Reason(Engine.SANCTUARY, "civil-instrument", Effect.NOTE,
      "5 ILCS 805/10; CPD Special Order S06-14-03; docs/decisions.md (the instrument decides the purpose)",
      "Decided as civil immigration enforcement.", List.of());

  static final Reason UNKNOWN_REQUESTER = new Reason(Engine.SANCTUARY, "unknown-requester", Effect.DENY,
      "Sanctuary's fail-closed rule: an unidentified requester is refused", "The requester is not in the registry.",
      List.of());

  private static Reason deny(String pack, String rule, String citation, String text) {
    return new Reason(pack, rule, Effect.DENY, citation, text, List.of());
  }

  private static Reason except(String pack, String rule, String citation, String text, String... lifted) {
    return new Reason(pack, rule, Effect.PERMIT, citation, text, List.of(lifted));
  }

  private static Reason byDefault(String pack, String citation) {
    return new Reason(pack, "default", Effect.PERMIT, citation, "None of the pack's rules applies.", List.of());
  }

  private static Obligation duty(String pack, String rule, String citation, String text) {
    return new Obligation(pack, rule, citation, text, null);
  }

  private static String[] rules(Reason... reasons) {
    String[] out = new String[reasons.length];
    for (int i = 0; i < reasons.length; i++) out[i] = reasons[i].rule();
    return out;
  }
}
