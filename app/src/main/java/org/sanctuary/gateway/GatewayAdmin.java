package org.sanctuary.gateway;

import java.sql.SQLException;
import java.time.Clock;
import org.sanctuary.config.CityCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.ledger.store.LedgerUnavailableException;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.Effect;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.Reason;
import org.sanctuary.policy.Subject;
import org.sanctuary.policy.agency.Agency;
import org.sanctuary.policy.agency.Facet;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.errors.NotFound;
import org.sanctuary.errors.Refused;

/**
 * Managing the gateway: admitting partners, recording their agreements, issuing, rotating and
 * revoking keys. Each change commits together with its ledger entry (ids only), before it is acknowledged.
 */
public final class GatewayAdmin {
  static final String NO_DHS = "chicago-no-dhs-database-access";
  static final int DEFAULT_RATE = 100;
  static final int DEFAULT_BURST = 200;

  private final Engine engine;
  private final GatewayStore store;
  private final DatasetCatalog catalog;
  private final Ledger ledger;
  private final Clock clock;
  private final Watch watch;
  private final CityCalendar city;

  GatewayAdmin(Engine engine, GatewayStore store, DatasetCatalog catalog, Ledger ledger, Clock clock, Watch watch,
      CityCalendar city) {
    this.watch = watch;
    this.city = city;
    this.engine = engine;
    this.store = store;
    this.catalog = catalog;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** The city's calendar, in which agreement and key dates are counted. */
  public CityCalendar city() {
    return city;
  }

  /** A key as issued: the only time the key itself is shown. */
  public record IssuedKey(long keyId, long partnerId, String key) {}

  /**
   * Admits an agency of the registry as a partner. Refused, with the rule that forbids it, when
   * the city's local "no DHS" policy is on and the agency is a DHS component it covers.
   */
  public Partner admit(String agencyName, String name, Integer rate, Integer burst) {
    if (agencyName == null || agencyName.isBlank()) throw InvalidInput.of("agency", null, "is missing", "an agency name, acronym or alias from the registry");
    Agency agency = engine.registry().resolve(agencyName).orElseThrow(
        () -> InvalidInput.of("agency", agencyName, "is not a known agency", "an agency name, acronym or alias from the registry"));
    int r = rate == null ? DEFAULT_RATE : rate;
    int b = burst == null ? DEFAULT_BURST : burst;
    if (r < 1 || r > 100_000) throw InvalidInput.of("ratePerSecond", String.valueOf(r), "is out of bounds", "1 to 100000");
    if (b < 1 || b > 100_000) throw InvalidInput.of("burst", String.valueOf(b), "is out of bounds", "1 to 100000");
    String display = name == null || name.isBlank() ? agency.name() : name.strip();
    if (display.length() > 200) throw InvalidInput.of("name", display.substring(0, 40) + "...", "is too long", "at most 200 characters");
    Instant now = clock.instant();
    refuseUnderLocalPolicy(agency, city.dateOf(now));
    InvalidInput taken = InvalidInput.of("agency", agencyName, "is already a partner", "an agency not yet admitted");
    if (store.partnerOfAgency(agency.id()).isPresent()) throw taken;
    long id = store.nextId("gateway_partner");
    return record("admitted", id, agency.id(), null, null, (c, index) -> {
      Partner added = store.addPartner(c, id, agency.id(), display, r, b, now);
      // null: admitted meanwhile by another request
      return added == null ? Ledger.Outcome.refused(taken) : Ledger.Outcome.done(added);
    });
  }

  // The local policy's own rule says no; asking the engine keeps exemptions (dhsExempt) in one place.
  private void refuseUnderLocalPolicy(Agency agency, LocalDate today) {
    if (!engine.localPoliciesOn().contains(NO_DHS)) return;
    Decision d = engine.decide(new FederalRequest(null, today, Body.CPD, agency.id(), Kind.DATABASE_ACCESS,
        Basis.NONE, Purpose.CRIMINAL, Subject.NONE));
    for (Reason r : d.reasons()) {
      if (r.pack().equals(NO_DHS) && r.effect() == Effect.DENY) {
        throw new Refused(agency.name() + " (" + agency.id() + ") cannot be admitted as a partner while the local policy "
            + NO_DHS + " is on", r.text(), r.citation());
      }
    }
  }

  /** The field an agreement with an immigration agency must carry, set to true. */
  public static final String ACKNOWLEDGE_IMMIGRATION_AGENCY = "acknowledgeImmigrationAgency";

  /**
   * Why an agreement with this partner needs a second look: it is a component of the Department of
   * Homeland Security or an agency that enforces immigration law (the registry's facets, so every
   * spelling and sub-unit counts), and what the law in force today answers its look-ups for each
   * purpose. An agreement never overrides the law, but admitting such an agency is a choice to be
   * made knowingly.
   */
  public record ImmigrationWarning(String agency, List<String> why, List<String> lawToday) {
    public ImmigrationWarning {
      why = List.copyOf(why);
      lawToday = List.copyOf(lawToday);
    }
  }

  /** The warning for an agreement with this partner, if its agency calls for one. */
  public Optional<ImmigrationWarning> immigrationWarning(long partnerId) {
    return engine.registry().byId(partner(partnerId).agencyId()).flatMap(this::immigrationWarning);
  }

  /** The same for an agency not yet admitted, by any of its names; empty for an unknown name. */
  public Optional<ImmigrationWarning> immigrationWarningForAgency(String agencyName) {
    return agencyName == null ? Optional.empty()
        : engine.registry().resolve(agencyName).flatMap(this::immigrationWarning);
  }

  private Optional<ImmigrationWarning> immigrationWarning(Agency agency) {
    List<String> why = new ArrayList<>();
    if (agency.has(Facet.DHS)) why.add(agency.name() + " is part of the U.S. Department of Homeland Security");
    if (agency.has(Facet.IMMIGRATION_AGENT) || agency.has(Facet.ICE)) {
      why.add(agency.name() + " enforces immigration law");
    }
    if (why.isEmpty()) return Optional.empty();
    LocalDate today = city.dateOf(clock.instant());
    List<String> law = new ArrayList<>();
    for (Purpose purpose : List.of(Purpose.CRIMINAL, Purpose.CIVIL_IMMIGRATION)) {
      Decision d = engine.decide(new FederalRequest(null, today, Body.CPD, agency.id(), Kind.DATABASE_ACCESS,
          Basis.NONE, purpose, Subject.NONE));
      String forWhat = purpose == Purpose.CRIMINAL ? "For a criminal investigation" : "For civil immigration enforcement";
      Reason deny = d.reasons().stream().filter(r -> r.effect() == Effect.DENY).findFirst().orElse(null);
      law.add(deny == null
          ? forWhat + ", the law in force today does not refuse its look-ups; the agreement alone decides."
          : forWhat + ", the law in force today refuses its look-ups whatever the agreement says: "
              + deny.text() + " (" + deny.citation() + ")");
    }
    return Optional.of(new ImmigrationWarning(agency.name() + " (" + agency.id() + ")", why, law));
  }

  public Agreement addAgreement(long partnerId, List<String> datasets, Set<Purpose> purposes, LocalDate startsOn,
      LocalDate endsOn, Boolean noOnwardDisclosure, String signedBy) {
    return addAgreement(partnerId, datasets, purposes, startsOn, endsOn, noOnwardDisclosure, signedBy, null);
  }

  /**
   * Records an agreement. With a partner that is a DHS component or an immigration agency ({@link
   * #immigrationWarning}), {@code immigrationAgencyAcknowledged} must be true: whoever records it
   * has been told, and says so.
   */
  public Agreement addAgreement(long partnerId, List<String> datasets, Set<Purpose> purposes, LocalDate startsOn,
      LocalDate endsOn, Boolean noOnwardDisclosure, String signedBy, Boolean immigrationAgencyAcknowledged) {
    partner(partnerId);
    if (datasets == null || datasets.isEmpty()) throw InvalidInput.of("datasets", null, "is missing", "one or more of: " + String.join(", ", catalog.ids()));
    for (String d : datasets) {
      if (!catalog.ids().contains(d)) throw InvalidInput.of("datasets", d, "is not a dataset", "one or more of: " + String.join(", ", catalog.ids()));
    }
    if (purposes == null || purposes.isEmpty()) throw InvalidInput.of("purposes", null, "is missing", "one or more of CRIMINAL, CIVIL_IMMIGRATION");
    if (startsOn == null) throw InvalidInput.of("startsOn", null, "is missing", "a date YYYY-MM-DD");
    if (endsOn == null || endsOn.isBefore(startsOn)) throw InvalidInput.of("endsOn", endsOn == null ? null : endsOn.toString(), "is not valid", "a date YYYY-MM-DD on or after startsOn");
    if (!Boolean.TRUE.equals(noOnwardDisclosure)) {
      throw new InvalidInput("noOnwardDisclosure", "noOnwardDisclosure: every agreement must carry the clause: \"" + Agreement.CLAUSE + "\" (want true)");
    }
    if (signedBy == null || signedBy.isBlank() || signedBy.length() > 200) throw InvalidInput.of("signedBy", signedBy, "is not valid", "who signed it for the partner, 1 to 200 characters");
    Optional<ImmigrationWarning> warning = immigrationWarning(partnerId);
    if (warning.isPresent() && !Boolean.TRUE.equals(immigrationAgencyAcknowledged)) {
      throw new InvalidInput(ACKNOWLEDGE_IMMIGRATION_AGENCY, ACKNOWLEDGE_IMMIGRATION_AGENCY + ": "
          + String.join("; ", warning.get().why()) + ", and an agreement with it must be acknowledged as such (want true)");
    }
    Agreement a = new Agreement(store.nextId("gateway_agreement"), partnerId, List.copyOf(datasets), purposes, startsOn,
        endsOn, true, signedBy.strip());
    Instant now = clock.instant();
    record("agreement", partnerId, null, a.id(), null, Ledger.Write.of((c, index) -> store.addAgreement(c, a, now)));
    return a;
  }

  public IssuedKey issueKey(long partnerId, Instant expiresAt) {
    partner(partnerId);
    Instant now = clock.instant();
    if (expiresAt != null && !expiresAt.isAfter(now)) throw InvalidInput.of("expiresAt", expiresAt.toString(), "is not in the future", "a time after now");
    String key = ApiKeys.generate();
    long id = store.nextId("gateway_key");
    record("key_issued", partnerId, null, id, null, Ledger.Write.of((c, index) -> store.addKey(c, id, partnerId, key, now, expiresAt)));
    return new IssuedKey(id, partnerId, key);
  }

  /** Revokes the key and issues its partner a new one, together with their ledger entry. */
  public IssuedKey rotateKey(long keyId) {
    Instant now = clock.instant();
    GatewayStore.KeyInfo old = liveKey(keyId);
    String key = ApiKeys.generate();
    long id = store.nextId("gateway_key");
    record("key_rotated", old.partnerId(), null, id, keyId, (c, index) -> {
      if (!store.revokeKey(c, keyId, now)) return Ledger.Outcome.refused(alreadyRevoked(keyId));
      store.addKey(c, id, old.partnerId(), key, now, old.expiresAt());
      return Ledger.Outcome.done(null);
    });
    return new IssuedKey(id, old.partnerId(), key);
  }

  public void revokeKey(long keyId) {
    Instant now = clock.instant();
    GatewayStore.KeyInfo old = liveKey(keyId);
    // checked again inside the write: another request may have revoked it since
    record("key_revoked", old.partnerId(), null, keyId, null, (c, index) -> store.revokeKey(c, keyId, now)
        ? Ledger.Outcome.done(null) : Ledger.Outcome.refused(alreadyRevoked(keyId)));
  }

  private GatewayStore.KeyInfo liveKey(long keyId) {
    GatewayStore.KeyInfo k = store.key(keyId).orElseThrow(() -> new NotFound("no key " + keyId));
    if (k.revokedAt() != null) throw alreadyRevoked(keyId);
    return k;
  }

  private static InvalidInput alreadyRevoked(long keyId) {
    return InvalidInput.of("key", String.valueOf(keyId), "is already revoked", "a live key");
  }

  /** A key as stored (never the key itself), revoked or not. */
  public GatewayStore.KeyInfo key(long keyId) {
    return store.key(keyId).orElseThrow(() -> new NotFound("no key " + keyId));
  }

  /** The partner a key belongs to, revoked or not. */
  public long keyPartner(long keyId) {
    return store.key(keyId).orElseThrow(() -> new NotFound("no key " + keyId)).partnerId();
  }

  /** Whether the local "no DHS" policy is on: the partners page says so before anyone tries. */
  public boolean noDhsPolicyOn() {
    return engine.localPoliciesOn().contains(NO_DHS);
  }

  public Partner partner(long id) {
    return store.partner(id).orElseThrow(() -> new NotFound("no partner " + id));
  }

  public List<Partner> partners() {
    return store.partners();
  }

  public List<Agreement> agreements(long partnerId) {
    return store.agreements(partnerId);
  }

  public List<GatewayStore.KeyInfo> keys(long partnerId) {
    return store.keys(partnerId);
  }

  public List<GatewayStore.Access> accessLog(GatewayStore.AccessFilter filter) {
    return store.accesses(filter);
  }

  /** A page of the access log with its place in the whole: the pages and the API never cut silently. */
  public GatewayStore.AccessPage accessPage(GatewayStore.AccessFilter filter) {
    return store.accessPage(filter);
  }

  public List<GatewayStore.Trace> trace(String mark) {
    if (mark == null || !mark.matches("r[0-9a-f]{24}")) throw InvalidInput.of("mark", mark, "is not a mark", "r followed by 24 hex digits");
    return store.trace(mark);
  }

  /**
   * Every record reference in pasted text (a leaked row, a value, a file excerpt), traced to the
   * partner it was given to, the record, the look-up that first gave it and the keys live then.
   */
  public LeakTracer.Result traceText(String text) {
    return new LeakTracer(store).trace(text);
  }

  public DatasetCatalog catalog() {
    return catalog;
  }

  /** The partners whose volume or spread of subjects jumped far above their own baseline. */
  public List<Watch.Figures> alerts() {
    return watch.alerts();
  }

  // Staff changes to who may read police records are public facts: ids and codes only. The change
  // commits in the ledger's transaction, so neither exists without the other.
  private <T> T record(String action, long partnerId, String agencyId, Long objectId, Long replaces, Ledger.Write<T> change) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("action", action);
    f.put("partner", partnerId);
    if (agencyId != null) f.put("agency", agencyId);
    if (objectId != null) f.put("object", objectId);
    if (replaces != null) f.put("replaces", replaces);
    f.put("at", clock.instant().toString());
    // a change refused inside the write (a race lost) reaches the caller as its own error
    return ledger.append(LedgerEntry.of("gateway.partner", f), change).value();
  }
}
