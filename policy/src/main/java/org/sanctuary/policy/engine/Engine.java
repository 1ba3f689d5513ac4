package org.sanctuary.policy.engine;

import org.sanctuary.policy.*;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.sanctuary.policy.agency.Agency;
import org.sanctuary.policy.agency.AgencyRegistry;
import org.sanctuary.policy.agency.Facet;
import org.sanctuary.policy.pack.CompiledPack;
import org.sanctuary.policy.pack.PolicyPack;

/**
 * Decides federal requests by the packs in force. Pure and thread-safe: no I/O after
 * construction.
 *
 * <p>The request space is finite (body, requester facets, kind, basis, purpose, four subject
 * facts), and between two effective dates the packs in force do not change. So the engine splits
 * time into epochs and gives each (epoch, body) one table of verdicts over the request space, filled
 * on first use; a decision is a registry look-up, a binary search and an array read.
 */
public final class Engine {
  /** The pseudo-pack named in reasons that come from Sanctuary's own fail-closed rules. */
  public static final String SANCTUARY = "sanctuary";

  private final List<CompiledPack> packs;
  private final AgencyRegistry registry;
  private final Set<String> switchedOn;
  private final long[] epochStarts;
  private final PackSet[][] sets; // [epoch][body]

  private Engine(List<CompiledPack> packs, AgencyRegistry registry, Set<String> switchedOn) {
    this.packs = List.copyOf(packs);
    this.registry = registry;
    this.switchedOn = Set.copyOf(switchedOn);
    TreeSet<LocalDate> bounds = new TreeSet<>();
    for (CompiledPack cp : packs) {
      if (!decides(cp.pack())) continue;
      bounds.add(cp.pack().from());
      if (cp.pack().to() != null) bounds.add(cp.pack().to());
    }
    this.epochStarts = bounds.stream().mapToLong(LocalDate::toEpochDay).toArray();
    this.sets = new PackSet[epochStarts.length][Body.values().length];
    Map<List<String>, PackSet> shared = new HashMap<>();
    for (int e = 0; e < epochStarts.length; e++) {
      LocalDate day = LocalDate.ofEpochDay(epochStarts[e]);
      for (Body body : Body.values()) {
        List<CompiledPack> in = inForceCompiled(body, day);
        if (in.isEmpty()) continue;
        List<String> key = new ArrayList<>();
        key.add(body.name());
        in.forEach(p -> key.add(p.id()));
        sets[e][body.ordinal()] = shared.computeIfAbsent(key, k -> new PackSet(body, in));
      }
    }
  }

  /**
   * Builds an engine over the given packs. {@code localPolicies} names the local-policy packs the
   * city has switched on; enacted packs always decide, proposed packs never do.
   */
  public static Engine of(List<CompiledPack> packs, AgencyRegistry registry, Set<String> localPolicies) {
    Map<String, PolicyPack> byId = new HashMap<>();
    packs.forEach(p -> byId.put(p.id(), p.pack()));
    for (String id : localPolicies) {
      PolicyPack p = byId.get(id);
      if (p == null) {
        throw new InputException("localPolicies", "no pack '" + id + "' to switch on (want one of "
            + String.join(", ", localPolicyIds(packs)) + ")");
      }
      if (p.status() != PackStatus.LOCAL_POLICY) {
        throw new InputException("localPolicies", "pack '" + id + "' is " + p.status().label()
            + ", not local-policy: only local policies are switched on or off");
      }
    }
    return new Engine(packs, registry, localPolicies);
  }

  private static List<String> localPolicyIds(List<CompiledPack> packs) {
    return packs.stream().filter(p -> p.pack().status() == PackStatus.LOCAL_POLICY).map(CompiledPack::id).toList();
  }

  /**
   * True when the pack takes part in decisions: enacted, a directive, or a local policy the city
   * switched on.
   */
  public boolean decides(PolicyPack p) {
    return p.status() == PackStatus.ENACTED || p.status() == PackStatus.DIRECTIVE
        || (p.status() == PackStatus.LOCAL_POLICY && switchedOn.contains(p.id()));
  }

  public Set<String> localPoliciesOn() {
    return switchedOn;
  }

  public AgencyRegistry registry() {
    return registry;
  }

  public List<PolicyPack> packs() {
    return packs.stream().map(CompiledPack::pack).toList();
  }

