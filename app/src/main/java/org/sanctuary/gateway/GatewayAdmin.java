package org.sanctuary.gateway;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.Effect;
import org.sanctuary.policy.Engine;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.Reason;
import org.sanctuary.policy.Subject;
import org.sanctuary.policy.agency.Agency;
import org.sanctuary.web.BadRequest;
import org.sanctuary.web.NotFound;
import org.sanctuary.web.Refused;

/**
 * Managing the gateway: admitting partners, recording their agreements, issuing, rotating and
 * revoking keys. Each change is in the ledger (ids only) before it is acknowledged.
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

  GatewayAdmin(Engine engine, GatewayStore store, DatasetCatalog catalog, Ledger ledger, Clock clock, Watch watch) {
    this.watch = watch;
    this.engine = engine;
    this.store = store;
    this.catalog = catalog;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** A key as issued: the only time the key itself is shown. */
  public record IssuedKey(long keyId, long partnerId, String key) {}

  /**
   * Admits an agency of the registry as a partner. Refused, with the rule that forbids it, when
   * the city's local "no DHS" policy is on and the agency is a DHS component it covers.
   */
  public Partner admit(String agencyName, String name, Integer rate, Integer burst) {
    if (agencyName == null || agencyName.isBlank()) throw BadRequest.of("agency", null, "is missing", "an agency name, acronym or alias from the registry");
    Agency agency = engine.registry().resolve(agencyName).orElseThrow(
        () -> BadRequest.of("agency", agencyName, "is not a known agency", "an agency name, acronym or alias from the registry"));
    int r = rate == null ? DEFAULT_RATE : rate;
    int b = burst == null ? DEFAULT_BURST : burst;
    if (r < 1 || r > 100_000) throw BadRequest.of("ratePerSecond", String.valueOf(r), "is out of bounds", "1 to 100000");
    if (b < 1 || b > 100_000) throw BadRequest.of("burst", String.valueOf(b), "is out of bounds", "1 to 100000");
    String display = name == null || name.isBlank() ? agency.name() : name.strip();
    if (display.length() > 200) throw BadRequest.of("name", display.substring(0, 40) + "...", "is too long", "at most 200 characters");
    Instant now = clock.instant();
    refuseUnderLocalPolicy(agency, LocalDate.ofInstant(now, clock.getZone()));
    Partner p = store.addPartner(agency.id(), display, r, b, now);
    if (p == null) throw BadRequest.of("agency", agencyName, "is already a partner", "an agency not yet admitted");
    record("admitted", p.id(), agency.id(), null);
    return p;
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

  public Agreement addAgreement(long partnerId, List<String> datasets, Set<Purpose> purposes, LocalDate startsOn,
      LocalDate endsOn, Boolean noOnwardDisclosure, String signedBy) {
    partner(partnerId);
    if (datasets == null || datasets.isEmpty()) throw BadRequest.of("datasets", null, "is missing", "one or more of: " + String.join(", ", catalog.ids()));
    for (String d : datasets) {
      if (!catalog.ids().contains(d)) throw BadRequest.of("datasets", d, "is not a dataset", "one or more of: " + String.join(", ", catalog.ids()));
    }
    if (purposes == null || purposes.isEmpty()) throw BadRequest.of("purposes", null, "is missing", "one or more of CRIMINAL, CIVIL_IMMIGRATION");
    if (startsOn == null) throw BadRequest.of("startsOn", null, "is missing", "a date YYYY-MM-DD");
    if (endsOn == null || endsOn.isBefore(startsOn)) throw BadRequest.of("endsOn", endsOn == null ? null : endsOn.toString(), "is not valid", "a date YYYY-MM-DD on or after startsOn");
    if (!Boolean.TRUE.equals(noOnwardDisclosure)) {
      throw new BadRequest("noOnwardDisclosure", "noOnwardDisclosure: every agreement must carry the clause: \"" + Agreement.CLAUSE + "\" (want true)");
    }
    if (signedBy == null || signedBy.isBlank() || signedBy.length() > 200) throw BadRequest.of("signedBy", signedBy, "is not valid", "who signed it for the partner, 1 to 200 characters");
    Agreement a = store.addAgreement(new Agreement(0, partnerId, List.copyOf(datasets), purposes, startsOn, endsOn, true, signedBy.strip()), clock.instant());
    record("agreement", partnerId, null, a.id());
    return a;
  }

  public IssuedKey issueKey(long partnerId, Instant expiresAt) {
    partner(partnerId);
    String key = ApiKeys.generate();
    long id = store.database().inTransaction(c -> store.addKey(c, partnerId, key, clock.instant(), expiresAt));
    record("key_issued", partnerId, null, id);
    return new IssuedKey(id, partnerId, key);
  }

  /** Revokes the key and issues its partner a new one, in one transaction. */
  public IssuedKey rotateKey(long keyId) {
    String key = ApiKeys.generate();
    Instant now = clock.instant();
    long[] ids = store.database().inTransaction(c -> {
      GatewayStore.KeyInfo old = liveKey(c, keyId, now);
      store.revokeKey(c, keyId, now);
      return new long[] {old.partnerId(), store.addKey(c, old.partnerId(), key, now, old.expiresAt())};
    });
    record("key_rotated", ids[0], null, ids[1]);
    return new IssuedKey(ids[1], ids[0], key);
  }

  public void revokeKey(long keyId) {
    Instant now = clock.instant();
    long partnerId = store.database().inTransaction(c -> {
      GatewayStore.KeyInfo old = liveKey(c, keyId, now);
      store.revokeKey(c, keyId, now);
      return old.partnerId();
    });
    record("key_revoked", partnerId, null, keyId);
  }

  private GatewayStore.KeyInfo liveKey(java.sql.Connection c, long keyId, Instant now) throws SQLException {
    GatewayStore.KeyInfo k = store.key(c, keyId).orElseThrow(() -> new NotFound("no key " + keyId));
    if (k.revokedAt() != null) throw BadRequest.of("key", String.valueOf(keyId), "is already revoked", "a live key");
    return k;
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

  public List<GatewayStore.Trace> trace(String mark) {
    if (mark == null || !mark.matches("r[0-9a-f]{24}")) throw BadRequest.of("mark", mark, "is not a mark", "r followed by 24 hex digits");
    return store.trace(mark);
  }

  DatasetCatalog catalog() {
    return catalog;
  }

  /** The partners whose volume or spread of subjects jumped far above their own baseline. */
  /** The newest access-log lines as JSON, each with the exact bytes of its ledger entry. */
  List<String> accessLogWithLedger(int limit) {
    List<String> out = new java.util.ArrayList<>();
    com.fasterxml.jackson.databind.ObjectMapper json = org.sanctuary.web.Json.newMapper();
    for (Map<String, Object> m : AdminController.accessJson(accessLog(new GatewayStore.AccessFilter(null, null, null, null, null, limit)))) {
      long index = (Long) m.get("ledgerIndex");
      m.put("ledgerEntry", store.database().inTransaction(c -> {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT data FROM ledger_entry WHERE idx = ?")) {
          ps.setLong(1, index);
          try (java.sql.ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8) : null;
          }
        }
      }));
      try {
        out.add(json.writeValueAsString(m));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  public List<Watch.Figures> alerts() {
    return watch.alerts();
  }

  // Staff changes to who may read police records are public facts: ids and codes only.
  private void record(String action, long partnerId, String agencyId, Long objectId) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("action", action);
    f.put("partner", partnerId);
    if (agencyId != null) f.put("agency", agencyId);
    if (objectId != null) f.put("object", objectId);
    f.put("at", clock.instant().toString());
    ledger.append(LedgerEntry.of("gateway.partner", f));
  }
}
