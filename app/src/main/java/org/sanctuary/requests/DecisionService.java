package org.sanctuary.requests;

import java.time.Instant;
import java.util.UUID;
import java.util.ArrayList;
import java.util.List;
import org.sanctuary.policy.InputException;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.Reason;
import org.sanctuary.policy.pack.PolicyPack;

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
    return decideAll(List.of(request)).get(0);
  }

  /**
   * Decides every request, then records them as one unit: all of them with their ledger entries in
   * one commit, or none. A request the engine cannot decide (no law in force on its date) fails the
   * whole call before anything is stored, naming its position.
   */
  public List<Recorded> decideAll(List<FederalRequest> requests) {
    List<Decision> decisions = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      try {
        decisions.add(engine.decide(requests.get(i)));
      } catch (InputException e) {
        if (requests.size() == 1) throw e;
        throw new InputException("[" + i + "]." + e.field(), "request " + (i + 1) + ": " + e.getMessage());
      }
    }
    Instant at = store.now();
    List<LedgerEntry> entries = new ArrayList<>(requests.size());
    List<RequestStore.Stored> stored = new ArrayList<>(requests.size());
    List<List<String>> packs = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      packs.add(packVersions(decisions.get(i)));
      RequestStore.Stored s = new RequestStore.Stored(-1, UUID.randomUUID(), at);
      stored.add(s);
      entries.add(entry(requests.get(i), decisions.get(i), s, packs.get(i)));
    }
    // The rows are written in the ledger's own batch transaction: the records and their entries
    // commit together, and many callers share one commit. The write keeps no state of its own.
    Ledger.Recorded<List<Long>> recorded = ledger.appendAll(entries, (c, first) -> {
      List<Long> ids = new ArrayList<>(requests.size());
      for (int i = 0; i < requests.size(); i++) {
        ids.add(store.insert(c, requests.get(i), decisions.get(i), packs.get(i), stored.get(i).publicId(), at, first + i));
      }
      return Ledger.Outcome.done(ids);
    });
    List<Recorded> out = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      RequestStore.Stored s = stored.get(i);
      out.add(new Recorded(decisions.get(i), new RequestStore.Stored(recorded.value().get(i), s.publicId(), at),
          recorded.entries().get(i)));
    }
    return out;
  }

  private List<String> packVersions(Decision d) {
    List<String> out = new ArrayList<>();
    for (String id : d.inForce()) {
      out.add(engine.pack(id).map(p -> p.pack().versionedId()).orElse(id));
    }
    return out;
  }

  /** The public record of a decision; its schema is in docs/ledger.md. */
  static LedgerEntry entry(FederalRequest r, Decision d, RequestStore.Stored stored, List<String> packs) {
    List<String> rules = new ArrayList<>();
    for (Reason reason : d.reasons()) rules.add(reason.pack() + ":" + reason.rule() + ":" + reason.effect());
    return new DecisionEntry(stored.publicId().toString(), stored.decidedAt(), r.received(),
        r.receivingAgency().name(), d.requester(), r.kind().name(), r.basis().name(), r.purpose().name(),
        r.subject().bits(), d.outcome().name(), packs, rules).toLedgerEntry();
  }

  public Engine engine() {
    return engine;
  }

  /** The packs as the engine holds them, for pages. */
  public List<PolicyPack> packs() {
    return engine.packs();
  }
}