  public Optional<CompiledPack> pack(String id) {
    return packs.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The deciding packs that bind {@code body} on {@code date}, oldest first. */
  public List<PolicyPack> inForce(Body body, LocalDate date) {
    return inForceCompiled(body, date).stream().map(CompiledPack::pack).toList();
  }

  private List<CompiledPack> inForceCompiled(Body body, LocalDate date) {
    return packs.stream()
        .filter(p -> decides(p.pack()) && p.pack().binds(body) && p.pack().inForceOn(date))
        .sorted(Comparator.comparing((CompiledPack p) -> p.pack().from()).thenComparing(CompiledPack::id))
        .toList();
  }

  /** Decides one request. Throws {@link InputException} when no law binds the body on that date. */
  public Decision decide(FederalRequest r) {
    PackSet set = packSet(r.receivingAgency(), r.received());
    Optional<Agency> agency = registry.resolve(r.requester());
    if (agency.isEmpty()) {
      return new Decision(r.id(), r.received(), null, set.unknownRequester(r.requester()));
    }
    int index = Shape.index(agency.get().facetMask(), r.kind(), r.basis(), r.purpose(), r.subject().bits());
    return new Decision(r.id(), r.received(), agency.get().id(), set.verdict(index));
  }

  /** The verdict of the packs in force for one shape on one date (used by replays and tests). */
  public Verdict verdict(LocalDate date, Shape shape) {
    return packSet(shape.body(), date).verdict(shape.index());
  }

  private PackSet packSet(Body body, LocalDate date) {
    long day = date.toEpochDay();
    int e = java.util.Arrays.binarySearch(epochStarts, day);
    if (e < 0) e = -e - 2; // the epoch that started before this day
    PackSet set = e < 0 ? null : sets[e][body.ordinal()];
    if (set == null) {
      throw new InputException("received", "received: no law in force for " + body + " on " + date
          + earliestHint(body));
    }
    return set;
  }

  private String earliestHint(Body body) {
    return packs.stream()
        .filter(p -> decides(p.pack()) && p.pack().binds(body))
        .map(p -> p.pack().from())
        .min(Comparator.naturalOrder())
        .map(d -> " (the earliest law Sanctuary holds for it took effect " + d + ")")
        .orElse(" (Sanctuary holds no law that binds it)");
  }

  /** The packs in force for one body over one epoch, and their memo table of verdicts. */
  private static final class PackSet {
    private final Body body;
    private final List<CompiledPack> packs;
    private final AtomicReferenceArray<Verdict> table = new AtomicReferenceArray<>(Shape.PER_BODY);
    private final List<String> ids;
    private final ConditionReads reads;

    PackSet(Body body, List<CompiledPack> packs) {
      this.body = body;
      this.packs = List.copyOf(packs);
      this.ids = packs.stream().map(CompiledPack::id).toList();
      this.reads = ConditionReads.of(packs);
    }

    Verdict verdict(int index) {
      Verdict v = table.get(index);
      if (v == null) {
        // shapes that differ only in what no condition reads share one verdict, computed once
        int same = sameVerdictAs(index);
        v = same == index ? null : table.get(same);
        if (v == null) {
          v = compute(same);
          table.lazySet(same, v); // racing threads compute the same immutable value
        }
        table.lazySet(index, v);
      }
      return v;
    }

    /**
     * The shape with the facets no condition reads cleared, and no subject facts unless a condition
     * reads them. The immigration-agent facet always stays: it decides whether the instrument is
     * civil, which overrides the declared purpose.
     */
    private int sameVerdictAs(int index) {
      Shape s = shape(index);
      int facets = s.facets() & (reads.facets() | Facet.IMMIGRATION_AGENT.bit());
      int subject = reads.subject() ? s.subjectBits() : 0;
      return Shape.index(facets, s.kind(), s.basis(), s.purpose(), subject);
    }

    private Verdict compute(int index) {
      return PackEvaluation.decide(packs, shape(index));
    }

    private Shape shape(int index) {
      int subject = index % 16;
      int rest = index / 16;
      Purpose purpose = Purpose.values()[rest % 2];
      rest /= 2;
      Basis basis = Basis.values()[rest % 3];
      rest /= 3;
      Kind kind = Kind.values()[rest % 7];
      int facets = rest / 7;
      return new Shape(body, facets, kind, basis, purpose, subject);
    }

    Verdict unknownRequester(String requester) {
      String shown = requester.length() > 80 ? requester.substring(0, 80) + "..." : requester;
      Reason reason = new Reason(SANCTUARY, "unknown-requester", Effect.DENY,
          "Sanctuary's fail-closed rule: an unidentified requester is refused",
          "The requester '" + shown + "' is not in the agency registry; a requester the city cannot "
              + "identify is refused until it is added to the registry.", List.of());
      return new Verdict(Outcome.DENY, ids, List.of(reason), List.of());
    }
  }

  /**
   * The calendar duties of the deciding packs that bind {@code body} and fall due between
   * {@code from} and {@code to} (both included), by due day. A duty counts when its pack is in force
   * on the day it falls due.
   */
  public List<DueDuty> dutiesDue(Body body, LocalDate from, LocalDate to) {
    if (to.isBefore(from)) throw new InputException("to", "to: " + to + " is before from " + from);
    List<DueDuty> out = new ArrayList<>();
    for (CompiledPack cp : packs) {
      PolicyPack p = cp.pack();
      if (!decides(p) || !p.binds(body)) continue;
      for (org.sanctuary.policy.pack.Duty d : p.duties()) {
        for (LocalDate day : d.dueBetween(from, to)) {
          if (p.inForceOn(day)) out.add(new DueDuty(p.id(), d.id(), d.citation(), d.text(), d.verified(), day));
        }
      }
    }
    out.sort(Comparator.comparing(DueDuty::dueOn).thenComparing(DueDuty::pack).thenComparing(DueDuty::rule));
    return out;
  }

  /** The ids of packs whose requests would be decided together for this body and date. */
  public Set<String> inForceIds(Body body, LocalDate date) {
    Set<String> out = new LinkedHashSet<>();
    inForce(body, date).forEach(p -> out.add(p.id()));
    return out;
  }
}
