package org.sanctuary.requests;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.Engine;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.Reason;
import org.sanctuary.policy.pack.PolicyPack;
import org.sanctuary.store.StoreException;

/**
 * Decides a federal request, stores it with its decision and duties, and appends the decision to
 * the ledger, all before the caller hears the answer. If the ledger cannot record it, the caller
 * gets an error, never an unrecorded answer.
 */
public final class DecisionService {
  private final Engine engine;
  private final RequestStore store;
  private final Ledger ledger;

  public DecisionService(Engine engine, RequestStore store, Ledger ledger) {
    this.engine = engine;
    this.store = store;
    this.ledger = ledger;
  }

  /** A recorded decision: the decision, the request's public id, and its place in the ledger. */
  public record Recorded(Decision decision, RequestStore.Stored stored, Ledger.Appended appended) {}

  public Recorded decide(FederalRequest request) {
    Decision d = engine.decide(request);
    List<String> packs = packVersions(d);
    RequestStore.Stored stored;
    try {
      stored = store.save(request, d, packs);
    } catch (SQLException e) {
      throw new StoreException("cannot store the request: " + e.getMessage(), e);
    }
    Ledger.Appended appended = ledger.append(entry(request, d, stored, packs));
    try {
      store.setLedgerIndex(stored.id(), appended.index());
    } catch (SQLException e) {
      throw new StoreException("cannot link the request to its ledger entry: " + e.getMessage(), e);
    }
    return new Recorded(d, stored, appended);
  }

  private List<String> packVersions(Decision d) {
    List<String> out = new ArrayList<>();
    for (String id : d.inForce()) {
      out.add(engine.pack(id).map(p -> p.pack().versionedId()).orElse(id));
    }
    return out;
  }

  /** The public record of a decision: codes, ids and pack versions; no names, no free text. */
  static LedgerEntry entry(FederalRequest r, Decision d, RequestStore.Stored stored, List<String> packs) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("request", stored.publicId().toString());
    f.put("at", stored.decidedAt().toString());
    f.put("received", r.received().toString());
    f.put("body", r.receivingAgency().name());
    f.put("requester", d.requester() == null ? "UNKNOWN" : d.requester());
    f.put("kind", r.kind().name());
    f.put("basis", r.basis().name());
    f.put("purpose", r.purpose().name());
    f.put("subject", r.subject().bits());
    f.put("outcome", d.outcome().name());
    f.put("packs", packs);
    List<String> rules = new ArrayList<>();
    for (Reason reason : d.reasons()) rules.add(reason.pack() + ":" + reason.rule() + ":" + reason.effect());
    f.put("reasons", rules);
    return LedgerEntry.of("decision", f);
  }

  public Engine engine() {
    return engine;
  }

  /** The packs as the engine holds them, for pages. */
  public List<PolicyPack> packs() {
    return engine.packs();
  }
}
